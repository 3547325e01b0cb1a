package dev.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data directory holds the master key, the admin and edge credentials and, in H2 mode, the database with sealed
 * secrets, credential hashes, usage and participants: only its owner may read it, whatever the umask.
 */
class WhenServeKeepsItsFilesPrivate {
    @TempDir
    Path temporary;

    @Test
    void underAnOpenUmaskTheDirectoryIs0700AndEveryFileIn0600() throws Exception {
        Path data = temporary.resolve("data");
        try (ServeProcess serve = ServeProcess.startUnderUmask("000", data)) {
            assertThat(permissions(data)).isEqualTo("rwx------");
            List<Path> files = files(data);
            assertThat(files)
                    .extracting(file -> file.getFileName().toString())
                    .contains(
                            "tollgate.mv.db",
                            "master.key",
                            "admin.token",
                            "edge.token",
                            "server.url",
                            "server.port",
                            "serve.lock");
            for (Path file : files) {
                assertThat(permissions(file)).as(file.toString()).isEqualTo("rw-------");
            }
            assertThat(serve.out()).doesNotContain("warning");
        }
    }

    @Test
    void anExistingDirectoryOpenToOthersGetsAWarningLine() throws Exception {
        Path data = Files.createDirectory(temporary.resolve("open"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));

        try (ServeProcess serve = ServeProcess.start(data)) {
            assertThat(serve.out())
                    .contains("  warning: the data directory " + data.toAbsolutePath()
                            + " is open to other users (rwxr-xr-x); it holds keys and credentials: chmod 700 "
                            + data.toAbsolutePath() + "\n");
            // A warning, not a repair: the operator may share the directory on purpose (a group of operators).
            assertThat(permissions(data)).isEqualTo("rwxr-xr-x");
            for (Path file : files(data)) {
                assertThat(permissions(file)).as(file.toString()).isEqualTo("rw-------");
            }
        }
    }

    private static List<Path> files(Path directory) throws Exception {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
