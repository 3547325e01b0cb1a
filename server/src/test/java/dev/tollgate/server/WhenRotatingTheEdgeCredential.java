package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.TestServer.Reply;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v1/admin/edge-credential/rotate}: a new edge credential, and the previous one working for the overlap,
 * then refused; the new one written to {@code edge.token}.
 */
class WhenRotatingTheEdgeCredential extends ServerScenario {
    /** A body past the credential check: the token is what is refused then, not the caller. */
    static final String DECISION =
            "{\"token\":\"x\",\"request\":{\"action\":\"subscribe\",\"channel\":{\"id\":\"c1\",\"alias\":\"news\"}}}";

    /** The code {@code /v1/edge/authorize} answers with this credential: the edge's code when the caller passed. */
    static String codeFor(TestServer node, String credential) {
        Reply reply = node.postJson("/v1/edge/authorize", "Bearer " + credential, DECISION);
        return reply.json().get("code").asText();
    }

    Reply rotate(String body) {
        return server.postJson("/v1/admin/edge-credential/rotate", server.adminAuthorization(), body);
    }

    @Test
    void theOldCredentialWorksWithinTheOverlapAndIsRefusedAfterItTheNewOneWorks() throws Exception {
        String old = server.edge;
        Reply rotated = rotate("{\"overlapSeconds\":60}");
        String fresh = rotated.json().get("edgeCredential").asText();

        String oldWithin = codeFor(server, old);
        String freshWithin = codeFor(server, fresh);
        clock.advance(Duration.ofSeconds(61));

        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        assertThat(fresh).startsWith("tge_").isNotEqualTo(old);
        assertThat(Instant.parse(rotated.json().get("previousValidUntil").asText()))
                .isBetween(clock.instant().minusSeconds(2), clock.instant().minusSeconds(1));
        assertThat(Files.readString(server.server.dataDirectory().resolve(TollgateServer.EDGE_CREDENTIAL_FILE))
                        .strip())
                .isEqualTo(fresh);
        assertThat(oldWithin).isEqualTo("not-a-digest-token");
        assertThat(freshWithin).isEqualTo("not-a-digest-token");
        assertThat(codeFor(server, old)).isEqualTo("invalid-edge-credential");
        assertThat(codeFor(server, fresh)).isEqualTo("not-a-digest-token");
    }

    @Test
    void withoutABodyTheOverlapIsAnHourAndZeroEndsTheOldOneAtOnce() {
        String first = server.edge;
        Reply byDefault = server.postJson("/v1/admin/edge-credential/rotate", server.adminAuthorization(), null);
        String second = byDefault.json().get("edgeCredential").asText();
        Reply atOnce = rotate("{\"overlapSeconds\":0}");
        String third = atOnce.json().get("edgeCredential").asText();

        assertThat(byDefault.status()).as(byDefault.body()).isEqualTo(200);
        assertThat(Instant.parse(byDefault.json().get("previousValidUntil").asText()))
                .isAfter(clock.instant().plus(Duration.ofMinutes(59)));
        // Only one previous value is kept: the second rotation ended the first value's overlap.
        assertThat(codeFor(server, first)).isEqualTo("invalid-edge-credential");
        assertThat(codeFor(server, second)).isEqualTo("invalid-edge-credential");
        assertThat(codeFor(server, third)).isEqualTo("not-a-digest-token");
    }

    @Test
    void onlyTheAdminRotatesAndTheOverlapIsBounded() {
        Reply withEdge = server.postJson("/v1/admin/edge-credential/rotate", server.edgeAuthorization(), null);
        Reply tooLong = rotate("{\"overlapSeconds\":604801}");
        Reply negative = rotate("{\"overlapSeconds\":-1}");
        Reply unknown = rotate("{\"overlap\":60}");

        assertThat(withEdge.status()).isEqualTo(401);
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().get("code").asText()).isEqualTo("invalid-value");
        assertThat(negative.json().get("code").asText()).isEqualTo("invalid-value");
        assertThat(unknown.json().get("code").asText()).isEqualTo("unknown-field");
        assertThat(codeFor(server, server.edge)).isEqualTo("not-a-digest-token");
    }
}
