package dev.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, as a newcomer runs it: the first {@code tollgate serve} says how to create the first admin, {@code
 * tollgate account create --email … --admin} prints the one-time link, and the link sets the password one signs in
 * with.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WhenCreatingTheFirstDashboardAccount {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDirectory;

    ServeProcess serve;
    String link;

    @BeforeAll
    void startTheServer() throws Exception {
        serve = ServeProcess.start(dataDirectory);
    }

    @AfterAll
    void stopTheServer() throws Exception {
        serve.close();
    }

    @Test
    @Order(1)
    void theFirstServeSaysHowToCreateTheFirstAdmin() throws Exception {
        assertThat(serve.out())
                .contains("no dashboard account yet; create the first admin with")
                .contains("tollgate account create --email you@example.com --admin --data-dir " + dataDirectory);
    }

    @Test
    @Order(2)
    void accountCreatePrintsTheOneTimeLink() throws Exception {
        CliProcess.Result created = CliProcess.run(
                "account", "create", "--email", "ada@example.com", "--admin", "--data-dir", dataDirectory.toString());

        assertThat(created.exitCode()).as(created.err()).isZero();
        String[] lines = created.out().strip().split("\n");
        assertThat(lines[0]).startsWith("created admin account ada@example.com (acc_");
        link = lines[lines.length - 1];
        assertThat(link).startsWith(serve.url() + "/#/set-password/");
    }

    @Test
    @Order(3)
    void theLinkSetsThePasswordThatSignsIn() throws Exception {
        String token = link.substring(link.lastIndexOf('/') + 1);
        try (HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            HttpResponse<String> set = post(
                    http,
                    "/v1/dashboard/set-password",
                    "{\"token\":\"" + token + "\",\"password\":\"correct horse battery staple\"}");
            HttpResponse<String> signIn = post(
                    http,
                    "/v1/dashboard/sign-in",
                    "{\"email\":\"ada@example.com\",\"password\":\"correct horse battery staple\"}");

            assertThat(set.statusCode()).as(set.body()).isEqualTo(204);
            assertThat(signIn.statusCode()).as(signIn.body()).isEqualTo(200);
            assertThat(JSON.readTree(signIn.body()).get("account").get("role").asText())
                    .isEqualTo("admin");
        }
    }

    @Test
    @Order(4)
    void aSecondAccountWithTheSameEmailIsRefused() throws Exception {
        CliProcess.Result again = CliProcess.run(
                "account", "create", "--email", "ADA@example.com", "--data-dir", dataDirectory.toString());

        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("email-taken");
    }

    private HttpResponse<String> post(HttpClient http, String path, String json) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(serve.url() + path))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
