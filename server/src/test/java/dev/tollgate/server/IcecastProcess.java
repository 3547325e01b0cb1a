package dev.tollgate.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The real Debian {@code icecast2} on a free loopback port, the URL authentication of its {@code /*.ogg} mounts
 * pointing at a Tollgate hook (a wildcard mount rather than {@code type="default"}, which would gate the status page
 * too), with a configuration generated into a directory of the test's. Icecast refuses to run as root, so as root it is told to
 * drop to {@code nobody} ({@code <changeowner>}); it logs to stdout and stderr (captured in the directory), so the
 * unprivileged process needs to write nowhere. Stopped by its PID in {@link #close()}.
 */
final class IcecastProcess implements AutoCloseable {
    static final String BINARY = "/usr/bin/icecast2";
    static final String WEB_ROOT = "/usr/share/icecast2/web";
    static final String ADMIN_ROOT = "/usr/share/icecast2/admin";

    private static final Duration START_TIME = Duration.ofSeconds(10);

    final int port;
    final Path directory;
    private final Process process;

    private IcecastProcess(int port, Path directory, Process process) {
        this.port = port;
        this.directory = directory;
        this.process = process;
    }

    static boolean installed() {
        return Files.isExecutable(Path.of(BINARY)) && Files.isDirectory(Path.of(WEB_ROOT));
    }

    /** Starts Icecast with every mount's listeners and sources authenticated by {@code hookUrl}. */
    static IcecastProcess start(Path directory, String hookUrl) {
        int port = MediaProcesses.freePort();
        String hook = xml(hookUrl);
        boolean root = "root".equals(System.getProperty("user.name"));
        String config = """
                <icecast>
                  <hostname>127.0.0.1</hostname>
                  <limits><clients>20</clients><sources>2</sources><source-timeout>5</source-timeout></limits>
                  <authentication>
                    <source-password>%s</source-password>
                    <admin-user>admin</admin-user>
                    <admin-password>%s</admin-password>
                  </authentication>
                  <listen-socket><port>%d</port><bind-address>127.0.0.1</bind-address></listen-socket>
                  <mount type="normal">
                    <mount-name>/*.ogg</mount-name>
                    <authentication type="url">
                      <option name="listener_add" value="%s"/>
                      <option name="listener_remove" value="%s"/>
                      <option name="stream_auth" value="%s"/>
                      <option name="mount_add" value="%s"/>
                      <option name="mount_remove" value="%s"/>
                      <option name="auth_header" value="icecast-auth-user: 1"/>
                    </authentication>
                  </mount>
                  <paths>
                    <basedir>%s</basedir><logdir>%s</logdir><webroot>%s</webroot><adminroot>%s</adminroot>
                  </paths>
                  <logging><errorlog>-</errorlog><accesslog>-</accesslog><loglevel>3</loglevel></logging>
                  <security><chroot>0</chroot>%s</security>
                </icecast>
                """.formatted(
                        random(),
                        random(),
                        port,
                        hook,
                        hook,
                        hook,
                        hook,
                        hook,
                        directory,
                        directory,
                        WEB_ROOT,
                        ADMIN_ROOT,
                        root ? "<changeowner><user>nobody</user><group>nogroup</group></changeowner>" : "");
        try {
            Path file = directory.resolve("icecast.xml");
            Files.writeString(file, config, StandardCharsets.UTF_8);
            Process process = new ProcessBuilder(BINARY, "-c", file.toString())
                    .redirectOutput(directory.resolve("icecast.out").toFile())
                    .redirectError(directory.resolve("icecast.err").toFile())
                    .start();
            IcecastProcess icecast = new IcecastProcess(port, directory, process);
            if (!icecast.await(START_TIME, icecast::listening)) {
                String log = icecast.log();
                icecast.close();
                throw new IllegalStateException(
                        "icecast2 did not listen on " + port + " within " + START_TIME + ":\n" + log);
            }
            return icecast;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url(String pathAndQuery) {
        return "http://127.0.0.1:" + port + pathAndQuery;
    }

    /** Whether Icecast lists {@code mount} as live in its JSON status. */
    boolean isLive(String mount) {
        try (HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            HttpResponse<String> status = http.send(
                    HttpRequest.newBuilder(URI.create(url("/status-json.xsl")))
                            .timeout(Duration.ofSeconds(2))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return status.statusCode() == 200 && status.body().contains("\"listenurl\":\"" + url(mount) + "\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Icecast's own output, for a failure's message. */
    String log() {
        StringBuilder log = new StringBuilder();
        for (String name : List.of("icecast.out", "icecast.err")) {
            try {
                Path file = directory.resolve(name);
                if (Files.exists(file)) {
                    log.append(Files.readString(file, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                log.append("(").append(name).append(" unreadable: ").append(e).append(")\n");
            }
        }
        return log.toString();
    }

    /** Polls {@code condition} every 100 ms for at most {@code time}. */
    boolean await(Duration time, BooleanSupplier condition) {
        long deadline = System.nanoTime() + time.toNanos();
        while (System.nanoTime() - deadline < 0) {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (!process.isAlive()) {
                return false;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }

    private boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        stop(process);
    }

    /** Stops {@code process} by its PID: SIGTERM, then SIGKILL after 3 s. */
    static void stop(Process process) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(3, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static String random() {
        return java.util.UUID.randomUUID().toString();
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
    }
}
