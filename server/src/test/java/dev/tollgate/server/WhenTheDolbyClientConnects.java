package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.tollgate.server.TestServer.App;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real {@code @dolbyio/dolbyio-rest-apis-client@4.1.0} (npm) against this server. The package is not edited: a
 * {@code --require} preload replaces {@code follow-redirects}' {@code https.request}, through which the client sends
 * every call to its hard-coded {@code api.dolby.io} and {@code comms.api.dolby.io} on port 443, with a plain HTTP
 * request to the test server. Skipped when Node.js or npm is not installed.
 */
class WhenTheDolbyClientConnects extends ServerScenario {
    static final String PACKAGE = "@dolbyio/dolbyio-rest-apis-client@4.1.0";
    static final Path DIRECTORY = Path.of("target", "npm-dolbyio").toAbsolutePath();

    App app;

    @BeforeEach
    void installTheClient() throws Exception {
        assumeTrue(
                onPath("node") && onPath("npm"),
                "Node.js and npm are not installed: skipping the Dolby.io client test");
        app = server.createApplication("dolby");
        Path installed = DIRECTORY.resolve("node_modules/@dolbyio/dolbyio-rest-apis-client/package.json");
        synchronized (WhenTheDolbyClientConnects.class) {
            if (!Files.exists(installed)) {
                Files.createDirectories(DIRECTORY);
                Run npm = run(
                        List.of(
                                "npm",
                                "install",
                                "--ignore-scripts",
                                "--no-audit",
                                "--no-fund",
                                "--prefix",
                                DIRECTORY.toString(),
                                PACKAGE),
                        Map.of(),
                        300);
                assertThat(npm.exit()).as("npm install failed: " + npm.err()).isZero();
            }
        }
        Files.writeString(DIRECTORY.resolve("redirect.js"), REDIRECT, StandardCharsets.UTF_8);
        Files.writeString(DIRECTORY.resolve("client.js"), CLIENT, StandardCharsets.UTF_8);
    }

    // Replaces the client's HTTPS transport in memory; the package's files stay as published.
    static final String REDIRECT = """
            const path = require('path');
            const followRedirects = require(path.join(__dirname, 'node_modules', 'follow-redirects'));
            const port = Number(process.env.TOLLGATE_TEST_PORT);
            followRedirects.https.request = function (options, callback) {
              const redirected = Object.assign({}, options, { protocol: 'http:', hostname: '127.0.0.1', host: undefined, port });
              return followRedirects.http.request(redirected, callback);
            };
            """;

    // The seed's own Node.js snippet ("Client Authentication"), printing what it obtained as the last line.
    static final String CLIENT = """
            const path = require('path');
            const dolbyio = require(path.join(__dirname, 'node_modules', '@dolbyio', 'dolbyio-rest-apis-client'));
            (async () => {
              const apiToken = await dolbyio.authentication.getApiAccessToken(
                process.env.APP_KEY, process.env.APP_SECRET, 600, ['comms:client_access_token:create']);
              const accessToken = await dolbyio.communications.authentication.getClientAccessTokenV2({
                accessToken: apiToken,
                externalId: 'alice@example.com',
                sessionScope: ['conf:create', 'notifications:set'],
              });
              console.log(JSON.stringify({ apiToken, accessToken }));
            })().catch((error) => { console.error('FAILED ' + error); process.exit(3); });
            """;

    Run client(String key, String secret) throws Exception {
        return run(
                List.of(
                        "node",
                        "--require",
                        DIRECTORY.resolve("redirect.js").toString(),
                        DIRECTORY.resolve("client.js").toString()),
                Map.of(
                        "TOLLGATE_TEST_PORT", Integer.toString(server.server.port()),
                        "APP_KEY", key,
                        "APP_SECRET", secret),
                60);
    }

    @Test
    void itObtainsAnApiTokenAndAClientAccessToken() throws Exception {
        Run run = client(app.id(), app.secret());

        assertThat(run.exit()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        JsonNode result = TestServer.JSON.readTree(lines.getLast());
        assertThat(result.get("apiToken").get("token_type").asText()).isEqualTo("Bearer");
        assertThat(result.get("apiToken").get("expires_in").asLong()).isEqualTo(600);
        assertThat(result.get("apiToken").get("scope").asText()).isEqualTo("comms:client_access_token:create");
        JsonNode access = result.get("accessToken");
        assertThat(access.get("scope").asText()).isEqualTo("conf:create notifications:set");
        JWTClaimsSet claims =
                SignedJWT.parse(access.get("access_token").asText()).getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo(app.id());
        assertThat(claims.getStringClaim("external_id")).isEqualTo("alice@example.com");
    }

    @Test
    void wrongCredentialsSurfaceAsTheOAuthError() throws Exception {
        Run run = client(app.id(), "not-the-secret");

        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).contains("401").contains("invalid_client");
    }

    record Run(int exit, String out, String err) {}

    static Run run(List<String> command, Map<String, String> environment, int timeoutSeconds) throws Exception {
        Path out = Files.createTempFile("node-out", ".txt");
        Path err = Files.createTempFile("node-err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(DIRECTORY.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                throw new AssertionError(command.getFirst() + " (pid " + process.pid() + ") did not finish in "
                        + timeoutSeconds + " s: " + Files.readString(err));
            }
            return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            // Bounded and killed by PID, also its children (npm runs node).
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    static boolean onPath(String program) {
        try {
            Process process = new ProcessBuilder(program, "--version")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            boolean done = process.waitFor(20, TimeUnit.SECONDS);
            process.destroyForcibly();
            return done && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
