package dev.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tollgate serve} that cannot start says why in one line an operator acts on, exits 1, and leaves nothing
 * behind that suggests it runs: no {@code server.url}, no credentials shown or created "once" for nobody.
 */
class WhenServeCannotStart {
    @TempDir
    Path temporary;

    @Test
    void aBusyPortIsNamedAndNothingIsCreated() throws Exception {
        Path data = temporary.resolve("data");
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = taken.getLocalPort();

            CliProcess.Result result =
                    CliProcess.run("serve", "--port", Integer.toString(port), "--data-dir", data.toString());

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.err()).isEqualTo("tollgate serve: 127.0.0.1:" + port + " is already in use\n");
            assertThat(result.out()).isEmpty();
        }
        assertThat(data.resolve("server.url")).doesNotExist();
        assertThat(data.resolve("admin.token")).doesNotExist();
        assertThat(data.resolve("edge.token")).doesNotExist();
    }

    @Test
    void aClockSkewBeyondTenMinutesIsAOneLineUsageErrorAndNothingIsCreated() throws Exception {
        Path data = temporary.resolve("data");

        CliProcess.Result result =
                CliProcess.run("serve", "--port", "0", "--data-dir", data.toString(), "--clock-skew", "11m");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("tollgate serve: the clock skew must be between 0 and 10m, was '11m'\n");
        assertThat(result.out()).isEmpty();
        assertThat(data).doesNotExist();
    }

    @Test
    void aDataDirectoryThatCannotBeCreatedIsNamedWithTheSystemsReason() throws Exception {
        Path file = Files.writeString(temporary.resolve("a-file"), "not a directory");
        Path data = file.resolve("data");

        CliProcess.Result result = CliProcess.run("serve", "--port", "0", "--data-dir", data.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err())
                .isEqualTo("tollgate serve: cannot create the data directory " + data + ": Not a directory\n");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void aDataDirectoryInUseByAnotherServeNamesItsPid() throws Exception {
        Path data = temporary.resolve("shared-data");
        try (ServeProcess first = ServeProcess.start(data)) {
            CliProcess.Result second = CliProcess.run("serve", "--port", "0", "--data-dir", data.toString());

            assertThat(second.exitCode()).isEqualTo(1);
            assertThat(second.err())
                    .isEqualTo("tollgate serve: the data directory " + data.toAbsolutePath()
                            + " is in use by another tollgate serve (PID " + first.pid()
                            + "); stop it, or give this one another --data-dir\n");
            assertThat(second.out()).isEmpty();
            assertThat(first.isAlive()).as("the first serve keeps running").isTrue();
            assertThat(Files.readString(data.resolve("server.url")).strip()).isEqualTo(first.url());
        }
    }

    @Test
    void aDataDirectoryLeftByAKilledServeIsTakenOver() throws Exception {
        Path data = temporary.resolve("after-kill");
        ServeProcess first = ServeProcess.start(data);
        try {
            first.kill();
        } finally {
            first.close();
        }
        // The operating system released the lock with the process; the stale server.url is replaced.
        try (ServeProcess second = ServeProcess.start(data)) {
            assertThat(second.out()).contains("Tollgate listening on " + second.url());
            assertThat(second.err()).doesNotContain("in use");
        }
    }

    @Test
    void anUnreachableDatabaseIsNamedWithoutTheDriversAdvice() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + closedPort + "/tollgate";

        CliProcess.Result result = CliProcess.run(
                Map.of("TOLLGATE_DB_PASSWORD", "secret-password"),
                "serve",
                "--port",
                "0",
                "--data-dir",
                temporary.resolve("data").toString(),
                "--db-url",
                url,
                "--db-user",
                "tollgate");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err())
                .isEqualTo("tollgate serve: cannot open the database PostgreSQL " + url + ": connection refused\n");
        assertThat(result.out()).isEmpty();
    }
}
