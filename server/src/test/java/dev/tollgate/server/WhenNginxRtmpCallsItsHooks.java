package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.TestServer.App;
import dev.tollgate.server.TestServer.Reply;
import dev.tollgate.token.TokenBuilder;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * nginx-rtmp's notify hooks called as nginx-rtmp 1.2.2 calls them (the recorded form, the client's query appended raw),
 * over real HTTP against a real server and database. What nginx and ffmpeg do with the answers is in {@link
 * WhenNginxGatesStreams}.
 */
class WhenNginxRtmpCallsItsHooks extends ServerScenario {
    App app;
    String ref;

    @BeforeEach
    void createAChannelAndAReference() {
        app = server.createApplication("rtmp");
        Reply channel = server.postJson("/v1/channels", app.basic(), "{\"alias\":\"news\"}");
        assertThat(channel.status()).as(channel.body()).isEqualTo(201);
        ref = ref(token().build());
    }

    TokenBuilder token() {
        return new TokenBuilder()
                .withApplicationId(app.id())
                .withSecret(app.secret())
                .withClock(clock)
                .expiresIn(Duration.ofMinutes(1))
                .forChannelAlias("news");
    }

    String ref(String token) {
        Reply reply = server.postJson("/v1/token-refs", null, "{\"token\":\"" + token + "\"}");
        assertThat(reply.status()).as(reply.body()).isIn(200, 201);
        return reply.json().get("ref").asText();
    }

    /** The form nginx-rtmp posts, then the client's query. */
    String form(String call, String app, String clientId, String clientQuery) {
        return "app=" + app + "&flashver=LNX%209,0,124,2&swfurl=&tcurl=rtmp://127.0.0.1:1935/" + app
                + "&pageurl=&addr=127.0.0.1&clientid=" + clientId + "&call=" + call
                + "&name=news&start=4294965296&duration=0&reset=0&" + clientQuery;
    }

    Reply hook(String event, String form) {
        return server.postForm("/hooks/nginx-rtmp/" + event, null, form);
    }

    long openSessions() {
        return server.sql("SELECT COUNT(*) FROM usage_sessions WHERE ended_at IS NULL");
    }

    @Test
    void aPlayIsAdmittedAndKeptAlivePastItsTokensExpiryUntilItIsDone() {
        Reply play = hook("play", form("play", app.id(), "7", "token=" + ref));
        // Past the token's minute, within the usage session timeout (3 min), after which the reaper would end it.
        clock.advance(Duration.ofMinutes(2));
        Reply update = hook("update", form("update_play", app.id(), "7", "token=" + ref));
        Reply done = hook("play_done", form("play_done", app.id(), "7", "token=" + ref));
        Reply again = hook("done", form("done", app.id(), "7", "token=" + ref));
        Reply late = hook("update", form("update_play", app.id(), "7", "token=" + ref));

        assertThat(play.status()).as(play.body()).isEqualTo(204);
        assertThat(update.status()).as(update.body()).isEqualTo(204);
        assertThat(done.status()).isEqualTo(204);
        assertThat(again.status()).isEqualTo(204);
        assertThat(late.status()).isEqualTo(403);
        assertThat(late.json().get("code").asText()).isEqualTo("unknown-session");
        assertThat(openSessions()).isZero();
        assertThat(server.sql("SELECT COUNT(*) FROM usage_sessions WHERE ended_at - started_at = 120000"))
                .isEqualTo(1);
    }

    @Test
    void theHookUrlNamesTheApplicationWhenTheRtmpAppIsAnotherName() {
        Reply play = server.postForm(
                "/hooks/nginx-rtmp/play?application=" + app.id(), null, form("play", "live", "1", "token=" + ref));
        Reply without = hook("play", form("play", "live", "2", "token=" + ref));

        assertThat(play.status()).as(play.body()).isEqualTo(204);
        assertThat(without.status()).isEqualTo(403);
        assertThat(without.json().get("code").asText()).isEqualTo("unknown-channel");
    }

    @Test
    void aRefusalIsTheGatesStatusAndCodeAndOpensNoSession() {
        Reply missing = hook("play", form("play", app.id(), "1", "type=live"));
        Reply publish = hook("publish", form("publish", app.id(), "2", "token=" + ref));
        Reply unknown = hook("play", form("play", app.id(), "3", "token=tgr_AAAAAAAAAAAAAAAAAAAAAA"));

        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.json().get("code").asText()).isEqualTo("missing-token");
        assertThat(publish.status()).isEqualTo(403);
        assertThat(publish.json().get("code").asText()).isEqualTo("wrong-token-type");
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.json().get("code").asText()).isEqualTo("unknown-token-ref");
        assertThat(server.sql("SELECT COUNT(*) FROM usage_sessions")).isZero();
    }

    @Test
    void aClientCannotReplaceNginxsAddressByAppendingItsOwn() {
        String bound = ref(token().forRemoteAddress("203.0.113.9").build());

        Reply play = hook("play", form("play", app.id(), "1", "token=" + bound + "&addr=203.0.113.9"));

        assertThat(play.status()).isEqualTo(403);
        assertThat(play.json().get("code").asText()).isEqualTo("remote-address-mismatch");
    }

    @Test
    void twoNginxNodesWithTheSameClientIdKeepTheirSessionsApart() {
        Reply first =
                server.postForm("/hooks/nginx-rtmp/play?node=a", null, form("play", app.id(), "1", "token=" + ref));
        Reply second =
                server.postForm("/hooks/nginx-rtmp/play?node=b", null, form("play", app.id(), "1", "token=" + ref));
        Reply done =
                server.postForm("/hooks/nginx-rtmp/done?node=a", null, form("done", app.id(), "1", "token=" + ref));

        assertThat(first.status()).isEqualTo(204);
        assertThat(second.status()).isEqualTo(204);
        assertThat(done.status()).isEqualTo(204);
        assertThat(openSessions()).isEqualTo(1);
    }

    @Test
    void aFormThatCannotBeReadIsABadRequestAndNeverA5xx() {
        Reply escape = hook("play", "app=" + app.id() + "&clientid=1&name=news&token=%zz");
        Reply noClient = hook("play", "app=" + app.id() + "&name=news&token=" + ref);
        Reply badHookUrl = server.postForm("/hooks/nginx-rtmp/play?aplication=x", null, form("play", "x", "1", ""));
        Reply notUtf8 = server.send(
                "POST",
                "/hooks/nginx-rtmp/done",
                java.util.Map.of("Content-Type", "application/x-www-form-urlencoded"),
                new byte[] {'a', 'p', 'p', '=', (byte) 0xff});

        assertThat(escape.status()).isEqualTo(400);
        assertThat(escape.json().get("code").asText()).isEqualTo("malformed-form");
        assertThat(noClient.status()).isEqualTo(400);
        assertThat(noClient.json().get("code").asText()).isEqualTo("missing-parameter");
        assertThat(badHookUrl.status()).isEqualTo(400);
        assertThat(badHookUrl.json().get("code").asText()).isEqualTo("invalid-hook-url");
        assertThat(notUtf8.status()).isEqualTo(400);
        assertThat(notUtf8.json().get("code").asText()).isEqualTo("malformed-form");
    }
}
