package dev.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tollgate token create} and {@code POST /v1/edge-tokens} map their options through the same {@code
 * TokenOptions}: given every option and the same expiry, the two write the same token byte for byte.
 */
class WhenTheCommandLineAndTheServerMintTheSameToken {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDirectory;

    @Test
    void everyOptionGivesTheSameBytesOnBothSurfaces() throws Exception {
        try (ServeProcess serve = ServeProcess.start(dataDirectory);
                HttpClient http = HttpClient.newHttpClient()) {
            CliProcess.Result created =
                    CliProcess.run("app", "create", "--name", "same", "--data-dir", dataDirectory.toString());
            assertThat(created.exitCode()).as(created.err()).isZero();
            JsonNode app = JSON.readTree(created.out());
            String id = app.get("applicationId").asText();
            String secret = app.get("secret").asText();
            // Within the endpoint's one-year bound, and fixed, so that both sides write the same expires.
            long expiresAt = Instant.now().plus(Duration.ofDays(30)).toEpochMilli();
            // Given in another order than the reference CLI applies them: the order must not matter to either.
            String body = "{\"applyTags\":[\"t1,with,commas\",\"t2\"],\"tag\":\"my-tag\",\"originStreamId\":\"o\","
                    + "\"remoteAddress\":\"10.1.2.3\",\"sessionId\":\"s\",\"denyPostalCodes\":[\"01748\"],"
                    + "\"allowCountries\":[\"US\",\"DE\"],\"capabilities\":[\"a,b\"],\"publishingOnly\":true,"
                    + "\"expiresAt\":" + expiresAt + ",\"uri\":\"https://b.example\"}";
            HttpResponse<String> minted = http.send(
                    HttpRequest.newBuilder(URI.create(serve.url() + "/v1/edge-tokens"))
                            .header(
                                    "Authorization",
                                    "Basic "
                                            + Base64.getEncoder()
                                                    .encodeToString(
                                                            (id + ":" + secret).getBytes(StandardCharsets.UTF_8)))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            CliProcess.Result cli = CliProcess.run(
                    "token",
                    "create",
                    "-u",
                    id,
                    "-w",
                    secret,
                    "--applyTag",
                    "t1,with,commas",
                    "--applyTag",
                    "t2",
                    "--tag",
                    "my-tag",
                    "--originStreamId",
                    "o",
                    "--remoteAddress",
                    "10.1.2.3",
                    "--sessionId",
                    "s",
                    "--geoPostalDeny",
                    "01748",
                    "--geoCountryAllow",
                    "US,DE",
                    "--capability",
                    "a,b",
                    "--publishingOnly",
                    "--expiresAt",
                    Long.toString(expiresAt),
                    "--uri",
                    "https://b.example",
                    "--json");

            assertThat(minted.statusCode()).as(minted.body()).isEqualTo(200);
            assertThat(cli.exitCode()).as(cli.err()).isZero();
            JsonNode server = JSON.readTree(minted.body());
            JsonNode local = JSON.readTree(cli.out());
            assertThat(server.get("token").asText())
                    .isEqualTo(local.get("token").asText());
            assertThat(server.get("claims").toString())
                    .isEqualTo("{\"uri\":\"https://b.example\",\"expires\":" + expiresAt + ",\"type\":\"publish\","
                            + "\"sessionId\":\"s\",\"remoteAddress\":\"10.1.2.3\",\"originStreamId\":\"o\","
                            + "\"requiredTag\":\"my-tag\",\"capabilities\":[\"a,b\",\"geo-country-allow=US,DE\","
                            + "\"geo-postal-code-deny=01748\"],\"applyTags\":[\"t1,with,commas\",\"t2\"]}");
        }
    }
}
