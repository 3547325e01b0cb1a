package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.TestServer.App;
import dev.tollgate.server.TestServer.Reply;
import dev.tollgate.token.TokenBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The H2 data directory's file system fills up while the server runs (a small tmpfs, filled to the last byte): every
 * write fails closed with 503 {@code store-full} (never a 500 with a trace), a verification whose secrets are cached
 * goes on, and nothing stored before is damaged: after a restart with space back, all of it is there and writes work.
 * Needs root to mount the tmpfs; skipped otherwise.
 */
class WhenTheDataDirectoryIsFull {
    @TempDir
    Path mountPoint;

    boolean mounted;
    TestServer server;

    @BeforeEach
    void mountASmallFileSystem() throws Exception {
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=48m", "tmpfs", mountPoint.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(mount.getInputStream().readAllBytes());
        mounted = mount.waitFor(30, TimeUnit.SECONDS) && mount.exitValue() == 0;
        Assumptions.assumeTrue(mounted, "cannot mount a tmpfs here (needs root): " + output.strip());
        server = TestServer.start(Db.H2, mountPoint.resolve("data"), Clock.systemUTC());
    }

    @AfterEach
    void unmount() throws Exception {
        if (server != null) {
            server.close();
        }
        if (mounted) {
            new ProcessBuilder("umount", "-l", mountPoint.toString())
                    .inheritIO()
                    .start()
                    .waitFor(30, TimeUnit.SECONDS);
        }
    }

    private String token(App app) {
        return new TokenBuilder()
                .withApplicationId(app.id())
                .withSecret(app.secret())
                .expiresIn(Duration.ofHours(1))
                .forChannelAlias("news")
                .forStreamingOnly()
                .build();
    }

    /** Fills the file system to its last byte. */
    private Path fill() throws IOException {
        Path filler = mountPoint.resolve("filler");
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            // No space left on device: what this scenario needs.
        }
        try (OutputStream out = Files.newOutputStream(filler, java.nio.file.StandardOpenOption.APPEND)) {
            while (true) {
                out.write(0);
            }
        } catch (IOException full) {
            // The last bytes too.
        }
        return filler;
    }

    private Reply createChannel(App app, String alias) {
        return server.postJson("/v1/channels", app.basic(), "{\"alias\":\"" + alias + "\"}");
    }

    private Reply verify(String token) {
        return server.postJson("/v1/tokens/verify", null, "{\"token\":\"" + token + "\"}");
    }

    @Test
    void writesFailClosedWithStoreFullAndNothingStoredIsDamaged() throws Exception {
        App app = server.createApplication("full");
        assertThat(createChannel(app, "news").status()).isEqualTo(201);
        String token = token(app);
        assertThat(verify(token).status()).isEqualTo(200);

        Path filler = fill();
        Reply channel = createChannel(app, "sports");
        Reply ref = server.postJson("/v1/token-refs", null, "{\"token\":\"" + token + "\"}");
        Reply application =
                server.postJson("/v1/admin/applications", server.adminAuthorization(), "{\"name\":\"another\"}");
        Reply verified = verify(token);

        for (Reply write : new Reply[] {channel, ref, application}) {
            assertThat(write.status()).as(write.body()).isEqualTo(503);
            assertThat(write.body()).contains("\"code\":\"store-full\"").doesNotContain("Exception");
            assertThat(write.header("Retry-After")).isEqualTo("5");
        }
        // A verification whose secrets are cached needs no database at all.
        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        assertThat(verified.body()).contains("\"decision\":\"allowed\"");

        // H2 2.5 keeps a database whose write failed closed until the process ends (docs/reliability.md, Disk full):
        // space back, the server restarts on the same directory and finds everything stored before the disk filled.
        Files.delete(filler);
        server.close();
        ServerConfig again = Db.H2.config(mountPoint.resolve("data"));
        server = TestServer.wrap(TollgateServer.start(again, Clock.systemUTC()), again);

        assertThat(server.get("/v1/channels", Map.of("Authorization", app.basic()))
                        .body())
                .contains("\"news\"")
                .doesNotContain("\"sports\"");
        assertThat(createChannel(app, "sports").status()).isEqualTo(201);
        assertThat(server.postJson("/v1/token-refs", null, "{\"token\":\"" + token + "\"}")
                        .status())
                .isEqualTo(201);
    }
}
