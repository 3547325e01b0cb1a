package dev.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tollgate status}: the URL of a healthy server on stdout, or one line saying why there is none. */
class WhenAskingForTheServersStatus {
    @TempDir
    Path temporary;

    @Test
    void aRunningServerIsPrintedAsItsUrl() throws Exception {
        Path data = temporary.resolve("data");
        try (ServeProcess serve = ServeProcess.start(data)) {
            CliProcess.Result status = CliProcess.run("status", "--data-dir", data.toString());

            assertThat(status.exitCode()).as(status.err()).isZero();
            assertThat(status.out()).isEqualTo(serve.url() + "\n");
        }
    }

    @Test
    void noServerWithinTheWaitIsOneLineAndExitOne() throws Exception {
        Path data = temporary.resolve("nothing-here");

        CliProcess.Result status = CliProcess.run("status", "--wait", "1", "--data-dir", data.toString());

        assertThat(status.exitCode()).isEqualTo(1);
        assertThat(status.out()).isEmpty();
        assertThat(status.err())
                .isEqualTo("tollgate status: no running server found: " + data.resolve("server.url")
                        + " does not exist; start 'tollgate serve' or give --url (waited 1 s)\n");
    }

    @Test
    void aWaitOutOfRangeIsAUsageError() throws Exception {
        CliProcess.Result status = CliProcess.run("status", "--wait", "-1");

        assertThat(status.exitCode()).isEqualTo(2);
        assertThat(status.err()).isEqualTo("tollgate status: --wait must be 0 to 3600 seconds, was -1\n");
    }
}
