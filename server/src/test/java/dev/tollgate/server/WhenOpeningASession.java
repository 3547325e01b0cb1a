package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.TestServer.App;
import dev.tollgate.server.TestServer.Reply;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WhenOpeningASession extends ServerScenario {
    App app;
    String apiToken;

    @BeforeEach
    void obtainAnApiToken() {
        app = server.createApplication("demo");
        apiToken = server.apiToken(app, null);
    }

    String clientToken(String body) {
        return server.clientAccessToken(apiToken, body);
    }

    Reply patch(String sessionId, String token, String json) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + token);
        headers.put("Content-Type", "application/json");
        return server.send(
                "PATCH", "/v1/sessions/" + sessionId, headers, json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void theTokensExternalIdWinsOverWhatTheClientClaims() {
        String token = clientToken("{\"externalId\":\"alice@example.com\",\"sessionScope\":\"conf:create\"}");

        Reply reply = server.postJson(
                "/v1/sessions", "Bearer " + token, "{\"participant\":{\"externalId\":\"mallory\",\"name\":\"Alice\"}}");

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.json().get("sessionId").asText()).isNotBlank();
        assertThat(reply.json().get("participant").get("externalId").asText()).isEqualTo("alice@example.com");
        assertThat(reply.json().get("participant").get("verified").asBoolean()).isTrue();
        assertThat(reply.json().get("participant").has("name")).isFalse();
        assertThat(reply.json().get("permissions").toString()).isEqualTo("[\"conf:create\"]");
        assertThat(reply.json().get("expiresAt").asText()).isNotBlank();
    }

    @Test
    void withoutAnExternalIdTheDeclaredParticipantIsKeptAsUnverified() {
        String token = clientToken("{\"sessionScope\":\"*\"}");

        Reply reply = server.postJson(
                "/v1/sessions", "Bearer " + token, "{\"participant\":{\"externalId\":\"bob\",\"name\":\"Bob\"}}");

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.json().get("participant").get("externalId").asText()).isEqualTo("bob");
        assertThat(reply.json().get("participant").get("verified").asBoolean()).isFalse();
        assertThat(reply.json().get("permissions").size()).isEqualTo(3);
    }

    @Test
    void anAvatarIsKeptWhenItIsAnHttpUrlAndRefusedOtherwise() {
        String token = clientToken("{}");

        Reply kept = server.postJson(
                "/v1/sessions",
                "Bearer " + token,
                "{\"participant\":{\"name\":\"Dan\",\"avatarUrl\":\"https://example.com/dan.png\"}}");
        Reply script = server.postJson(
                "/v1/sessions", "Bearer " + token, "{\"participant\":{\"avatarUrl\":\"javascript:alert(1)\"}}");

        assertThat(kept.json().get("participant").get("avatarUrl").asText()).isEqualTo("https://example.com/dan.png");
        assertThat(script.status()).isEqualTo(400);
        assertThat(script.json().get("code").asText()).isEqualTo("invalid-value");
    }

    @Test
    void renamingNeedsTheSessionUpdateScope() {
        String allowed = clientToken("{\"externalId\":\"carol\",\"sessionScope\":\"session:update\"}");
        String notAllowed = clientToken("{\"externalId\":\"carol\",\"sessionScope\":\"conf:create\"}");
        String sessionId = server.postJson("/v1/sessions", "Bearer " + allowed, null)
                .json()
                .get("sessionId")
                .asText();

        Reply refused = patch(sessionId, notAllowed, "{\"name\":\"Carol\"}");
        Reply renamed = patch(sessionId, allowed, "{\"name\":\"Carol\"}");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("code").asText()).isEqualTo("insufficient-scope");
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.json().get("participant").get("name").asText()).isEqualTo("Carol");
    }

    @Test
    void anotherParticipantsTokenCannotRenameTheSession() {
        String carol = clientToken("{\"externalId\":\"carol\",\"sessionScope\":\"session:update\"}");
        String mallory = clientToken("{\"externalId\":\"mallory\",\"sessionScope\":\"session:update\"}");
        String sessionId = server.postJson("/v1/sessions", "Bearer " + carol, null)
                .json()
                .get("sessionId")
                .asText();

        Reply reply = patch(sessionId, mallory, "{\"name\":\"Not Carol\"}");

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.json().get("code").asText()).isEqualTo("not-your-session");
    }

    String edgeToken(String options) {
        Reply reply = server.postJson("/v1/edge-tokens", app.basic(), options);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().get("token").asText();
    }

    @Test
    void anEdgeAuthTokenThatMayAuthenticateOpensASessionWithItsTags() {
        String token = edgeToken("{\"applyTags\":[\"customer:42\"],\"channel\":\"c1\"}");

        Reply reply = server.postJson("/v1/sessions", "Bearer " + token, "{\"participant\":{\"name\":\"Viewer\"}}");

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        assertThat(reply.json().get("applicationId").asText()).isEqualTo(app.id());
        assertThat(reply.json().get("tags").toString()).isEqualTo("[\"customer:42\"]");
        assertThat(reply.json().get("participant").get("verified").asBoolean()).isFalse();
        assertThat(reply.json().get("permissions").size()).isZero();
    }

    @Test
    void anEdgeAuthTokenThePolicyRefusesOpensNoSession() {
        String publish = edgeToken("{\"publishingOnly\":true,\"channel\":\"c1\"}");
        String elsewhere = edgeToken("{\"remoteAddress\":\"203.0.113.9\"}");
        String forged = new dev.tollgate.token.TokenBuilder()
                .withApplicationId(app.id())
                .withSecret("guess")
                .expiresInSeconds(60)
                .build();

        Reply wrongType = server.postJson("/v1/sessions", "Bearer " + publish, null);
        Reply wrongAddress = server.postJson("/v1/sessions", "Bearer " + elsewhere, null);
        Reply badDigest = server.postJson("/v1/sessions", "Bearer " + forged, null);

        // The same table and codes as /v1/edge/authorize: the denial code itself, 403 for an authentic token.
        assertThat(wrongType.status()).isEqualTo(403);
        assertThat(wrongType.json().get("code").asText()).isEqualTo("wrong-token-type");
        assertThat(wrongAddress.status()).isEqualTo(403);
        assertThat(wrongAddress.json().get("code").asText()).isEqualTo("remote-address-mismatch");
        assertThat(badDigest.status()).isEqualTo(401);
        assertThat(badDigest.json().get("code").asText()).isEqualTo("bad-digest");
        // RFC 6750 §3: a 401 for a presented Bearer token carries the challenge with the error.
        assertThat(badDigest.header("WWW-Authenticate"))
                .isEqualTo("Bearer realm=\"tollgate\", error=\"invalid_token\"");
    }

    @Test
    void anApiTokenOrNoTokenCannotOpenASession() {
        Reply api = server.postJson("/v1/sessions", "Bearer " + apiToken, null);
        Reply none = server.postJson("/v1/sessions", null, null);

        assertThat(api.status()).isEqualTo(401);
        assertThat(api.json().get("code").asText()).isEqualTo("invalid-token");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.json().get("code").asText()).isEqualTo("missing-token");
        assertThat(api.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
        // RFC 6750 §3.1: without any credentials, the challenge carries no error code.
        assertThat(none.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"tollgate\"");
    }

    @Test
    void anExpiredEdgeAuthTokenIsRefusedWithABearerChallenge() {
        String expired = new dev.tollgate.token.TokenBuilder()
                .withApplicationId(app.id())
                .withSecret(app.secret())
                .expiresAt(java.time.Instant.now().minusSeconds(3600))
                .build();

        Reply reply = server.postJson("/v1/sessions", "Bearer " + expired, null);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"tollgate\", error=\"invalid_token\"");
    }

    @Test
    void unknownParticipantFieldsAreRefused() {
        String token = clientToken("{}");
        Reply reply = server.postJson("/v1/sessions", "Bearer " + token, "{\"participant\":{\"admin\":true}}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("code").asText()).isEqualTo("unknown-field");
        assertThat(reply.json().get("message").asText()).contains("participant.admin");
    }

    @Test
    void aSessionWhoseUsageCannotBeRecordedIsNotStored() {
        String token = clientToken("{\"externalId\":\"alice\",\"sessionScope\":\"conf:create\"}");
        // The usage write fails after the session's own INSERT has run: both must go, or neither.
        server.sql("ALTER TABLE usage_events ADD CONSTRAINT refuse_sessions CHECK (target_kind <> 'session')");

        Reply refused = server.postJson("/v1/sessions", "Bearer " + token, null);

        assertThat(refused.status()).isGreaterThanOrEqualTo(500);
        assertThat(server.sql("SELECT COUNT(*) FROM sessions")).isZero();
        assertThat(server.sql("SELECT COUNT(*) FROM usage_events")).isZero();
    }
}
