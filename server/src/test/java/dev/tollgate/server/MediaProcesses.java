package dev.tollgate.server;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real media packages the end-to-end tests run (Debian's {@code nginx}, {@code libnginx-mod-rtmp}, {@code
 * ffmpeg}): whether they are installed, and their processes, each bounded in time and stopped by its PID.
 */
final class MediaProcesses {
    static final Path RTMP_MODULE = Path.of("/usr/lib/nginx/modules/ngx_rtmp_module.so");

    private MediaProcesses() {}

    /** Skips the calling test, saying what to install, unless nginx, its RTMP module, ffmpeg and ffprobe are here. */
    static void assumeNginxRtmpAndFfmpeg() {
        for (String binary : List.of("nginx", "ffmpeg", "ffprobe")) {
            assumeTrue(
                    onPath(binary),
                    binary + " is not installed: apt-get install nginx libnginx-mod-rtmp ffmpeg (.ci/run does)");
        }
        assumeTrue(
                Files.isReadable(RTMP_MODULE),
                RTMP_MODULE + " is missing: apt-get install libnginx-mod-rtmp (.ci/run does)");
    }

    static boolean onPath(String binary) {
        for (String dir :
                System.getenv().getOrDefault("PATH", "/usr/bin:/usr/sbin").split(":", -1)) {
            if (Files.isExecutable(Path.of(dir.isEmpty() ? "." : dir, binary))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/sbin", binary));
    }

    /** A free loopback port (another process may take it before it is used; the start then fails loudly). */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A process started with its output in {@code log}, and its end. */
    record Running(Process process, Path log) implements AutoCloseable {
        /** Waits at most {@code timeout} for the end; kills it by PID if it has not ended. */
        int await(Duration timeout) {
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    close();
                    throw new AssertionError(
                            "pid " + process.pid() + " did not end within " + timeout + ":\n" + output());
                }
                return process.exitValue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new IllegalStateException(e);
            }
        }

        String output() {
            try {
                return Files.readString(log, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(no output: " + e + ")";
            }
        }

        boolean isAlive() {
            return process.isAlive();
        }

        /** SIGTERM (ffmpeg then closes its stream cleanly, nginx exits), then SIGKILL after 5 s. */
        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    /** ffmpeg publishing a test pattern and a tone to {@code url} for {@code seconds}, a key frame a second. */
    static List<String> ffmpegPublish(String url, int seconds) {
        return List.of(
                "ffmpeg",
                "-hide_banner",
                "-nostdin",
                "-loglevel",
                "error",
                "-re",
                "-f",
                "lavfi",
                "-i",
                "testsrc=size=320x240:rate=15",
                "-f",
                "lavfi",
                "-i",
                "sine",
                "-t",
                Integer.toString(seconds),
                // A key frame a second, so that nginx-rtmp cuts one-second HLS fragments.
                "-g",
                "15",
                "-c:v",
                "libx264",
                "-preset",
                "ultrafast",
                "-c:a",
                "aac",
                "-f",
                "flv",
                url);
    }

    /** ffmpeg playing {@code url} into an MPEG-TS file for at most {@code seconds}. */
    static List<String> ffmpegPlay(String url, Path out, int seconds) {
        return List.of(
                "ffmpeg",
                "-hide_banner",
                "-nostdin",
                "-loglevel",
                "error",
                "-y",
                "-rw_timeout",
                "10000000",
                "-i",
                url,
                "-t",
                Integer.toString(seconds),
                "-c",
                "copy",
                "-f",
                "mpegts",
                out.toString());
    }

    static Running start(Path log, List<String> command) {
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            return new Running(process, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command.get(0), e);
        }
    }

    /** Runs {@code command} to its end, at most {@code timeout}. */
    static Running run(Path log, Duration timeout, List<String> command) {
        Running running = start(log, command);
        running.await(timeout);
        return running;
    }

    /** Waits until something accepts TCP connections on the loopback {@code port}. */
    static void awaitListening(int port, Duration timeout, Running owner) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() - deadline < 0) {
            if (!owner.isAlive()) {
                throw new AssertionError("the process ended before it listened on " + port + ":\n" + owner.output());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                sleep(Duration.ofMillis(50));
            }
        }
        throw new AssertionError("nothing listens on " + port + " after " + timeout + ":\n" + owner.output());
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
