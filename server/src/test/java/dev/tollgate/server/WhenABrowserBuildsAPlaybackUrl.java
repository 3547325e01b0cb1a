package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.server.TestServer.App;
import dev.tollgate.server.TestServer.Reply;
import dev.tollgate.token.TokenBuilder;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HLS URLs the browser SDK builds in real Chromium ({@code playbackUrl}: a short viewing token in the query, a
 * channel ID in the path, a token too long for a URL exchanged for its {@code tgr_} reference at the real {@code POST
 * /v1/token-refs}) are the URLs Tollgate's {@code auth_request} hook admits: each one's path and query, passed as
 * nginx passes {@code $request_uri}, is a 204 with the subscription cookie.
 */
class WhenABrowserBuildsAPlaybackUrl {
    @TempDir
    Path dataDirectory;

    TestServer server;
    HeadlessChromium browser;
    App app;
    String channelId;

    @BeforeEach
    void start() {
        HeadlessChromium.assumeInstalled();
        server = TestServer.start(ServerConfig.of(dataDirectory, 0), Clock.systemUTC());
        app = server.createApplication("hls");
        Reply channel = server.postJson("/v1/channels", app.basic(), "{\"alias\":\"news\"}");
        assertThat(channel.status()).as(channel.body()).isEqualTo(201);
        channelId = channel.json().get("id").asText();
        browser = HeadlessChromium.start();
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    String viewingToken(String uri) {
        TokenBuilder builder = new TokenBuilder()
                .withApplicationId(app.id())
                .withSecret(app.secret())
                .expiresIn(Duration.ofMinutes(5))
                .forChannelAlias("news")
                .forStreamingOnly();
        return (uri == null ? builder : builder.withUri(uri)).build();
    }

    /** What the page's {@code playbackUrl(options)} resolves to, for each of {@code options}. */
    List<String> playbackUrls(List<Map<String, String>> options) throws IOException {
        browser.driver().get(server.server.url().toString().replaceAll("/+$", "") + "/sdk/demo.html");
        Object answer = browser.driver.executeAsyncScript("""
                        const done = arguments[arguments.length - 1];
                        const options = JSON.parse(arguments[0]);
                        import("/sdk/tollgate.js")
                            .then(async (sdk) => {
                                const urls = [];
                                for (const option of options) urls.push(await sdk.playbackUrl(option));
                                done(JSON.stringify({ urls }));
                            })
                            .catch((error) => done(JSON.stringify({ error: String(error), code: error.code })));
                        """, TestServer.JSON.writeValueAsString(options));
        JsonNode result = TestServer.JSON.readTree(String.valueOf(answer));
        assertThat(result.has("urls")).as(result.toString()).isTrue();
        return TestServer.JSON.convertValue(
                result.get("urls"), TestServer.JSON.getTypeFactory().constructCollectionType(List.class, String.class));
    }

    Reply askTheHook(String url) {
        URI parsed = URI.create(url);
        return server.get(
                "/hooks/http-auth", Map.of("X-Original-URI", parsed.getRawPath() + "?" + parsed.getRawQuery()));
    }

    @Test
    void theHookAdmitsEveryUrlItBuilds() throws IOException {
        String shortToken = viewingToken(null);
        String longToken = viewingToken("https://backend.example/" + "a".repeat(2100));
        String media = "http://media.example";

        List<String> urls = playbackUrls(List.of(
                Map.of("channelAlias", "news", "token", shortToken, "baseUrl", media),
                Map.of("channelId", channelId, "token", shortToken, "baseUrl", media),
                Map.of("channelAlias", "news", "token", longToken, "baseUrl", media)));

        assertThat(urls.get(0)).startsWith(media + "/hls/" + app.id() + "/news/index.m3u8?token=DIGEST%3A");
        assertThat(urls.get(1)).startsWith(media + "/hls/" + app.id() + "/" + channelId.replace("#", "%23") + "/");
        assertThat(urls.get(2)).matches(".*/news/index\\.m3u8\\?token=tgr_[A-Za-z0-9_-]{22}");
        for (String url : urls) {
            Reply admitted = askTheHook(url);
            assertThat(admitted.status()).as(url + " → " + admitted.body()).isEqualTo(204);
            assertThat(admitted.header("Set-Cookie")).startsWith("tollgate-hls=");
        }
    }
}
