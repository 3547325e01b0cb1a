package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.edge.RevocationKind;
import dev.tollgate.server.TestServer.App;
import dev.tollgate.server.TestServer.Reply;
import dev.tollgate.server.internal.revocations.JdbcRevocationStore;
import dev.tollgate.server.internal.revocations.Revocation;
import dev.tollgate.server.internal.revocations.Revocations;
import dev.tollgate.token.Decoded;
import dev.tollgate.token.DigestTokens;
import dev.tollgate.token.TokenBuilder;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An established nginx-rtmp play whose token is revoked is refused at its next {@code update} (so nginx-rtmp drops
 * the client) and its usage session ends; a play of another token on the same channel goes on.
 */
class WhenAStreamsTokenIsRevoked extends ServerScenario {
    App app;
    String channelId;
    String token;
    Revocations elsewhere;

    @BeforeEach
    void playAChannel() {
        app = server.createApplication("rtmp");
        Reply channel = server.postJson("/v1/channels", app.basic(), "{\"alias\":\"news\"}");
        assertThat(channel.status()).as(channel.body()).isEqualTo(201);
        channelId = channel.json().get("id").asText();
        elsewhere = new Revocations(new JdbcRevocationStore(server.jdbi()), clock);
        token = token("viewer=1");
        Reply play = hook("play", form("play", "7", ref(token)));
        assertThat(play.status()).as(play.body()).isEqualTo(204);
    }

    String token(String tag) {
        return new TokenBuilder()
                .withApplicationId(app.id())
                .withSecret(app.secret())
                .withClock(clock)
                .expiresIn(Duration.ofMinutes(1))
                .forChannelAlias("news")
                .applyTag(tag)
                .build();
    }

    String ref(String tokenValue) {
        Reply reply = server.postJson("/v1/token-refs", null, "{\"token\":\"" + tokenValue + "\"}");
        assertThat(reply.status()).as(reply.body()).isIn(200, 201);
        return reply.json().get("ref").asText();
    }

    String form(String call, String clientId, String ref) {
        return "app=" + app.id() + "&flashver=LNX%209,0,124,2&swfurl=&tcurl=rtmp://127.0.0.1:1935/" + app.id()
                + "&pageurl=&addr=127.0.0.1&clientid=" + clientId + "&call=" + call
                + "&name=news&start=4294965296&duration=0&reset=0&token=" + ref;
    }

    Reply hook(String event, String form) {
        return server.postForm("/hooks/nginx-rtmp/" + event, null, form);
    }

    Revocation revoke(RevocationKind kind, String value) {
        return elsewhere
                .revoke(new Revocation(
                        "rev_" + kind.wireName(),
                        app.id(),
                        kind,
                        value,
                        Optional.empty(),
                        clock.instant(),
                        clock.instant().plus(Duration.ofDays(1)),
                        0))
                .revocation();
    }

    long openSessions() {
        return server.sql("SELECT COUNT(*) FROM usage_sessions WHERE ended_at IS NULL");
    }

    void assertTheUpdateEndsThePlay(String clientId) {
        Reply update = hook("update", form("update_play", clientId, "x"));
        assertThat(update.status()).as(update.body()).isEqualTo(401);
        assertThat(update.json().get("code").asText()).isEqualTo("revoked");
        Reply late = hook("update", form("update_play", clientId, "x"));
        assertThat(late.json().get("code").asText()).isEqualTo("unknown-session");
    }

    @Test
    void aPlayOfTheRevokedTokenIsCutAtItsNextUpdateAndAnotherTokensPlayGoesOn() {
        Reply other = hook("play", form("play", "8", ref(token("viewer=2"))));
        assertThat(other.status()).as(other.body()).isEqualTo(204);
        Decoded decoded = (Decoded) DigestTokens.decodeUnverified(token);
        revoke(RevocationKind.TOKEN, Revocations.grantDigest(app.id(), decoded.claims()));
        clock.advance(Duration.ofMillis(1_001));

        assertTheUpdateEndsThePlay("7");
        assertThat(hook("update", form("update_play", "8", "x")).status()).isEqualTo(204);
        assertThat(openSessions()).isEqualTo(1);
    }

    @Test
    void aPlayIsCutWhenItsChannelIsRevokedByItsId() {
        revoke(RevocationKind.CHANNEL, channelId);
        clock.advance(Duration.ofMillis(1_001));

        assertTheUpdateEndsThePlay("7");
        assertThat(openSessions()).isZero();
    }

    @Test
    void aPlayIsCutWhenATagItsTokenAppliesIsRevoked() {
        revoke(RevocationKind.TAG, "viewer=1");
        clock.advance(Duration.ofMillis(1_001));

        assertTheUpdateEndsThePlay("7");
    }

    @Test
    void aPlayNoEntryMatchesIsKeptAlive() {
        revoke(RevocationKind.TAG, "viewer=someone-else");
        clock.advance(Duration.ofMillis(1_001));

        assertThat(hook("update", form("update_play", "7", "x")).status()).isEqualTo(204);
    }
}
