package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.TestServer.App;
import dev.tollgate.server.TestServer.Reply;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A session ends when the token that opened it expires: afterwards even its opener, with a fresh token of the same
 * external ID, cannot rename it, create conferences or read notifications from it (410 {@code session-expired}).
 */
class WhenASessionHasExpired extends ServerScenario {
    static final String SCOPE = "session:update conf:create notifications:set";

    App app;
    String sessionId;

    @BeforeEach
    void openASessionForTenMinutes() {
        app = server.createApplication("expiring");
        String token = clientToken();
        Reply opened = server.postJson("/v1/sessions", "Bearer " + token, null);
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        sessionId = opened.json().get("sessionId").asText();
    }

    /** A fresh client access token for alice, valid ten minutes from the test clock's now. */
    String clientToken() {
        return server.clientAccessToken(
                server.apiToken(app, null),
                "{\"externalId\":\"alice\",\"expiresIn\":600,\"sessionScope\":\"" + SCOPE + "\"}");
    }

    Reply send(String method, String path, String json) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + clientToken());
        if (json != null) {
            headers.put("Content-Type", "application/json");
        }
        return server.send(method, path, headers, json == null ? null : json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void itIsUsableUntilItsExpiry() {
        clock.advance(Duration.ofMinutes(9));

        Reply rename = send("PATCH", "/v1/sessions/" + sessionId, "{\"name\":\"Alice\"}");

        assertThat(rename.status()).as(rename.body()).isEqualTo(200);
    }

    @Test
    void itsOpenerIsRefusedAfterItsExpiry() {
        clock.advance(Duration.ofMinutes(10));

        Reply rename = send("PATCH", "/v1/sessions/" + sessionId, "{\"name\":\"Alice\"}");
        Reply conference = send("POST", "/v1/sessions/" + sessionId + "/conferences", "{\"alias\":\"late\"}");
        Reply subscribe =
                send("PUT", "/v1/sessions/" + sessionId + "/notifications", "{\"events\":[\"conference.created\"]}");
        Reply read = send("GET", "/v1/sessions/" + sessionId + "/notifications", null);

        for (Reply reply : new Reply[] {rename, conference, subscribe, read}) {
            assertThat(reply.status()).as(reply.body()).isEqualTo(410);
            assertThat(reply.json().get("code").asText()).isEqualTo("session-expired");
        }
    }
}
