package dev.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.server.ServerConfig;
import dev.tollgate.server.TollgateServer;
import dev.tollgate.token.TokenBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tollgate usage} as a separate process, against a server that has recorded a tagged session. */
class WhenReadingUsageFromTheCommandLine {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDirectory;

    TollgateServer server;
    String applicationId;

    @BeforeEach
    void recordATaggedSession() throws Exception {
        server = TollgateServer.start(ServerConfig.of(dataDirectory, 0));
        // serve announces itself in server.url, which `tollgate usage --data-dir` reads; start alone does not.
        server.announce();
        try (HttpClient http = HttpClient.newHttpClient()) {
            JsonNode app = JSON.readTree(http.send(
                            HttpRequest.newBuilder(URI.create(server.url() + "/v1/admin/applications"))
                                    .header(
                                            "Authorization",
                                            "Bearer " + server.adminCredential().orElseThrow())
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"cli-usage\"}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body());
            applicationId = app.get("applicationId").asText();
            String token = new TokenBuilder()
                    .withApplicationId(applicationId)
                    .withSecret(app.get("secret").asText())
                    .expiresIn(Duration.ofHours(1))
                    .forAuthenticationOnly()
                    .applyTag("customer=acme corp")
                    .build();
            int status = http.send(
                            HttpRequest.newBuilder(URI.create(server.url() + "/v1/sessions"))
                                    .header("Authorization", "Bearer " + token)
                                    .POST(HttpRequest.BodyPublishers.noBody())
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .statusCode();
            assertThat(status).isEqualTo(201);
        }
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void itPrintsTheReportFilteredAndGroupedAsAsked() throws Exception {
        CliProcess.Result result = CliProcess.run(
                "usage",
                "--application",
                applicationId,
                "--tag",
                "customer=acme corp",
                "--group-by",
                "tag,action",
                "--data-dir",
                dataDirectory.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode report = JSON.readTree(result.out());
        assertThat(report.get("applicationId").asText()).isEqualTo(applicationId);
        assertThat(report.get("rows").toString())
                .isEqualTo("[{\"tag\":\"customer=acme corp\",\"action\":\"authenticate\",\"count\":1}]");
    }

    @Test
    void aBadGroupingIsRefusedWithTheServersCode() throws Exception {
        CliProcess.Result result = CliProcess.run(
                "usage",
                "--application",
                applicationId,
                "--group-by",
                "customer",
                "--data-dir",
                dataDirectory.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("invalid-parameter");
    }
}
