package dev.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.server.ServerConfig;
import dev.tollgate.server.TollgateServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tollgate app} and {@code tollgate usage} as separate processes: which server they call, what they say about
 * it, and the one line they print when there is none. A second data directory whose {@code server.url} points at a
 * server that is gone stands in for the other server on the machine: a test that reaches the live server through a
 * flag or a variable proves that the flag or variable won over that file.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WhenTheCommandLineLooksForItsServer {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path serverDirectory;

    @TempDir
    static Path staleDirectory;

    TollgateServer server;
    String liveUrl;
    String staleUrl;

    @BeforeAll
    void startOneServerAndLeaveAnotherOnesFileBehind() throws IOException {
        server = TollgateServer.start(ServerConfig.of(serverDirectory, 0));
        // What serve does once it has printed its report: without server.url nothing finds the server.
        server.announce();
        liveUrl = server.url().toString();
        staleUrl = "http://127.0.0.1:" + freePort();
        // What a server killed with kill -9 leaves: its URL file, and the admin credential that still fits this server.
        Files.writeString(staleDirectory.resolve(TollgateServer.URL_FILE), staleUrl + "\n");
        Files.copy(
                serverDirectory.resolve(TollgateServer.ADMIN_CREDENTIAL_FILE),
                staleDirectory.resolve(TollgateServer.ADMIN_CREDENTIAL_FILE));
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void anExplicitUrlIsUsedWithoutAUsingLine() throws Exception {
        CliProcess.Result result = CliProcess.run(
                Map.of("TOLLGATE_URL", staleUrl),
                "app",
                "list",
                "--url",
                liveUrl,
                "--data-dir",
                staleDirectory.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(JSON.readTree(result.out()).isContainerNode()).isTrue();
    }

    @Test
    void tollgateUrlInTheEnvironmentIsUsed() throws Exception {
        CliProcess.Result result =
                CliProcess.run(Map.of("TOLLGATE_URL", liveUrl), "app", "list", "--data-dir", staleDirectory.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(JSON.readTree(result.out()).isContainerNode()).isTrue();
    }

    @Test
    void theOldNamesServerAndTollgateServerStillWork() throws Exception {
        CliProcess.Result flag =
                CliProcess.run("app", "list", "--server", liveUrl, "--data-dir", staleDirectory.toString());
        CliProcess.Result variable = CliProcess.run(
                Map.of("TOLLGATE_SERVER", liveUrl), "app", "list", "--data-dir", staleDirectory.toString());

        assertThat(flag.exitCode()).as(flag.err()).isZero();
        assertThat(flag.err()).isEmpty();
        assertThat(variable.exitCode()).as(variable.err()).isZero();
        assertThat(variable.err()).isEmpty();
    }

    @Test
    void aServerFoundThroughTheDataDirectoryIsNamedOnStderr() throws Exception {
        CliProcess.Result result = CliProcess.run("app", "list", "--data-dir", serverDirectory.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err())
                .isEqualTo("using " + liveUrl + " (from " + serverDirectory.resolve("server.url") + ")"
                        + System.lineSeparator());
        assertThat(JSON.readTree(result.out()).isContainerNode()).isTrue();
    }

    @Test
    void withNoServerItSaysWhereItLookedAndHowToFixIt(@TempDir Path emptyWorkingDirectory) throws Exception {
        CliProcess.Result app = CliProcess.runIn(emptyWorkingDirectory, Map.of(), "app", "list");
        CliProcess.Result usage =
                CliProcess.runIn(emptyWorkingDirectory, Map.of(), "usage", "--application", "any-application");

        assertThat(app.exitCode()).isEqualTo(Tollgate.USAGE);
        assertThat(app.out()).isEmpty();
        assertThat(app.err())
                .isEqualTo("tollgate app list: no running server found: ./data/server.url does not exist;"
                        + " start 'tollgate serve' or give --url" + System.lineSeparator());
        assertThat(usage.exitCode()).isEqualTo(Tollgate.USAGE);
        assertThat(usage.out()).isEmpty();
        assertThat(usage.err()).startsWith("tollgate usage: no running server found: ./data/server.url");
    }

    @Test
    void aStaleServerUrlSaysItCannotConnect() throws Exception {
        CliProcess.Result result = CliProcess.run("app", "list", "--data-dir", staleDirectory.toString());

        assertThat(result.exitCode()).isEqualTo(Tollgate.REJECTED);
        assertThat(result.out()).isEmpty();
        assertThat(result.err())
                .isEqualTo("tollgate app list: cannot connect to " + staleUrl + " (from "
                        + staleDirectory.resolve("server.url") + "): is 'tollgate serve' running?"
                        + System.lineSeparator());
    }

    @Test
    void aUrlWithoutHttpIsRefusedBeforeAnythingIsSent() throws Exception {
        CliProcess.Result result = CliProcess.run("app", "list", "--url", "localhost:8080");

        assertThat(result.exitCode()).isEqualTo(Tollgate.USAGE);
        assertThat(result.out()).isEmpty();
        assertThat(result.err().strip())
                .isEqualTo("tollgate app list: --url: 'localhost:8080' is not an http:// or https:// URL,"
                        + " e.g. http://127.0.0.1:8080");
    }

    // A port nothing listens on once the socket is closed; another process could take it in between, which would
    // turn the stale-file test's refused connection into an answer from a stranger, and the test would say so.
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
