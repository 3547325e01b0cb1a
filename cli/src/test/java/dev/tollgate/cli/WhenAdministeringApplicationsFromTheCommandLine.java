package dev.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** {@code tollgate serve} and {@code tollgate app ...} as separate processes, as a newcomer runs them. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WhenAdministeringApplicationsFromTheCommandLine {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDirectory;

    ServeProcess serve;
    String url;

    @BeforeAll
    void startTheServer() throws Exception {
        serve = ServeProcess.start(dataDirectory);
        url = serve.url();
    }

    @AfterAll
    void stopTheServer() throws Exception {
        serve.close();
    }

    CliProcess.Result app(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("app"));
        all.addAll(List.of(args));
        all.addAll(List.of("--data-dir", dataDirectory.toString()));
        return CliProcess.run(all.toArray(String[]::new));
    }

    @Test
    @Order(1)
    void serveReportsTheUrlAndTheAdminCredentialOnce() throws Exception {
        String report = serve.out();
        assertThat(report).contains("Tollgate listening on " + url).contains("admin credential (shown once): tga_");
        assertThat(report)
                .contains(Files.readString(dataDirectory.resolve("admin.token")).strip());
    }

    @Test
    @Order(2)
    void appCreatePrintsCredentialsThatObtainAnApiToken() throws Exception {
        CliProcess.Result created = app("create", "--name", "demo");

        assertThat(created.exitCode()).as(created.err()).isZero();
        JsonNode json = JSON.readTree(created.out());
        assertThat(json.fieldNames()).toIterable().containsExactly("applicationId", "secret");
        String basic = Base64.getEncoder()
                .encodeToString((json.get("applicationId").asText() + ":"
                                + json.get("secret").asText())
                        .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> token;
        try (HttpClient http = HttpClient.newHttpClient()) {
            token = http.send(
                    HttpRequest.newBuilder(URI.create(url + "/v1/auth/token"))
                            .timeout(Duration.ofSeconds(30))
                            .header("Authorization", "Basic " + basic)
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }
        assertThat(token.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(token.body()).get("token_type").asText()).isEqualTo("Bearer");
    }

    @Test
    @Order(3)
    void listRotateRetireAndDeleteWorkOnTheRunningServer() throws Exception {
        JsonNode created = JSON.readTree(app("create", "--name", "rotating").out());
        String id = created.get("applicationId").asText();

        CliProcess.Result list = app("list");
        assertThat(list.exitCode()).isZero();
        assertThat(list.out()).contains(id).doesNotContain(created.get("secret").asText());

        JsonNode rotated = JSON.readTree(app("rotate-secret", id).out());
        assertThat(rotated.get("activeSecrets").asInt()).isEqualTo(2);
        assertThat(rotated.get("secret").asText())
                .isNotEqualTo(created.get("secret").asText());

        JsonNode retired = JSON.readTree(app("retire-secret", id).out());
        assertThat(retired.get("retired").asInt()).isEqualTo(1);

        assertThat(app("delete", id).exitCode()).isZero();
        CliProcess.Result again = app("delete", id);
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("not-found");
    }

    @Test
    @Order(4)
    void anExplicitServerAndAdminTokenWorkFromAnywhere(@TempDir Path elsewhere) throws Exception {
        String admin = Files.readString(dataDirectory.resolve("admin.token")).strip();
        CliProcess.Result list = CliProcess.run(
                Map.of("TOLLGATE_ADMIN_TOKEN", admin),
                "app",
                "list",
                "--server",
                url,
                "--data-dir",
                elsewhere.toString());
        CliProcess.Result noServer = CliProcess.run("app", "list", "--data-dir", elsewhere.toString());
        CliProcess.Result wrongToken =
                CliProcess.run(Map.of("TOLLGATE_ADMIN_TOKEN", "tga_wrong"), "app", "list", "--server", url);

        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(noServer.exitCode()).isEqualTo(2);
        assertThat(noServer.err()).contains("no running server found");
        assertThat(wrongToken.exitCode()).isEqualTo(1);
        assertThat(wrongToken.err()).contains("unauthorized");
    }

    @Test
    @Order(5)
    void sigtermStopsTheServerCleanly() throws Exception {
        // 143 = 128 + SIGTERM: the JVM ends by the signal once its shutdown hook has closed the server.
        assertThat(serve.stop()).as("exit code after SIGTERM").isEqualTo(143);
        assertThat(serve.err()).contains("tollgate: stopped");
        assertThat(dataDirectory.resolve("server.url")).doesNotExist();
    }
}
