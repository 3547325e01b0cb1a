package dev.tollgate.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** A real server on port 0 with its own data directory and database, called over real HTTP. */
final class TestServer implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient PLAIN =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final TollgateServer server;
    final ServerConfig config;
    final String admin;
    final String edge;
    private final HttpClient http;

    private TestServer(TollgateServer server, ServerConfig config, String admin, String edge) {
        this(server, config, admin, edge, PLAIN);
    }

    private TestServer(TollgateServer server, ServerConfig config, String admin, String edge, HttpClient http) {
        this.http = http;
        this.server = server;
        this.config = config;
        this.admin = admin;
        this.edge = edge;
    }

    /** Wraps a server started by the test itself, with the admin and edge credentials from its data directory. */
    static TestServer wrap(TollgateServer server, ServerConfig config) {
        try {
            String admin = java.nio.file.Files.readString(
                            server.dataDirectory().resolve(TollgateServer.ADMIN_CREDENTIAL_FILE))
                    .strip();
            String edge = java.nio.file.Files.readString(
                            server.dataDirectory().resolve(TollgateServer.EDGE_CREDENTIAL_FILE))
                    .strip();
            return new TestServer(server, config, admin, edge);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TestServer start(Db db, Path dataDirectory, Clock clock) {
        return start(db.config(dataDirectory), clock);
    }

    static TestServer start(ServerConfig config, Clock clock) {
        TollgateServer server = TollgateServer.start(config, clock);
        return new TestServer(
                server,
                config,
                server.adminCredential().orElseThrow(),
                server.edgeCredential().orElseThrow());
    }

    /** As {@link #start(ServerConfig, Clock)}, for a server on HTTPS whose certificate {@code trust} trusts. */
    static TestServer start(ServerConfig config, Clock clock, javax.net.ssl.SSLContext trust) {
        TollgateServer server = TollgateServer.start(config, clock);
        HttpClient http = HttpClient.newBuilder()
                .sslContext(trust)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        return new TestServer(
                server,
                config,
                server.adminCredential().orElseThrow(),
                server.edgeCredential().orElseThrow(),
                http);
    }

    /** One HTTP answer. */
    record Reply(int status, HttpResponse<String> response) {
        JsonNode json() {
            try {
                return JSON.readTree(response.body());
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + response.body(), e);
            }
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        String body() {
            return response.body();
        }
    }

    /** A created application. */
    record App(String id, String secret) {
        String basic() {
            return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
        }
    }

    Reply send(String method, String path, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + path))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends from another loopback address (127.0.0.0/8 is all local on Linux), so that a test can act as several
     * clients: the server keys its failed-attempt limits on the TCP peer address.
     */
    Reply postFormFrom(String localAddress, String path, String authorization, String form) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.url() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        try (HttpClient client = HttpClient.newBuilder()
                .localAddress(java.net.InetAddress.getByName(localAddress))
                .connectTimeout(Duration.ofSeconds(5))
                .build()) {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Reply get(String path, Map<String, String> headers) {
        return send("GET", path, headers, null);
    }

    Reply postJson(String path, String authorization, String json) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        if (authorization != null) {
            headers.put("Authorization", authorization);
        }
        return send("POST", path, headers, json == null ? null : json.getBytes(StandardCharsets.UTF_8));
    }

    Reply postForm(String path, String authorization, String form) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/x-www-form-urlencoded");
        if (authorization != null) {
            headers.put("Authorization", authorization);
        }
        return send("POST", path, headers, form.getBytes(StandardCharsets.UTF_8));
    }

    String adminAuthorization() {
        return "Bearer " + admin;
    }

    String edgeAuthorization() {
        return "Bearer " + edge;
    }

    /** {@code POST /v1/edge/authorize} as an edge does: with the edge credential. */
    Reply edgeAuthorize(String json) {
        return postJson("/v1/edge/authorize", edgeAuthorization(), json);
    }

    /** A JDBI of its own on the server's database, as migrated by the server, for a store under test. */
    org.jdbi.v3.core.Jdbi jdbi() {
        String url = config.databaseUrl()
                .orElse("jdbc:h2:file:" + server.dataDirectory().resolve("tollgate") + ";DB_CLOSE_ON_EXIT=FALSE");
        return org.jdbi.v3.core.Jdbi.create(
                url,
                config.databaseUser().orElse("sa"),
                config.databasePassword().orElse(""));
    }

    /**
     * The usage sessions of the server's own database, written as the media servers' hooks write them (the hooks are
     * another change); the same JDBC store the server reads its reports from.
     */
    dev.tollgate.server.internal.usage.UsageSessionStore usageSessions() {
        String url = config.databaseUrl()
                .orElse("jdbc:h2:file:" + server.dataDirectory().resolve("tollgate") + ";DB_CLOSE_ON_EXIT=FALSE");
        return new dev.tollgate.server.internal.usage.JdbcUsageSessionStore(org.jdbi.v3.core.Jdbi.create(
                url,
                config.databaseUser().orElse("sa"),
                config.databasePassword().orElse("")));
    }

    /** Runs one SQL statement on the server's own database, while it runs; the update count, or the first column. */
    long sql(String statement) {
        String url = config.databaseUrl()
                .orElse("jdbc:h2:file:" + server.dataDirectory().resolve("tollgate") + ";DB_CLOSE_ON_EXIT=FALSE");
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(
                        url,
                        config.databaseUser().orElse("sa"),
                        config.databasePassword().orElse(""));
                java.sql.Statement sql = connection.createStatement()) {
            if (!sql.execute(statement)) {
                return sql.getUpdateCount();
            }
            try (java.sql.ResultSet rs = sql.getResultSet()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("SQL failed: " + statement, e);
        }
    }

    App createApplication(String name) {
        Reply reply = postJson("/v1/admin/applications", adminAuthorization(), "{\"name\":\"" + name + "\"}");
        if (reply.status() != 201) {
            throw new AssertionError("create failed: " + reply.status() + " " + reply.body());
        }
        return new App(
                reply.json().get("applicationId").asText(),
                reply.json().get("secret").asText());
    }

    /** An API token for the application, with the given form scope (null = none requested). */
    String apiToken(App app, String scope) {
        Reply reply = postForm(
                "/v1/auth/token",
                app.basic(),
                "grant_type=client_credentials" + (scope == null ? "" : "&scope=" + scope.replace(" ", "%20")));
        if (reply.status() != 200) {
            throw new AssertionError("API token failed: " + reply.status() + " " + reply.body());
        }
        return reply.json().get("access_token").asText();
    }

    /** A client access token for the body of {@code POST /v2/client-access-token}, or an assertion error. */
    String clientAccessToken(String apiToken, String body) {
        Reply reply = postJson("/v2/client-access-token", "Bearer " + apiToken, body);
        if (reply.status() != 200) {
            throw new AssertionError("client access token failed: " + reply.status() + " " + reply.body());
        }
        return reply.json().get("access_token").asText();
    }

    @Override
    public void close() {
        server.close();
        if (http != PLAIN) {
            http.close();
        }
    }
}
