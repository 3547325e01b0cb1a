package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.TestServer.App;
import dev.tollgate.server.TestServer.Reply;
import dev.tollgate.token.TokenBuilder;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /hooks/http-auth} as nginx's {@code auth_request} calls it (no body, the original URI in {@code
 * X-Original-URI}, the client's cookies), over real HTTP against a real server and database. Through a real nginx: {@link
 * WhenNginxGatesStreams}.
 */
class WhenNginxAsksBeforeAnHlsFetch extends ServerScenario {
    App app;
    String ref;
    String directory;

    @BeforeEach
    void createAChannelAndAReference() {
        app = server.createApplication("hls");
        Reply channel = server.postJson("/v1/channels", app.basic(), "{\"alias\":\"news\"}");
        assertThat(channel.status()).as(channel.body()).isEqualTo(201);
        Reply reply = server.postJson(
                "/v1/token-refs",
                null,
                "{\"token\":\""
                        + new TokenBuilder()
                                .withApplicationId(app.id())
                                .withSecret(app.secret())
                                .withClock(clock)
                                .expiresIn(Duration.ofMinutes(1))
                                .forChannelAlias("news")
                                .build()
                        + "\"}");
        ref = reply.json().get("ref").asText();
        directory = "/hls/" + app.id() + "/news/";
    }

    Reply ask(String originalUri, String cookie) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (originalUri != null) {
            headers.put("X-Original-URI", originalUri);
        }
        if (cookie != null) {
            headers.put("Cookie", cookie);
        }
        return server.get("/hooks/http-auth", headers);
    }

    static String cookieOf(Reply reply) {
        String header = reply.header("Set-Cookie");
        assertThat(header).as(reply.body()).isNotNull();
        return header.substring(0, header.indexOf(';'));
    }

    @Test
    void anAdmittedPlaylistsCookieLetsSegmentsPassPastTheTokensExpiry() {
        Reply playlist = ask(directory + "index.m3u8?token=" + ref, null);
        String cookie = cookieOf(playlist);
        // Past the token's minute, within the usage session timeout (3 min).
        clock.advance(Duration.ofMinutes(2));
        Reply segment = ask(directory + "12.ts", "other=1; " + cookie);
        Reply refresh = ask(directory + "index.m3u8?token=" + ref, cookie);

        assertThat(playlist.status()).isEqualTo(204);
        assertThat(playlist.header("Set-Cookie"))
                .matches("tollgate-hls=[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}; Path=" + directory
                        + "; HttpOnly; SameSite=Lax");
        assertThat(segment.status()).isEqualTo(204);
        // The refresh is the same subscription: no second session, although its token has expired.
        assertThat(refresh.status()).isEqualTo(204);
        assertThat(server.sql("SELECT COUNT(*) FROM usage_sessions WHERE media_server = 'http-auth'"))
                .isEqualTo(1);
    }

    @Test
    void segmentsStopPassingOnceTheSubscriptionHasEnded() {
        String cookie = cookieOf(ask(directory + "index.m3u8?token=" + ref, null));
        server.sql("UPDATE usage_sessions SET ended_at = last_seen_at + 1, open_client_key = NULL");
        Reply cached = ask(directory + "1.ts", cookie);
        clock.advance(Duration.ofSeconds(6));

        Reply ended = ask(directory + "2.ts", cookie);

        // Within the recheck window the fetch passes from memory; after it the database says the session ended.
        assertThat(cached.status()).isEqualTo(204);
        assertThat(ended.status()).isEqualTo(403);
        assertThat(ended.json().get("code").asText()).isEqualTo("session-ended");
    }

    @Test
    void aCookieOfAnotherStreamOrAForgedOneDoesNotPass() {
        String cookie = cookieOf(ask(directory + "index.m3u8?token=" + ref, null));
        String forged = cookie.substring(0, cookie.length() - 2) + (cookie.endsWith("AA") ? "BB" : "AA");

        Reply elsewhere = ask("/hls/" + app.id() + "/sports/1.ts", cookie);
        Reply altered = ask(directory + "1.ts", forged);
        Reply none = ask(directory + "1.ts", null);

        assertThat(elsewhere.status()).isEqualTo(401);
        assertThat(altered.status()).isEqualTo(401);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.json().get("code").asText()).isEqualTo("missing-token");
    }

    @Test
    void everyRefusalIs401Or403SoThatNginxPassesIt() {
        Reply noHeader = ask(null, null);
        Reply climbing = ask("/hls/" + app.id() + "/news/../../x/index.m3u8?token=" + ref, null);
        Reply badHookUrl = server.get("/hooks/http-auth?kind=stream", Map.of("X-Original-URI", directory + "1.ts"));
        Reply unknownChannel = ask("/hls/" + app.id() + "/sports/index.m3u8?token=" + ref, null);
        Reply badEscape = ask(directory + "index.m3u8?token=%zz", null);

        assertThat(noHeader.status()).isEqualTo(403);
        assertThat(noHeader.json().get("code").asText()).isEqualTo("bad-original-uri");
        assertThat(climbing.status()).isEqualTo(403);
        assertThat(badHookUrl.status()).isEqualTo(403);
        assertThat(badHookUrl.json().get("code").asText()).isEqualTo("invalid-hook-url");
        assertThat(unknownChannel.status()).isEqualTo(403);
        assertThat(unknownChannel.json().get("code").asText()).isEqualTo("unknown-channel");
        assertThat(badEscape.status()).isEqualTo(403);
    }

    @Test
    void theHookUrlNamesTheApplicationAndTheHeader() {
        Reply reply = server.get(
                "/hooks/http-auth?application=" + app.id() + "&header=X-Uri",
                Map.of("X-Uri", "/live/news/index.m3u8?token=" + ref));

        assertThat(reply.status()).as(reply.body()).isEqualTo(204);
        assertThat(reply.header("Set-Cookie")).contains("Path=/live/news/");
    }
}
