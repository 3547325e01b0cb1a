package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.tollgate.client.ManualClock;
import dev.tollgate.server.TestServer.App;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code @dolbyio/dolbyio-rest-apis-client@4.1.0} (npm), unmodified, against {@code serve} over HTTPS as a
 * user runs it: the client always speaks HTTPS to port 443, so the server listens on {@code 127.0.0.N:443} with a
 * test certificate for that address, Node trusts it through {@code NODE_EXTRA_CA_CERTS}, and {@code
 * urls.initialize} points the client's host names at it (docs/api.md, "Using the Dolby.io client libraries").
 * Skipped when Node.js, npm or openssl is missing, or when port 443 cannot be bound (it needs root, as in CI).
 */
class WhenTheDolbyClientConnects {
    static final String PACKAGE = "@dolbyio/dolbyio-rest-apis-client@4.1.0";
    static final Path DIRECTORY = Path.of("target", "npm-dolbyio").toAbsolutePath();

    @TempDir
    Path temporary;

    final ManualClock clock = new ManualClock(Instant.now());
    TestServer server;
    TestCertificates.Pair certificate;
    String address;
    App app;

    @BeforeEach
    void startOnPort443AndInstallTheClient() throws Exception {
        assumeTrue(
                onPath("node") && onPath("npm"),
                "Node.js and npm are not installed: skipping the Dolby.io client test");
        address = freeAddressOnPort443();
        certificate = TestCertificates.make(temporary, "dolby", address, "ec", "-pkeyopt", "ec_paramgen_curve:P-256");
        server = TestServer.start(
                ServerConfig.of(temporary.resolve("data"), 443)
                        .withHost(address)
                        .withTls(certificate.certificate(), certificate.key()),
                clock,
                certificate.trustingIt());
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
        Files.writeString(DIRECTORY.resolve("client.js"), CLIENT, StandardCharsets.UTF_8);
    }

    @AfterEach
    void stopTheServer() {
        if (server != null) {
            server.close();
        }
    }

    /** A loopback address whose port 443 is free; skips the test when none can be bound (not root). */
    static String freeAddressOnPort443() {
        IOException last = null;
        for (int attempt = 0; attempt < 20; attempt++) {
            String candidate = "127.0." + ThreadLocalRandom.current().nextInt(1, 255) + "."
                    + ThreadLocalRandom.current().nextInt(2, 255);
            try (ServerSocket probe = new ServerSocket()) {
                probe.bind(new InetSocketAddress(candidate, 443));
                return candidate;
            } catch (IOException e) {
                last = e;
            }
        }
        assumeTrue(
                false,
                "cannot bind port 443 on loopback (" + last.getMessage()
                        + "; it needs root, as CI runs): skipping the Dolby.io client test");
        throw new AssertionError("unreachable");
    }

    // The seed's own Node.js snippet ("Client Authentication"), with the host names pointed at this server, printing
    // what it obtained as the last line.
    static final String CLIENT = """
            const path = require('path');
            const dolbyio = require(path.join(__dirname, 'node_modules', '@dolbyio', 'dolbyio-rest-apis-client'));
            dolbyio.urls.initialize({ api: process.env.TOLLGATE_HOST, comms: process.env.TOLLGATE_HOST });
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
                List.of("node", DIRECTORY.resolve("client.js").toString()),
                Map.of(
                        "TOLLGATE_HOST", address,
                        "NODE_EXTRA_CA_CERTS", certificate.certificate().toString(),
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
