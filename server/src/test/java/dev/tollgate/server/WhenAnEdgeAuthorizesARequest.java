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
 * {@code POST /v1/edge/authorize}, the decision for media servers that are not Java: only an edge holding the edge
 * credential may ask, an allow records one usage event with the token's applied tags, a denial records nothing and
 * answers 403 with the edge's code, and the explain endpoint {@code /v1/tokens/verify} never records.
 */
class WhenAnEdgeAuthorizesARequest extends ServerScenario {
    App app;
    String token;

    @BeforeEach
    void mintAStreamToken() {
        app = server.createApplication("edge");
        token = new TokenBuilder()
                .withApplicationId(app.id())
                .withSecret(app.secret())
                .withClock(clock)
                .expiresIn(Duration.ofHours(1))
                .forStreamingOnly()
                .forChannelAlias("my-channel")
                .withCapability("hd")
                .applyTag("customer=acme-corp")
                .build();
    }

    Reply authorize(String action, String tokenValue) {
        return server.edgeAuthorize("{\"token\":\"" + tokenValue + "\",\"request\":{\"action\":\"" + action
                + "\",\"channel\":{\"id\":\"c1\",\"alias\":\"my-channel\"}}}");
    }

    String usageRows() {
        clock.advance(Duration.ofSeconds(1));
        Reply reply = server.get("/v1/usage?groupBy=tag,action", Map.of("Authorization", app.basic()));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().get("rows").toString();
    }

    @Test
    void anAllowedSubscriptionIsAnsweredWithTheTagsAndRecorded() {
        Reply reply = authorize("subscribe", token);

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.body())
                .isEqualTo("{\"decision\":\"allowed\",\"applicationId\":\"" + app.id()
                        + "\",\"tags\":[\"customer=acme-corp\"],\"capabilities\":[\"hd\"]}");
        assertThat(usageRows())
                .isEqualTo(
                        "[{\"tag\":\"customer=acme-corp\",\"action\":\"subscribe\",\"count\":1,\"viewerSessions\":0,\"viewerMinutes\":0,\"publisherSessions\":0,\"publisherMinutes\":0}]");
    }

    @Test
    void aViewerWithOnlyTheTokenCannotAskAndRecordsNothing() {
        String body = "{\"token\":\"" + token + "\",\"request\":{\"action\":\"subscribe\","
                + "\"channel\":{\"id\":\"c1\",\"alias\":\"my-channel\"}}}";

        Reply none = server.postJson("/v1/edge/authorize", null, body);
        Reply admin = server.postJson("/v1/edge/authorize", server.adminAuthorization(), body);
        Reply wrong = server.postJson("/v1/edge/authorize", "Bearer tge_" + "A".repeat(43), body);

        assertThat(none.status()).isEqualTo(401);
        assertThat(none.json().get("code").asText()).isEqualTo("invalid-edge-credential");
        assertThat(none.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"tollgate-edge\"");
        // Least privilege: the admin credential administers, it is not an edge.
        assertThat(admin.status()).isEqualTo(401);
        assertThat(admin.json().get("code").asText()).isEqualTo("invalid-edge-credential");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.header("WWW-Authenticate"))
                .isEqualTo("Bearer realm=\"tollgate-edge\", error=\"invalid_token\"");
        assertThat(server.edge).matches("tge_[A-Za-z0-9_-]{43}");
        assertThat(usageRows()).isEqualTo("[]");
    }

    @Test
    void guessingTheEdgeCredentialIsLimitedPerAddress() {
        String body = "{\"token\":\"" + token + "\",\"request\":{\"action\":\"subscribe\"}}";
        for (int i = 0; i < 10; i++) {
            assertThat(server.postJson("/v1/edge/authorize", "Bearer guess" + i, body)
                            .status())
                    .isEqualTo(401);
        }

        Reply blocked = server.edgeAuthorize(body);

        assertThat(blocked.status()).isEqualTo(429);
        assertThat(blocked.json().get("code").asText()).isEqualTo("too-many-failed-attempts");
        // Ten failures a minute refill one every 6 s, and the clock has not moved since the tenth.
        assertThat(blocked.header("Retry-After")).isEqualTo("6");
    }

    @Test
    void aDeniedRequestIsRefusedWithTheEdgeCodeAndNotRecorded() {
        Reply publish = authorize("publish", token);
        Reply forged = authorize("subscribe", token.substring(0, token.length() - 8) + "AAAAAAA=");
        Reply garbage = authorize("subscribe", "not-a-token");

        // One table for every decision: an authentic token refused for this request is 403; a token refused as a
        // credential is 401 with the Bearer invalid_token challenge (docs/error-codes.md).
        assertThat(publish.status()).isEqualTo(403);
        assertThat(publish.json().get("code").asText()).isEqualTo("wrong-token-type");
        assertThat(publish.json().has("trace")).isFalse();
        assertThat(publish.header("WWW-Authenticate")).isNull();
        assertThat(forged.status()).isEqualTo(401);
        // The replaced tail breaks the envelope's closing JSON: the token no longer parses.
        assertThat(forged.json().get("code").asText()).isEqualTo("bad-token");
        assertThat(forged.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"tollgate\", error=\"invalid_token\"");
        assertThat(garbage.status()).isEqualTo(401);
        assertThat(garbage.json().get("code").asText()).isEqualTo("not-a-digest-token");
        assertThat(usageRows()).isEqualTo("[]");
    }

    @Test
    void aMalformedRequestIsABadRequestWhateverTheToken() {
        for (String tokenValue : new String[] {token, "not-a-token"}) {
            Reply reply = authorize("fly", tokenValue);

            assertThat(reply.status()).as(tokenValue).isEqualTo(400);
            assertThat(reply.json().get("code").asText()).isEqualTo("invalid-value");
        }
    }

    @Test
    void aTokenReferenceIsAuthorizedAsItsTokenAndAnUnknownOneIsRefused() {
        Reply created = server.postJson("/v1/token-refs", null, "{\"token\":\"" + token + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);

        Reply byRef = authorize("subscribe", created.json().get("ref").asText());
        Reply unknown = authorize("subscribe", "tgr_AAAAAAAAAAAAAAAAAAAAAA");

        assertThat(byRef.status()).as(byRef.body()).isEqualTo(200);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.json().get("code").asText()).isEqualTo("unknown-token-ref");
        assertThat(usageRows())
                .isEqualTo(
                        "[{\"tag\":\"customer=acme-corp\",\"action\":\"subscribe\",\"count\":1,\"viewerSessions\":0,\"viewerMinutes\":0,\"publisherSessions\":0,\"publisherMinutes\":0}]");
    }

    @Test
    void theVerifyEndpointExplainsWithoutRecording() {
        Reply explained = server.postJson(
                "/v1/tokens/verify",
                null,
                "{\"token\":\"" + token + "\",\"request\":{\"action\":\"subscribe\","
                        + "\"channel\":{\"id\":\"c1\",\"alias\":\"my-channel\"}}}");

        assertThat(explained.json().get("decision").asText()).isEqualTo("allowed");
        assertThat(usageRows()).isEqualTo("[]");
    }

    @Test
    void theRequestIsRequiredAndItsTimeCannotBeChosen() {
        Reply noRequest = server.edgeAuthorize("{\"token\":\"" + token + "\"}");
        Reply replay =
                server.edgeAuthorize("{\"token\":\"" + token + "\",\"request\":{\"action\":\"subscribe\",\"at\":1,"
                        + "\"channel\":{\"id\":\"c1\",\"alias\":\"my-channel\"}}}");
        Reply badAction = authorize("watch", token);

        assertThat(noRequest.status()).isEqualTo(400);
        assertThat(noRequest.json().get("code").asText()).isEqualTo("missing-field");
        assertThat(replay.status()).isEqualTo(400);
        assertThat(replay.json().get("code").asText()).isEqualTo("invalid-value");
        assertThat(badAction.status()).isEqualTo(400);
        assertThat(badAction.json().get("code").asText()).isEqualTo("invalid-value");
        assertThat(usageRows()).isEqualTo("[]");
    }
}
