package dev.tollgate.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * nginx with the RTMP module, configured from the two blocks of {@code docs/media-servers.md} (so the documented
 * configuration is the tested one), on free loopback ports, as a foreground single process in its own directory,
 * stopped by its PID.
 */
final class NginxRtmp implements AutoCloseable {
    final int rtmpPort;
    final int httpPort;
    final Path directory;
    private final MediaProcesses.Running process;

    private NginxRtmp(int rtmpPort, int httpPort, Path directory, MediaProcesses.Running process) {
        this.rtmpPort = rtmpPort;
        this.httpPort = httpPort;
        this.directory = directory;
        this.process = process;
    }

    /** The {@code ```nginx} blocks of docs/media-servers.md, in order. */
    static List<String> documentedBlocks() {
        Path doc = Path.of(System.getProperty("tollgate.root", "..")).resolve("docs/media-servers.md");
        String text;
        try {
            text = Files.readString(doc, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> blocks = new ArrayList<>();
        Matcher matcher = Pattern.compile("```nginx\n(.*?)```", Pattern.DOTALL).matcher(text);
        while (matcher.find()) {
            blocks.add(matcher.group(1));
        }
        return blocks;
    }

    /**
     * The documented configuration for {@code applicationId} behind {@code tollgate}, with its ports, the data
     * directory and the update interval replaced, wrapped in what runs it in the foreground from {@code directory}.
     */
    static String configuration(
            URI tollgate, String applicationId, int rtmpPort, int httpPort, Path directory, Duration update) {
        List<String> blocks = documentedBlocks();
        String rtmp = blocks.stream()
                .filter(b -> b.startsWith("rtmp {"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("docs/media-servers.md has no rtmp { } block"));
        String server = blocks.stream()
                .filter(b -> b.startsWith("server {"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("docs/media-servers.md has no http server { } block"));
        String origin = tollgate.toString().replaceAll("/$", "");
        rtmp = replace(rtmp, "http://127.0.0.1:8080", origin);
        rtmp = replace(rtmp, "listen 1935;", "listen 127.0.0.1:" + rtmpPort + ";");
        rtmp = replace(rtmp, "notify_update_timeout 30s;", "notify_update_timeout " + update.toSeconds() + "s;");
        rtmp = replace(rtmp, "YOUR_APPLICATION_ID", applicationId);
        rtmp = replace(rtmp, "/var/lib/tollgate", directory.toString());
        server = replace(server, "http://127.0.0.1:8080", origin);
        server = replace(server, "listen 8088;", "listen 127.0.0.1:" + httpPort + ";");
        server = replace(server, "/var/lib/tollgate", directory.toString());
        String d = directory.toString();
        return "load_module " + MediaProcesses.RTMP_MODULE + ";\n"
                + "daemon off;\n"
                + "master_process off;\n"
                + "worker_processes 1;\n"
                + "pid " + d + "/nginx.pid;\n"
                + "error_log " + d + "/error.log info;\n"
                + "events { worker_connections 256; }\n"
                + rtmp
                + "http {\n"
                + "    access_log " + d + "/access.log;\n"
                + "    client_body_temp_path " + d + "/body;\n"
                + "    proxy_temp_path " + d + "/proxy;\n"
                + "    fastcgi_temp_path " + d + "/fastcgi;\n"
                + "    uwsgi_temp_path " + d + "/uwsgi;\n"
                + "    scgi_temp_path " + d + "/scgi;\n"
                + server
                + "}\n";
    }

    private static String replace(String block, String documented, String actual) {
        if (!block.contains(documented)) {
            throw new AssertionError("docs/media-servers.md no longer says " + documented + ": update the test");
        }
        return block.replace(documented, actual);
    }

    static NginxRtmp start(URI tollgate, String applicationId, Path directory, Duration update) {
        int rtmpPort = MediaProcesses.freePort();
        int httpPort = MediaProcesses.freePort();
        Path conf = directory.resolve("nginx.conf");
        try {
            Files.createDirectories(directory.resolve("hls"));
            Files.writeString(
                    conf,
                    configuration(tollgate, applicationId, rtmpPort, httpPort, directory, update),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        MediaProcesses.Running process = MediaProcesses.start(
                directory.resolve("nginx.out"),
                List.of(
                        "nginx",
                        "-p",
                        directory.toString(),
                        "-c",
                        conf.toString(),
                        "-e",
                        directory.resolve("error.log").toString()));
        try {
            MediaProcesses.awaitListening(rtmpPort, Duration.ofSeconds(10), process);
            MediaProcesses.awaitListening(httpPort, Duration.ofSeconds(10), process);
        } catch (AssertionError e) {
            process.close();
            throw new AssertionError(e.getMessage() + "\n" + errorLog(directory), e);
        }
        return new NginxRtmp(rtmpPort, httpPort, directory, process);
    }

    /** {@code rtmp://127.0.0.1:<port>/<app>/<name>?token=<token>} */
    String rtmpUrl(String app, String name, String token) {
        return "rtmp://127.0.0.1:" + rtmpPort + "/" + app + "/" + name + "?token=" + token;
    }

    /** Waits until {@code publisher}'s stream {@code app/name} has an HLS fragment: it is live and can be played. */
    void awaitLive(String app, String name, MediaProcesses.Running publisher, Duration timeout) {
        Path playlist = directory.resolve("hls").resolve(app).resolve(name).resolve("index.m3u8");
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!(Files.exists(playlist) && Files.readString(playlist).contains(".ts"))) {
                if (System.nanoTime() - deadline > 0 || !publisher.isAlive()) {
                    throw new AssertionError(
                            "the publisher's HLS playlist did not appear:\n" + publisher.output() + "\n" + errorLog());
                }
                MediaProcesses.sleep(Duration.ofMillis(100));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String errorLog() {
        return errorLog(directory);
    }

    private static String errorLog(Path directory) {
        try {
            return Files.readString(directory.resolve("error.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no error.log)";
        }
    }

    @Override
    public void close() {
        process.close();
    }
}
