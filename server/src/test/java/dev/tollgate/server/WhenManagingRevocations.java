package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.TestServer.App;
import dev.tollgate.server.TestServer.Reply;
import dev.tollgate.token.TokenBuilder;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST/GET/DELETE /v1/revocations}: a revocation made through the API refuses at once on this node, the same
 * match gives the same entry back (200), a wrong-shaped match is 400, and no application revokes another's token.
 */
class WhenManagingRevocations extends ServerScenario {
    App app;
    App other;
    String token;

    @BeforeEach
    void mintAToken() {
        app = server.createApplication("edge");
        other = server.createApplication("other");
        token = token(app);
    }

    String token(App owner) {
        return new TokenBuilder()
                .withApplicationId(owner.id())
                .withSecret(owner.secret())
                .withClock(clock)
                .expiresIn(Duration.ofHours(1))
                .forStreamingOnly()
                .forChannelAlias("my-channel")
                .build();
    }

    Reply authorize(String tokenValue) {
        return server.edgeAuthorize("{\"token\":\"" + tokenValue + "\",\"request\":{\"action\":\"subscribe\","
                + "\"channel\":{\"id\":\"c1\",\"alias\":\"my-channel\"}}}");
    }

    Reply revoke(String authorization, String json) {
        return server.postJson("/v1/revocations", authorization, json);
    }

    @Test
    void aRevokedTokenIsRefusedAtOnceAndRevokingItAgainGivesTheSameEntry() {
        Reply first = revoke(app.basic(), "{\"kind\":\"token\",\"token\":\"" + token + "\"}");
        Reply again = revoke(app.basic(), "{\"kind\":\"token\",\"token\":\"" + token + "\"}");

        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json().get("id").asText())
                .isEqualTo(first.json().get("id").asText())
                .startsWith("rev_");
        // A token's entry ends with the token, and holds no token in clear.
        // Expiries are whole milliseconds in the token; the clock is not.
        assertThat(java.time.Instant.parse(first.json().get("endsAt").asText()))
                .isBetween(
                        clock.instant().plus(Duration.ofHours(1)).minusSeconds(1),
                        clock.instant().plus(Duration.ofHours(1)));
        assertThat(first.body()).doesNotContain(token);
        Reply refused = authorize(token);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("code").asText()).isEqualTo("revoked");
    }

    @Test
    void aWithdrawnEntryIsListedNoMoreAndRefusesNoMore() {
        Reply created = revoke(app.basic(), "{\"kind\":\"channel\",\"value\":\"my-channel\"}");
        String id = created.json().get("id").asText();
        assertThat(authorize(token).status()).isEqualTo(401);
        Reply listed = server.get("/v1/revocations", Map.of("Authorization", app.basic()));
        assertThat(listed.body()).contains(id);
        assertThat(created.json().get("endsAt").asText())
                .startsWith(clock.instant().plus(Duration.ofDays(30)).toString().substring(0, 13));

        Reply withdrawn = server.send("DELETE", "/v1/revocations/" + id, Map.of("Authorization", app.basic()), null);

        assertThat(withdrawn.status()).as(withdrawn.body()).isEqualTo(204);
        assertThat(server.get("/v1/revocations", Map.of("Authorization", app.basic()))
                        .body())
                .doesNotContain(id);
        assertThat(authorize(token).status()).isEqualTo(200);
        assertThat(server.send("DELETE", "/v1/revocations/" + id, Map.of("Authorization", app.basic()), null)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void anotherApplicationsTokenCannotBeRevoked() {
        Reply refused = revoke(other.basic(), "{\"kind\":\"token\",\"token\":\"" + token + "\"}");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("code").asText()).isEqualTo("wrong-application");
        assertThat(authorize(token).status()).isEqualTo(200);
    }

    @Test
    void aMatchOfTheWrongShapeIsABadRequest() {
        Reply unknownKind = revoke(app.basic(), "{\"kind\":\"everything\",\"value\":\"x\"}");
        Reply tokenWithValue = revoke(app.basic(), "{\"kind\":\"token\",\"token\":\"" + token + "\",\"value\":\"x\"}");
        Reply forged = revoke(app.basic(), "{\"kind\":\"token\",\"token\":\"DIGEST:bm90LWEtdG9rZW4=\"}");
        Reply past = revoke(app.basic(), "{\"kind\":\"tag\",\"value\":\"vip\",\"endsAt\":\"2000-01-01T00:00:00Z\"}");
        Reply noValue = revoke(app.basic(), "{\"kind\":\"tag\"}");

        assertThat(unknownKind.status()).isEqualTo(400);
        assertThat(unknownKind.json().get("code").asText()).isEqualTo("invalid-value");
        assertThat(tokenWithValue.json().get("code").asText()).isEqualTo("invalid-value");
        assertThat(forged.json().get("code").asText()).isEqualTo("invalid-value");
        assertThat(past.json().get("code").asText()).isEqualTo("invalid-value");
        assertThat(noValue.json().get("code").asText()).isEqualTo("missing-field");
    }

    @Test
    void anApiTokenNeedsTheScopeAndTheAdminNamesTheApplication() {
        String scoped = "Bearer " + server.apiToken(app, "revocations:manage");
        String unscoped = "Bearer " + server.apiToken(app, "channels:manage");

        assertThat(revoke(scoped, "{\"kind\":\"tag\",\"value\":\"a\"}").status())
                .isEqualTo(201);
        assertThat(revoke(unscoped, "{\"kind\":\"tag\",\"value\":\"b\"}").status())
                .isEqualTo(403);
        assertThat(server.postJson(
                                "/v1/revocations?applicationId=" + app.id(),
                                server.adminAuthorization(),
                                "{\"kind\":\"tag\",\"value\":\"c\"}")
                        .status())
                .isEqualTo(201);
        assertThat(revoke(server.adminAuthorization(), "{\"kind\":\"tag\",\"value\":\"d\"}")
                        .status())
                .isEqualTo(400);
    }

    @Test
    void aRevokedTagOpensNoSession() {
        Reply minted =
                server.postJson("/v1/edge-tokens", app.basic(), "{\"applyTags\":[\"customer:42\"],\"channel\":\"c1\"}");
        String edgeToken = minted.json().get("token").asText();
        assertThat(server.postJson("/v1/sessions", "Bearer " + edgeToken, null).status())
                .isEqualTo(201);

        assertThat(revoke(app.basic(), "{\"kind\":\"tag\",\"value\":\"customer:42\"}")
                        .status())
                .isEqualTo(201);
        Reply refused = server.postJson("/v1/sessions", "Bearer " + edgeToken, null);

        assertThat(refused.status()).as(refused.body()).isEqualTo(401);
        assertThat(refused.json().get("code").asText()).isEqualTo("revoked");
    }
}
