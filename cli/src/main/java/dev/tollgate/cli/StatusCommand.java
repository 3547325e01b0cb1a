package dev.tollgate.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tollgate status}: prints the URL of the running server once its {@code /health} answers 200, so a script
 * can start {@code serve} in the background and go on when it is ready ({@code URL=$(tollgate status --wait 120)}).
 * Exit 0 up, 1 not up (in time), 2 usage. Needs no credential: {@code /health} is public.
 */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = "Print the running server's URL once it is healthy; --wait to wait for a serve that is starting.")
final class StatusCommand implements Callable<Integer> {
    private static final Duration POLL = Duration.ofMillis(250);

    @Spec
    CommandSpec spec;

    @Mixin
    AdminClient client;

    @Option(
            names = "--wait",
            paramLabel = "SECONDS",
            description = "Wait up to SECONDS for the server to start and answer (default 0: ask once).")
    int waitSeconds;

    @Override
    public Integer call() throws InterruptedException {
        if (waitSeconds < 0 || waitSeconds > 3600) {
            throw new UsageException("--wait must be 0 to 3600 seconds, was " + waitSeconds);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(waitSeconds).toNanos();
        String problem;
        try (HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            while (true) {
                problem = probe(http);
                if (problem == null) {
                    return 0;
                }
                if (System.nanoTime() + POLL.toNanos() > deadline) {
                    break;
                }
                Thread.sleep(POLL);
            }
        }
        spec.commandLine()
                .getErr()
                .println(spec.qualifiedName() + ": " + problem
                        + (waitSeconds > 0 ? " (waited " + waitSeconds + " s)" : ""));
        return Tollgate.REJECTED;
    }

    /** Null when the server is up (its URL printed), else why not, in one phrase. */
    private String probe(HttpClient http) throws InterruptedException {
        AdminClient.Server server;
        try {
            // Read anew on every attempt: a serve that is starting writes server.url last.
            server = client.server(client.directory(System::getenv), System::getenv);
        } catch (UsageException e) {
            return e.getMessage();
        }
        URI health = URI.create(server.url().toString().replaceAll("/+$", "") + "/health");
        try {
            HttpResponse<Void> response = http.send(
                    HttpRequest.newBuilder(health)
                            .timeout(Duration.ofSeconds(5))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() != 200) {
                return server.described() + " answers " + response.statusCode() + " at /health";
            }
        } catch (IOException e) {
            return "cannot connect to " + server.described() + ": is 'tollgate serve' running?";
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(server.url());
        out.flush();
        return null;
    }
}
