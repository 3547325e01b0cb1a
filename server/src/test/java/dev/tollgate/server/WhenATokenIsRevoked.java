package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A revocation entry refuses the tokens it matches at {@code /v1/edge/authorize} and {@code /v1/tokens/verify} with
 * {@code revoked} (401) and the entry's ID in the trace. The entries are written as another node would write them,
 * straight to the shared store, so the server sees them at its next re-read: within the one-second interval.
 */
class WhenATokenIsRevoked extends ServerScenario {
    App app;
    App other;
    Revocations elsewhere;
    String token;

    @BeforeEach
    void mintAToken() {
        app = server.createApplication("edge");
        other = server.createApplication("other");
        elsewhere = new Revocations(new JdbcRevocationStore(server.jdbi()), clock);
        token = token().build();
    }

    TokenBuilder token() {
        return new TokenBuilder()
                .withApplicationId(app.id())
                .withSecret(app.secret())
                .withClock(clock)
                .expiresIn(Duration.ofHours(1))
                .forStreamingOnly()
                .forChannelAlias("my-channel")
                .forSession("sess-1")
                .applyTag("customer=acme-corp");
    }

    Reply authorize(String tokenValue) {
        return server.edgeAuthorize("{\"token\":\"" + tokenValue + "\",\"request\":{\"action\":\"subscribe\","
                + "\"channel\":{\"id\":\"c1\",\"alias\":\"my-channel\"},\"sessionId\":\"sess-1\"}}");
    }

    Reply verify(String tokenValue) {
        return server.postJson("/v1/tokens/verify", null, "{\"token\":\"" + tokenValue + "\"}");
    }

    Revocation revoke(App owner, RevocationKind kind, String value) {
        return revoke(owner, kind, value, clock.instant().plus(Duration.ofDays(1)));
    }

    /** A token's entry ends at the token's expiry: the decision path finds it by that instant first. */
    Revocation revoke(App owner, RevocationKind kind, String value, Instant endsAt) {
        String id = "rev_" + kind.wireName() + "_" + owner.id();
        return elsewhere
                .revoke(new Revocation(id, owner.id(), kind, value, Optional.empty(), clock.instant(), endsAt, 0))
                .revocation();
    }

    static List<String> checks(JsonNode answer) {
        List<String> checks = new ArrayList<>();
        answer.get("trace")
                .forEach(check -> checks.add(
                        check.get("check").asText() + ":" + check.get("outcome").asText()));
        return checks;
    }

    void assertRevokedBy(Reply reply, Revocation entry) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(401);
        assertThat(reply.json().get("code").asText()).isEqualTo("revoked");
    }

    void assertExplainedAsRevokedBy(String tokenValue, Revocation entry) {
        Reply explained = verify(tokenValue);
        assertThat(explained.body()).contains("\"revoked\"").contains(entry.id());
        assertThat(checks(explained.json())).last().isEqualTo("revocation:fail");
    }

    @Test
    void theTokenItselfIsRefusedOnceTheServerReReadsTheStore() {
        assertThat(authorize(token).status()).isEqualTo(200);
        Decoded decoded = (Decoded) DigestTokens.decodeUnverified(token);
        Revocation entry = revoke(
                app,
                RevocationKind.TOKEN,
                Revocations.grantDigest(app.id(), decoded.claims()),
                decoded.claims().expiresAt());

        // Within the interval the server still answers from the copy it read.
        Reply stale = authorize(token);
        clock.advance(Duration.ofMillis(1_001));
        Reply fresh = authorize(token);

        assertThat(stale.status()).isEqualTo(200);
        assertRevokedBy(fresh, entry);
        assertThat(fresh.header("WWW-Authenticate")).contains("invalid_token");
        assertExplainedAsRevokedBy(token, entry);
        // Another token of the same grant rules is another grant: not matched.
        assertThat(authorize(token().applyTag("other").build()).status()).isEqualTo(200);
    }

    @Test
    void everyTokenApplyingOrRequiringATagIsRefused() {
        Revocation entry = revoke(app, RevocationKind.TAG, "customer=acme-corp");
        clock.advance(Duration.ofMillis(1_001));

        assertRevokedBy(authorize(token), entry);
        assertExplainedAsRevokedBy(token, entry);
        String requiring = new TokenBuilder()
                .withApplicationId(app.id())
                .withSecret(app.secret())
                .withClock(clock)
                .expiresIn(Duration.ofHours(1))
                .forTag("customer=acme-corp")
                .build();
        assertExplainedAsRevokedBy(requiring, entry);
    }

    @Test
    void everyTokenDesignatingAChannelIsRefused() {
        Revocation entry = revoke(app, RevocationKind.CHANNEL, "my-channel");
        clock.advance(Duration.ofMillis(1_001));

        assertRevokedBy(authorize(token), entry);
        assertExplainedAsRevokedBy(token, entry);
    }

    @Test
    void everyTokenBoundToASessionIsRefused() {
        Revocation entry = revoke(app, RevocationKind.SESSION, "sess-1");
        clock.advance(Duration.ofMillis(1_001));

        assertRevokedBy(authorize(token), entry);
        assertExplainedAsRevokedBy(token, entry);
    }

    @Test
    void anotherApplicationsEntryMatchesNothingHere() {
        revoke(other, RevocationKind.TAG, "customer=acme-corp");
        revoke(other, RevocationKind.CHANNEL, "my-channel");
        clock.advance(Duration.ofMillis(1_001));

        assertThat(authorize(token).status()).isEqualTo(200);
    }

    @Test
    void aRevokedTokenThatIsAlsoInvalidKeepsItsOwnCode() {
        revoke(app, RevocationKind.TAG, "customer=acme-corp");
        clock.advance(Duration.ofHours(2));

        Reply expired = authorize(token);

        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.json().get("code").asText()).isEqualTo("expired");
    }

    @Test
    void aWithdrawnOrEndedEntryRefusesNoMore() {
        Revocation entry = revoke(app, RevocationKind.CHANNEL, "my-channel");
        clock.advance(Duration.ofMillis(1_001));
        assertRevokedBy(authorize(token), entry);

        assertThat(elsewhere.withdraw(app.id(), entry.id())).isTrue();
        clock.advance(Duration.ofMillis(1_001));

        assertThat(authorize(token).status()).isEqualTo(200);
    }
}
