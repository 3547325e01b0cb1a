package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.server.TestServer.App;
import dev.tollgate.server.TestServer.Reply;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WhenManagingApplications extends ServerScenario {

    Map<String, String> admin() {
        return Map.of("Authorization", server.adminAuthorization());
    }

    @Test
    void creatingShowsTheSecretOnceAndListingNeverShowsIt() {
        App app = server.createApplication("demo");
        Reply list = server.get("/v1/admin/applications", admin());
        Reply one = server.get("/v1/admin/applications/" + app.id(), admin());

        assertThat(list.status()).isEqualTo(200);
        JsonNode first = list.json().get("applications").get(0);
        assertThat(first.get("applicationId").asText()).isEqualTo(app.id());
        assertThat(first.get("name").asText()).isEqualTo("demo");
        assertThat(first.get("activeSecrets").asInt()).isEqualTo(1);
        assertThat(list.body()).doesNotContain(app.secret());
        assertThat(one.body())
                .doesNotContain(app.secret())
                .contains("\"createdAt\"")
                .contains("\"updatedAt\"");
    }

    @Test
    void theSecretIsStoredOnlySealed() throws Exception {
        App app = server.createApplication("demo");
        server.close();
        // Whatever the database, no column holds the secret in clear.
        String dump = dumpSecrets();
        server = TestServer.wrap(TollgateServer.start(server.config, clock), server.config);
        assertThat(dump).isNotEmpty().doesNotContain(app.secret());
    }

    private String dumpSecrets() throws Exception {
        ServerConfig config = server.config;
        String url = config.databaseUrl()
                .orElse("jdbc:h2:file:" + dataDirectory.toAbsolutePath().resolve("tollgate"));
        try (var connection = java.sql.DriverManager.getConnection(
                        url,
                        config.databaseUser().orElse("sa"),
                        config.databasePassword().orElse(""));
                var rs = connection.createStatement().executeQuery("SELECT sealed FROM application_secrets")) {
            StringBuilder all = new StringBuilder();
            while (rs.next()) {
                all.append(rs.getString(1)).append('\n');
            }
            return all.toString();
        }
    }

    @Test
    void noIdOrSecretStartsWithADashOrAnUnderscore() {
        // Unfixed, one in 32 would start with '-' or '_': 300 draws all passing by chance is under 1 in 10,000.
        for (int i = 0; i < 150; i++) {
            TestServer.App app = server.createApplication("dashless-" + i);
            assertThat(app.id()).as("a command line reads '-…' as an option").matches("[A-Za-z0-9].*");
            assertThat(app.secret()).matches("[A-Za-z0-9].*");
        }
    }

    @Test
    void deletingRemovesTheApplicationAndUnknownOnesAreNotFound() {
        App app = server.createApplication("demo");
        Reply deleted = server.send("DELETE", "/v1/admin/applications/" + app.id(), admin(), null);
        Reply again = server.send("DELETE", "/v1/admin/applications/" + app.id(), admin(), null);

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.json().get("code").asText()).isEqualTo("application-not-found");
        assertThat(server.get("/v1/admin/applications/" + app.id(), admin()).status())
                .isEqualTo(404);
        assertThat(server.postJson("/v1/admin/applications/nope/rotate-secret", server.adminAuthorization(), null)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void everyAdminCallNeedsTheAdminCredential() {
        App app = server.createApplication("demo");
        Reply none = server.get("/v1/admin/applications", Map.of());
        Reply wrong = server.get("/v1/admin/applications", Map.of("Authorization", "Bearer tga_wrong"));
        Reply appCredentials = server.get("/v1/admin/applications", Map.of("Authorization", app.basic()));

        for (Reply reply : new Reply[] {none, wrong, appCredentials}) {
            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.json().get("code").asText()).isEqualTo("unauthorized");
            assertThat(reply.header("WWW-Authenticate")).startsWith("Bearer");
        }
    }

    @Test
    void repeatedWrongAdminCredentialsAreSlowedDown() {
        String wellFormedButWrong = "Bearer tga_" + "A".repeat(43);
        for (int i = 0; i < 10; i++) {
            assertThat(server.get("/v1/admin/applications", Map.of("Authorization", wellFormedButWrong))
                            .status())
                    .isEqualTo(401);
        }
        Reply limited = server.get("/v1/admin/applications", Map.of("Authorization", wellFormedButWrong));
        Reply evenRight = server.get("/v1/admin/applications", admin());

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.json().get("code").asText()).isEqualTo("too-many-failed-attempts");
        assertThat(evenRight.status()).isEqualTo(429);
    }

    @Test
    void scopesCanBeLimitedAndUnknownOnesAloneAreRefused() {
        Reply limited = server.postJson(
                "/v1/admin/applications",
                server.adminAuthorization(),
                "{\"name\":\"x\",\"scopes\":\"edge:token:create bogus\"}");
        Reply unknown = server.postJson(
                "/v1/admin/applications", server.adminAuthorization(), "{\"name\":\"x\",\"scopes\":[\"bogus\"]}");

        assertThat(limited.json().get("scopes").toString()).isEqualTo("[\"edge:token:create\"]");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("code").asText()).isEqualTo("unknown-scope");
    }
}
