package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.TestServer.App;
import dev.tollgate.server.TestServer.Reply;
import dev.tollgate.token.TokenBuilder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One revoked tag refuses at every entry point that takes a DIGEST token: the explanation, the decision, session
 * opening, every media server's hook at admission, and — where the media server checks again — at its keep-alive:
 * nginx-rtmp's {@code update}, the next HLS fetch (even with a valid subscription cookie). A {@code session} entry
 * ends a stream whose token was bound to it at its next {@code update}.
 */
class WhenRevokingAtEveryEntryPoint extends ServerScenario {
    static final String TAG = "customer=acme";

    App app;
    String token;
    String ref;

    @BeforeEach
    void createAChannelAndAToken() {
        app = server.createApplication("entry-points");
        Reply channel = server.postJson("/v1/channels", app.basic(), "{\"alias\":\"news\"}");
        assertThat(channel.status()).as(channel.body()).isEqualTo(201);
        token = token(new TokenBuilder().applyTag(TAG));
        ref = reference(token);
    }

    String token(TokenBuilder builder) {
        return builder.withApplicationId(app.id())
                .withSecret(app.secret())
                .withClock(clock)
                .expiresIn(Duration.ofMinutes(10))
                .forChannelAlias("news")
                .build();
    }

    String reference(String tokenValue) {
        Reply reply = server.postJson("/v1/token-refs", null, "{\"token\":\"" + tokenValue + "\"}");
        assertThat(reply.status()).as(reply.body()).isIn(200, 201);
        return reply.json().get("ref").asText();
    }

    void revoke(String kind, String value) {
        Reply reply = server.postJson(
                "/v1/revocations", app.basic(), "{\"kind\":\"" + kind + "\",\"value\":\"" + value + "\"}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    }

    static void assertRevoked(Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(401);
        assertThat(reply.json().get("code").asText()).isEqualTo("revoked");
    }

    Reply rtmp(String event, String call, String clientId, String tokenValue, String session) {
        return server.postForm(
                "/hooks/nginx-rtmp/" + event,
                null,
                "app=" + app.id() + "&flashver=LNX%209,0,124,2&swfurl=&tcurl=rtmp://127.0.0.1:1935/" + app.id()
                        + "&pageurl=&addr=127.0.0.1&clientid=" + clientId + "&call=" + call
                        + "&name=news&start=4294965296&duration=0&reset=0&token=" + tokenValue
                        + (session == null ? "" : "&session=" + session));
    }

    Reply hls(String uri, String cookie) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Original-URI", uri);
        if (cookie != null) {
            headers.put("Cookie", cookie);
        }
        return server.get("/hooks/http-auth", headers);
    }

    @Test
    void theExplanationTheDecisionAndSessionOpeningRefuseIt() {
        revoke("tag", TAG);

        Reply explained = server.postJson("/v1/tokens/verify", null, "{\"token\":\"" + ref + "\"}");
        Reply authorized = server.edgeAuthorize("{\"token\":\"" + token + "\",\"request\":{\"action\":\"subscribe\","
                + "\"channel\":{\"id\":\"c1\",\"alias\":\"news\"}}}");
        Reply session = server.postJson("/v1/sessions", "Bearer " + token, null);

        assertThat(explained.status()).isEqualTo(200);
        assertThat(explained.json().get("decision").asText()).isEqualTo("denied");
        assertThat(explained.json().get("code").asText()).isEqualTo("revoked");
        assertRevoked(authorized);
        assertRevoked(session);
    }

    @Test
    void nginxRtmpRefusesThePlayAndCutsAnEstablishedOneAtItsNextUpdate() {
        assertThat(rtmp("play", "play", "1", ref, null).status()).isEqualTo(204);

        revoke("tag", TAG);

        assertRevoked(rtmp("play", "play", "2", ref, null));
        assertRevoked(rtmp("update", "update_play", "1", "x", null));
    }

    @Test
    void theNextHlsFetchIsRefusedEvenWithAValidSubscriptionCookie() {
        String directory = "/hls/" + app.id() + "/news/";
        Reply playlist = hls(directory + "index.m3u8?token=" + ref, null);
        String cookie = playlist.header("Set-Cookie").split(";", 2)[0];
        assertThat(hls(directory + "1.ts", cookie).status()).isEqualTo(204);

        revoke("tag", TAG);

        // Within the recheck window, when the store is not asked: the cookie's subscription is checked from memory.
        assertRevoked(hls(directory + "2.ts", cookie));
        assertThat(hls(directory + "3.ts", cookie).status()).isIn(401, 403);
        assertRevoked(hls(directory + "index.m3u8?token=" + ref, null));
        assertThat(server.sql("SELECT COUNT(*) FROM usage_sessions WHERE ended_at IS NULL"))
                .isZero();
    }

    @Test
    void icecastMediaMtxAndSrsRefuseAtConnect() {
        revoke("tag", TAG);

        Reply icecast = server.postForm(
                "/hooks/icecast?application=" + app.id(),
                null,
                "action=listener_add&server=127%2e0%2e0%2e1&port=8000&client=1&mount="
                        + URLEncoder.encode("/news.ogg?token=" + ref, StandardCharsets.UTF_8)
                        + "&user=&pass=&ip=127%2e0%2e0%2e1&agent=curl");
        Reply mediamtx = server.postJson(
                "/hooks/mediamtx",
                null,
                "{\"ip\":\"127.0.0.1\",\"user\":\"\",\"password\":\"\",\"token\":\"\",\"action\":\"read\",\"path\":\""
                        + app.id() + "/news\",\"protocol\":\"rtmp\",\"id\":null,\"query\":\"token=" + ref
                        + "\",\"userAgent\":\"\"}");
        Reply srs = server.postJson(
                "/hooks/srs/on_play",
                null,
                "{\"action\":\"on_play\",\"client_id\":\"c1\",\"ip\":\"127.0.0.1\",\"vhost\":\"__defaultVhost__\","
                        + "\"app\":\"" + app.id() + "\",\"stream\":\"news\",\"param\":\"?token=" + ref + "\"}");

        assertThat(icecast.header("icecast-auth-user")).as(icecast.body()).isNull();
        assertThat(icecast.header("icecast-auth-message")).isEqualTo("revoked");
        assertRevoked(mediamtx);
        assertThat(srs.status()).as(srs.body()).isNotEqualTo(200);
        assertThat(srs.body()).contains("revoked");
    }

    @Test
    void aSessionRevocationCutsTheStreamsOfTokensBoundToIt() {
        String apiToken = server.apiToken(app, null);
        String clientToken =
                server.clientAccessToken(apiToken, "{\"externalId\":\"alice\",\"sessionScope\":\"conf:create\"}");
        Reply opened = server.postJson("/v1/sessions", "Bearer " + clientToken, null);
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        String sessionId = opened.json().get("sessionId").asText();
        String bound = reference(token(new TokenBuilder().forSession(sessionId)));
        assertThat(rtmp("play", "play", "5", bound, sessionId).status()).isEqualTo(204);
        assertThat(rtmp("update", "update_play", "5", "x", null).status()).isEqualTo(204);

        revoke("session", sessionId);

        assertRevoked(rtmp("update", "update_play", "5", "x", null));
        assertRevoked(rtmp("play", "play", "6", bound, sessionId));
    }
}
