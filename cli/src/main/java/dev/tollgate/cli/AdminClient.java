package dev.tollgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.server.TollgateServer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine.Option;

/**
 * Where the running server is and the admin credential to call it with: {@code --server} or {@code TOLLGATE_SERVER}
 * else {@code server.url} in the data directory; {@code TOLLGATE_ADMIN_TOKEN} else {@code admin.token} in the data
 * directory. So {@code tollgate app create} works right after {@code tollgate serve} on the same machine.
 */
final class AdminClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "The server's data directory (env TOLLGATE_DATA_DIR, default ./data).")
    Path dataDirectory;

    @Option(
            names = "--server",
            paramLabel = "URL",
            description = "The server URL (env TOLLGATE_SERVER; default: read from the data directory).")
    URI server;

    /** A server answer that is not a success. */
    static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message);
        }
    }

    JsonNode call(String method, String path, String json, Function<String, String> environment) {
        Path directory = Optional.ofNullable(dataDirectory)
                .or(() -> env(environment, "TOLLGATE_DATA_DIR").map(Path::of))
                .orElse(Path.of("data"));
        URI base = Optional.ofNullable(server)
                .or(() -> env(environment, "TOLLGATE_SERVER").map(URI::create))
                .orElseGet(() -> URI.create(read(
                        directory.resolve(TollgateServer.URL_FILE),
                        "no running server found: " + directory.resolve(TollgateServer.URL_FILE)
                                + " is missing (start 'tollgate serve', or give --server URL)")));
        String credential = env(environment, "TOLLGATE_ADMIN_TOKEN")
                .orElseGet(() -> read(
                        directory.resolve(TollgateServer.ADMIN_CREDENTIAL_FILE),
                        "no admin credential: set TOLLGATE_ADMIN_TOKEN or give the --data-dir of the server"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/+$", "") + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + credential)
                .header("Content-Type", "application/json")
                .method(
                        method,
                        json == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response;
        try (HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new Failure("cannot connect to " + base + " (is 'tollgate serve' running?)");
        } catch (IOException e) {
            throw new Failure("cannot reach " + base + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("interrupted");
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new Failure("the server answered " + response.statusCode() + " with a body that is not JSON");
        }
        if (response.statusCode() >= 400) {
            throw new Failure(body.path("code").asText("error") + ": "
                    + body.path("message").asText(""));
        }
        return body;
    }

    static String segment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path file, String missing) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UsageException(missing);
        }
    }

    private static Optional<String> env(Function<String, String> environment, String name) {
        String value = environment.apply(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }
}
