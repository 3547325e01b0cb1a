package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.TestServer.App;
import dev.tollgate.server.TestServer.Reply;
import dev.tollgate.token.TokenBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A JSON string with a C0 control character (U+0000 to U+001F) is a 400 {@code invalid-value} at the request boundary:
 * PostgreSQL refuses U+0000 in text (a 500 before, review item 5), and escaped control characters inflated a stored
 * JSON payload past its column (a 500 on {@code PATCH /v1/sessions/{id}}, review item 3). A signed token's applied tags
 * never pass that boundary: they are recorded with U+FFFD in place of each control character, never a 500.
 */
class WhenRequestStringsHoldControlCharacters extends ServerScenario {
    App app;
    String apiToken;

    @BeforeEach
    void createTheApplication() {
        app = server.createApplication("demo");
        apiToken = server.apiToken(app, null);
    }

    static void assertInvalidValue(Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.json().get("code").asText()).isEqualTo("invalid-value");
        assertThat(reply.body()).doesNotContain("Exception");
    }

    TokenBuilder token() {
        return new TokenBuilder()
                .withApplicationId(app.id())
                .withSecret(app.secret())
                .withClock(clock)
                .expiresIn(Duration.ofHours(1));
    }

    Reply send(String method, String path, String bearer, String json) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + bearer);
        headers.put("Content-Type", "application/json");
        return server.send(method, path, headers, json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aDeclaredParticipantWithControlCharactersOpensNoSession() {
        String client = server.clientAccessToken(apiToken, "{\"sessionScope\":\"session:update\"}");
        // 1,024 bytes within the externalId limit, but 6,144 characters once JSON-escaped into an event payload.
        String bulky = "\\u0001".repeat(1024);

        Reply inflated = send("POST", "/v1/sessions", client, "{\"participant\":{\"externalId\":\"" + bulky + "\"}}");
        Reply nul = send("POST", "/v1/sessions", client, "{\"participant\":{\"externalId\":\"a\\u0000b\"}}");
        Reply name = send("POST", "/v1/sessions", client, "{\"participant\":{\"name\":\"a\\u0000b\"}}");
        Reply plain = send("POST", "/v1/sessions", client, "{\"participant\":{\"externalId\":\"alice\"}}");
        Reply renamed =
                send("PATCH", "/v1/sessions/" + plain.json().get("sessionId").asText(), client, "{\"name\":\"bob\"}");

        assertInvalidValue(inflated);
        assertThat(inflated.json().get("message").asText()).contains("participant.externalId");
        assertInvalidValue(nul);
        assertInvalidValue(name);
        assertThat(plain.status()).as(plain.body()).isEqualTo(201);
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
    }

    @Test
    void theEdgeRefusesARequestWithControlCharacters() {
        String subscribe = token().forChannelAlias("c1").forStreamingOnly().build();

        Reply session = server.edgeAuthorize("{\"token\":\"" + subscribe
                + "\",\"request\":{\"action\":\"authenticate\",\"sessionId\":\"a\\u0000b\"}}");
        Reply channel = server.edgeAuthorize("{\"token\":\"" + subscribe
                + "\",\"request\":{\"action\":\"subscribe\",\"channel\":{\"alias\":\"c1\\u0000\"}}}");
        Reply stream = server.edgeAuthorize("{\"token\":\"" + subscribe
                + "\",\"request\":{\"action\":\"subscribe\",\"stream\":{\"id\":\"s\",\"tags\":[\"\\u001b\"]}}}");
        Reply explain = server.postJson(
                "/v1/tokens/verify",
                null,
                "{\"token\":\"" + subscribe
                        + "\",\"request\":{\"action\":\"subscribe\",\"room\":{\"id\":\"r\\u0000\"}}}");

        assertInvalidValue(session);
        assertInvalidValue(channel);
        assertInvalidValue(stream);
        assertInvalidValue(explain);
    }

    @Test
    void aConferenceAliasWithControlCharactersIsRefused() {
        String client =
                server.clientAccessToken(apiToken, "{\"externalId\":\"alice\",\"sessionScope\":\"conf:create\"}");
        Reply opened = send("POST", "/v1/sessions", client, "{}");
        String sessionId = opened.json().get("sessionId").asText();

        Reply alias = send("POST", "/v1/sessions/" + sessionId + "/conferences", client, "{\"alias\":\"d\\u0000\"}");

        assertInvalidValue(alias);
    }

    @Test
    void aUsageFilterWithControlCharactersIsAnInvalidParameter() {
        Reply tag = server.get("/v1/usage?tag=a%00b", Map.of("Authorization", app.basic()));
        Reply application =
                server.get("/v1/usage?applicationId=a%00b", Map.of("Authorization", server.adminAuthorization()));

        assertThat(tag.status()).as(tag.body()).isEqualTo(400);
        assertThat(tag.json().get("code").asText()).isEqualTo("invalid-parameter");
        assertThat(application.status()).as(application.body()).isEqualTo(404);
    }

    @Test
    void aSignedTagWithControlCharactersIsRecordedWithAReplacementCharacter() {
        String tagged =
                token().applyTag("customer=\u0000acme").applyTag("line\nbreak").build();

        Reply authorized = server.edgeAuthorize(
                "{\"token\":\"" + tagged + "\",\"request\":{\"action\":\"authenticate\",\"sessionId\":\"s1\"}}");
        Reply session = server.postJson("/v1/sessions", "Bearer " + tagged, null);
        clock.advance(Duration.ofSeconds(1));
        Reply usage = server.get("/v1/usage?groupBy=tag", Map.of("Authorization", app.basic()));

        assertThat(authorized.status()).as(authorized.body()).isEqualTo(200);
        assertThat(session.status()).as(session.body()).isEqualTo(201);
        assertThat(usage.status()).as(usage.body()).isEqualTo(200);
        assertThat(usage.json().get("rows").toString())
                .isEqualTo(
                        "[{\"tag\":\"customer=\uFFFDacme\",\"count\":2,\"viewerSessions\":0,\"viewerMinutes\":0,\"publisherSessions\":0,\"publisherMinutes\":0},{\"tag\":\"line\uFFFDbreak\",\"count\":2,\"viewerSessions\":0,\"viewerMinutes\":0,\"publisherSessions\":0,\"publisherMinutes\":0}]");
    }

    @Test
    void aSessionKeepsSignedTagsBeyondFourThousandCharacters() {
        // Tags whose stored JSON list outgrows the former VARCHAR(4000) of sessions.tags (V8 lifts it). Such a token
        // is past the Authorization header's 4,096 characters, so it travels by reference.
        TokenBuilder builder = token();
        for (int i = 0; i < 9; i++) {
            builder.applyTag(i + "=" + "t".repeat(480));
        }
        Reply ref = server.postJson("/v1/token-refs", null, "{\"token\":\"" + builder.build() + "\"}");
        assertThat(ref.status()).as(ref.body()).isEqualTo(201);

        Reply session = server.postJson(
                "/v1/sessions", "Bearer " + ref.json().get("ref").asText(), null);

        assertThat(session.status()).as(session.body()).isEqualTo(201);
        assertThat(session.json().get("tags").size()).isEqualTo(9);
    }
}
