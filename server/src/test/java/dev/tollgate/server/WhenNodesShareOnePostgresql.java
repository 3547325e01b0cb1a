package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import dev.tollgate.client.ManualClock;
import dev.tollgate.server.TestServer.App;
import dev.tollgate.server.TestServer.Reply;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two nodes on one PostgreSQL with one master key: either node serves what the other issued. */
class WhenNodesShareOnePostgresql {
    @TempDir
    Path firstDirectory;

    @TempDir
    Path secondDirectory;

    final ManualClock clock = new ManualClock(Instant.now());
    TwoNodes nodes;
    TestServer first;
    TollgateServer second;
    TestServer secondView;

    @BeforeEach
    void startTwoNodes() {
        nodes = TwoNodes.start(firstDirectory, secondDirectory, clock);
        first = nodes.first;
        second = nodes.secondServer;
        secondView = nodes.second;
    }

    @AfterEach
    void stopBoth() {
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void theSecondNodeCreatesNoCredentialOrKeyOfItsOwn() {
        assertThat(second.adminCredential()).isEmpty();
        assertThat(second.edgeCredential()).isEmpty();
        // The first node's edge credential is the one both nodes accept.
        // Past the credential check: the token itself is what is refused (401 with the edge's code, not
        // invalid-edge-credential).
        assertThat(secondView
                        .edgeAuthorize("{\"token\":\"x\",\"request\":{\"action\":\"subscribe\","
                                + "\"channel\":{\"id\":\"c1\",\"alias\":\"news\"}}}")
                        .json()
                        .get("code")
                        .asText())
                .isEqualTo("not-a-digest-token");
        assertThat(second.created()).noneMatch(line -> line.contains("signing key") || line.contains("master key"));
    }

    @Test
    void anApplicationAndTokensFromOneNodeWorkOnTheOther() {
        App app = first.createApplication("shared");
        String apiToken = first.apiToken(app, null);

        Reply fromSecond = secondView.postJson("/v2/client-access-token", "Bearer " + apiToken, "{}");
        String secondApiToken = secondView.apiToken(app, null);

        assertThat(fromSecond.status()).isEqualTo(200);
        assertThat(first.postJson("/v2/client-access-token", "Bearer " + secondApiToken, "{}")
                        .status())
                .isEqualTo(200);
        assertThat(secondView
                        .get("/v1/admin/applications", Map.of("Authorization", "Bearer " + first.admin))
                        .body())
                .contains(app.id());
    }

    @Test
    void aKeyRotatedOnOneNodeVerifiesOnTheOtherAtOnce() throws Exception {
        App app = first.createApplication("rotating");
        first.postJson("/v1/admin/signing-keys/rotate", first.adminAuthorization(), null);
        String token = first.apiToken(app, null);

        assertThat(secondView.get("/.well-known/jwks.json", Map.of()).body())
                .contains(SignedJWT.parse(token).getHeader().getKeyID());
        assertThat(secondView
                        .postJson("/v2/client-access-token", "Bearer " + token, "{}")
                        .status())
                .isEqualTo(200);
    }
}
