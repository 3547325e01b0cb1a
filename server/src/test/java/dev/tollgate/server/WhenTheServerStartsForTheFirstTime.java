package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.TestServer.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WhenTheServerStartsForTheFirstTime extends ServerScenario {

    @Test
    void itCreatesTheMasterKeyAndTheAdminCredentialReadableOnlyByTheOwner() throws Exception {
        Path masterKey = dataDirectory.resolve("master.key");
        Path admin = dataDirectory.resolve(TollgateServer.ADMIN_CREDENTIAL_FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(masterKey)))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(admin)))
                .isEqualTo("rw-------");
        assertThat(Files.readString(admin).strip()).isEqualTo(server.admin);
        Path edge = dataDirectory.resolve(TollgateServer.EDGE_CREDENTIAL_FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(edge)))
                .isEqualTo("rw-------");
        assertThat(Files.readString(edge).strip()).isEqualTo(server.edge);
        assertThat(java.util.Base64.getDecoder()
                        .decode(Files.readString(masterKey).strip()))
                .hasSize(32);
    }

    @Test
    void itReportsTheUrlAndWhatItCreatedAndWritesThePortWhenAnnounced() throws Exception {
        String report = server.server.report();
        assertThat(dataDirectory.resolve(TollgateServer.URL_FILE)).doesNotExist();
        server.server.announce();
        assertThat(report)
                .contains("listening on " + server.server.url())
                .contains("created master key")
                .contains("created JWT signing key (ES256")
                .contains("admin credential (shown once): " + server.admin)
                .contains("edge credential (shown once): " + server.edge);
        assertThat(Files.readString(dataDirectory.resolve(TollgateServer.PORT_FILE))
                        .strip())
                .isEqualTo(Integer.toString(server.server.port()));
        assertThat(server.server.port()).isPositive();
    }

    @Test
    void itIsHealthyAndExposesPrometheusMetrics() {
        Reply health = server.get("/health", Map.of());
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("up");
        server.postJson("/v1/admin/applications", null, "{}");
        Reply metrics = server.get("/metrics", Map.of());
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.header("Content-Type")).startsWith("text/plain");
        assertThat(metrics.body()).contains("tollgate_requests_rejected_total{code=\"unauthorized\"} 1.0");
    }

    @Test
    void aRestartKeepsApplicationsAndCreatesNoNewCredential() {
        TestServer.App app = server.createApplication("kept");
        ServerConfig config = server.config;
        server.close();
        server = TestServer.wrap(TollgateServer.start(config, clock), config);
        assertThat(server.server.adminCredential()).isEmpty();
        assertThat(server.server.edgeCredential()).isEmpty();
        assertThat(server.server.report()).doesNotContain("edge credential");
        assertThat(server.server.created())
                .noneMatch(line -> line.contains("master key") || line.contains("signing key"));
        assertThat(server.apiToken(app, null)).isNotBlank();
    }

    @Test
    void aDifferentMasterKeyIsRefusedInsteadOfCorruptingSecrets() {
        server.close();
        ServerConfig wrongKey =
                server.config.withMasterKey(java.util.Base64.getEncoder().encodeToString(new byte[32]));
        server = null;
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TollgateServer.start(wrongKey, clock))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("master key does not match");
    }
}
