package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.TestServer.App;
import dev.tollgate.server.TestServer.Reply;
import dev.tollgate.server.internal.revocations.RevocationPurge;
import dev.tollgate.token.TokenBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each kind of revocation through {@code POST /v1/revocations}: one JWT by its {@code jti}, a subject's client access
 * tokens, an {@code iat} watermark, a registered channel by its alias, and the ends and the purge of entries.
 */
class WhenRevokingEveryKind extends ServerScenario {
    App app;
    String apiToken;

    @BeforeEach
    void createAnApplication() {
        app = server.createApplication("kinds");
        apiToken = server.apiToken(app, "revocations:manage");
    }

    Reply revoke(String json) {
        return server.postJson("/v1/revocations", app.basic(), json);
    }

    Reply listWith(String bearer) {
        return server.get("/v1/revocations", Map.of("Authorization", "Bearer " + bearer));
    }

    String clientToken(String externalId) {
        return server.clientAccessToken(
                server.apiToken(app, null), "{\"externalId\":\"" + externalId + "\",\"sessionScope\":\"conf:create\"}");
    }

    Reply openSession(String clientToken) {
        return server.postJson("/v1/sessions", "Bearer " + clientToken, "{\"participant\":{\"name\":\"A\"}}");
    }

    @Test
    void anApiTokenRevokedByItsJtiAuthenticatesNoMoreApiCall() {
        assertThat(listWith(apiToken).status()).isEqualTo(200);

        Reply created = revoke("{\"kind\":\"token\",\"token\":\"" + apiToken + "\"}");
        Reply refused = listWith(apiToken);

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("value").asText()).startsWith("jti:");
        assertThat(created.body()).doesNotContain(apiToken);
        assertThat(refused.status()).as(refused.body()).isEqualTo(401);
        assertThat(refused.json().get("code").asText()).isEqualTo("revoked");
        assertThat(refused.header("WWW-Authenticate")).contains("invalid_token");
        // Another API token of the same application is another token.
        assertThat(listWith(server.apiToken(app, "revocations:manage")).status())
                .isEqualTo(200);
    }

    @Test
    void aClientAccessTokenRevokedByItsJtiOpensNoSession() {
        String token = clientToken("alice");
        assertThat(openSession(token).status()).isEqualTo(201);

        assertThat(revoke("{\"kind\":\"token\",\"token\":\"" + token + "\"}").status())
                .isEqualTo(201);

        Reply refused = openSession(token);
        assertThat(refused.status()).as(refused.body()).isEqualTo(401);
        assertThat(refused.json().get("code").asText()).isEqualTo("revoked");
    }

    @Test
    void aSubjectRevokesEveryClientAccessTokenOfItsExternalIdForADay() {
        String alice = clientToken("alice");
        String bob = clientToken("bob");

        Reply created = revoke("{\"kind\":\"subject\",\"value\":\"alice\"}");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(Instant.parse(created.json().get("endsAt").asText()))
                .isEqualTo(Instant.ofEpochMilli(clock.millis()).plus(Duration.ofHours(24)));
        assertThat(openSession(alice).json().get("code").asText()).isEqualTo("revoked");
        assertThat(openSession(clientToken("alice")).json().get("code").asText())
                .isEqualTo("revoked");
        assertThat(openSession(bob).status()).isEqualTo(201);
    }

    @Test
    void aLongExternalIdIsRevokedByItsDigest() {
        String longId = "x".repeat(900);
        String token = clientToken(longId);

        Reply created = revoke("{\"kind\":\"subject\",\"value\":\"" + longId + "\"}");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("value").asText()).startsWith("sha256:");
        assertThat(openSession(token).json().get("code").asText()).isEqualTo("revoked");
    }

    @Test
    void anIssuedBeforeWatermarkRevokesEveryEarlierJwtButNotLaterOnes() {
        String before = clientToken("carol");
        clock.advance(Duration.ofSeconds(2));
        Reply created = revoke("{\"kind\":\"issued-before\"}");
        clock.advance(Duration.ofSeconds(2));
        String after = clientToken("carol");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(openSession(before).json().get("code").asText()).isEqualTo("revoked");
        assertThat(listWith(apiToken).json().get("code").asText()).isEqualTo("revoked");
        assertThat(openSession(after).status()).isEqualTo(201);
        assertThat(revoke("{\"kind\":\"issued-before\",\"value\":\""
                                + clock.instant().plus(Duration.ofHours(1)) + "\"}")
                        .status())
                .isEqualTo(400);
    }

    @Test
    void aRegisteredChannelRevokedByItsAliasRefusesTokensDesignatingItsIdOrItsAlias() {
        Reply channel = server.postJson("/v1/channels", app.basic(), "{\"alias\":\"news\"}");
        String id = channel.json().get("id").asText();

        Reply created = revoke("{\"kind\":\"channel\",\"value\":\"news\"}");

        assertThat(created.json().get("value").asText()).isEqualTo(id);
        assertThat(created.json().get("alias").asText()).isEqualTo("news");
        for (String token : new String[] {
            edgeToken(new TokenBuilder().forChannel(id)), edgeToken(new TokenBuilder().forChannelAlias("news"))
        }) {
            Reply refused = server.edgeAuthorize("{\"token\":\"" + token + "\",\"request\":{\"action\":\"subscribe\","
                    + "\"channel\":{\"id\":\"" + id + "\",\"alias\":\"news\"}}}");
            assertThat(refused.status()).as(refused.body()).isEqualTo(401);
            assertThat(refused.json().get("code").asText()).isEqualTo("revoked");
        }
    }

    String edgeToken(TokenBuilder builder) {
        return builder.withApplicationId(app.id())
                .withSecret(app.secret())
                .withClock(clock)
                .expiresIn(Duration.ofHours(1))
                .forStreamingOnly()
                .build();
    }

    @Test
    void aMatchOfTheWrongShapeIsABadRequestWithACode() {
        assertThat(revoke("{\"kind\":\"subject\",\"value\":\"" + "x".repeat(1025) + "\"}")
                        .json()
                        .get("code")
                        .asText())
                .isEqualTo("invalid-value");
        assertThat(revoke("{\"kind\":\"issued-before\",\"value\":\"yesterday\"}")
                        .json()
                        .get("code")
                        .asText())
                .isEqualTo("invalid-value");
        assertThat(revoke("{\"kind\":\"token\",\"token\":\"a.b.c\"}")
                        .json()
                        .get("code")
                        .asText())
                .isEqualTo("invalid-value");
        assertThat(revoke("{\"kind\":\"session\",\"value\":\"s1\",\"token\":\"x\"}")
                        .json()
                        .get("code")
                        .asText())
                .isEqualTo("invalid-value");
    }

    @Test
    void anotherApplicationsJwtCannotBeRevoked() {
        App other = server.createApplication("other");
        Reply refused = server.postJson(
                "/v1/revocations", other.basic(), "{\"kind\":\"token\",\"token\":\"" + apiToken + "\"}");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("code").asText()).isEqualTo("wrong-application");
        assertThat(listWith(apiToken).status()).isEqualTo(200);
    }

    @Test
    void endedEntriesArePurgedAfterTheGrace() {
        // Restarted purging every 50 ms rather than every minute.
        server.close();
        server = TestServer.wrap(TollgateServer.start(server.config, clock, Duration.ofMillis(50)), server.config);
        revoke("{\"kind\":\"tag\",\"value\":\"short\",\"endsAt\":\""
                + clock.instant().plusSeconds(60) + "\"}");
        revoke("{\"kind\":\"tag\",\"value\":\"long\"}");
        assertThat(server.sql("SELECT COUNT(*) FROM revocations")).isEqualTo(2);

        clock.advance(Duration.ofSeconds(61).plus(RevocationPurge.GRACE));
        long left = awaitCount(1);

        assertThat(left).isEqualTo(1);
    }

    /** The purge runs on its own thread; wait (bounded) for it to leave {@code expected} rows. */
    long awaitCount(long expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        long count;
        do {
            count = server.sql("SELECT COUNT(*) FROM revocations");
            if (count == expected) {
                break;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        } while (System.nanoTime() < deadline);
        return count;
    }
}
