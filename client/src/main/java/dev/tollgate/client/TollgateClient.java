package dev.tollgate.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The backend client for Tollgate's REST API, as {@code dolbyio-rest-apis} clients are to Dolby.io: API tokens,
 * client access tokens, edge tokens, sessions.
 *
 * <pre>{@code
 * TollgateClient tollgate = TollgateClient.builder().baseUrl("http://127.0.0.1:8080").build();
 * AccessToken api = tollgate.apiToken(appKey, appSecret, Duration.ofHours(24), "comms:client_access_token:create");
 * AccessToken cat = tollgate.clientAccessToken(api.accessToken(), List.of("conf:create"), "user-42", Duration.ofHours(1));
 * }</pre>
 *
 * <p>Errors are {@link TollgateException}s carrying the server's stable code, never raw HTTP exceptions. A call is
 * retried (with a short backoff) only when the request cannot have reached the server — a refused connection — or,
 * for calls that change nothing, on 502/503/504. Immutable and thread-safe.
 */
public final class TollgateClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI baseUrl;
    private final HttpClient http;
    private final Duration timeout;
    private final int maxAttempts;
    private final Duration retryBackoff;
    private final Clock clock;

    private TollgateClient(Builder builder) {
        this.baseUrl = builder.baseUrl;
        this.timeout = builder.timeout;
        this.maxAttempts = builder.maxAttempts;
        this.retryBackoff = builder.retryBackoff;
        this.clock = builder.clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(builder.timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The server this client talks to. */
    public URI baseUrl() {
        return baseUrl;
    }

    /**
     * Obtains an API token ({@code POST /v1/auth/token}, client credentials).
     *
     * @param lifetime 1 s to 24 h
     * @param scopes the scopes wanted; none means every scope the application may use
     */
    public AccessToken apiToken(String appKey, String appSecret, Duration lifetime, String... scopes) {
        Objects.requireNonNull(lifetime, "lifetime must not be null");
        StringBuilder form = new StringBuilder("grant_type=client_credentials&expires_in=" + lifetime.toSeconds());
        if (scopes.length > 0) {
            form.append("&scope=").append(URLEncoder.encode(String.join(" ", scopes), StandardCharsets.UTF_8));
        }
        HttpRequest request = request("/v1/auth/token")
                .header("Authorization", Credentials.basic(appKey, appSecret).authorization())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString()))
                .build();
        return accessToken(send(request, false));
    }

    /**
     * Obtains a client access token ({@code POST /v2/client-access-token}) with an API token that holds {@code
     * comms:client_access_token:create}.
     *
     * @param sessionScope what the client's session may do, e.g. {@code conf:create}; empty means unrestricted
     * @param externalId the participant's identity, at most 1,024 UTF-8 bytes; null for none
     * @param lifetime 1 s to 24 h
     */
    public AccessToken clientAccessToken(
            String apiToken, Collection<String> sessionScope, String externalId, Duration lifetime) {
        Objects.requireNonNull(sessionScope, "sessionScope must not be null");
        Objects.requireNonNull(lifetime, "lifetime must not be null");
        ObjectNode body = JSON.createObjectNode();
        if (!sessionScope.isEmpty()) {
            body.put("sessionScope", String.join(" ", sessionScope));
        }
        if (externalId != null) {
            body.put("externalId", externalId);
        }
        body.put("expiresIn", lifetime.toSeconds());
        HttpRequest request = jsonPost("/v2/client-access-token", Credentials.bearer(apiToken), body);
        return accessToken(send(request, false));
    }

    /** Mints an EdgeAuth token signed with the application's current secret ({@code POST /v1/edge-tokens}). */
    public EdgeToken edgeToken(Credentials credentials, TokenSpec spec) {
        Objects.requireNonNull(credentials, "credentials must not be null");
        Objects.requireNonNull(spec, "spec must not be null");
        ObjectNode body = JSON.valueToTree(spec.fields());
        JsonNode answer = send(jsonPost("/v1/edge-tokens", credentials, body), false);
        List<String> warnings = new ArrayList<>();
        answer.path("warnings").forEach(warning -> warnings.add(warning.asText()));
        return new EdgeToken(text(answer, "token"), answer.path("claims").toString(), warnings);
    }

    /**
     * Opens a platform session ({@code POST /v1/sessions}) with a client access token or an EdgeAuth auth/edge token.
     */
    public OpenedSession openSession(String token, ParticipantInfo participant) {
        Objects.requireNonNull(token, "token must not be null");
        Objects.requireNonNull(participant, "participant must not be null");
        ObjectNode body = JSON.createObjectNode();
        ObjectNode info = body.putObject("participant");
        participant.externalId().ifPresent(value -> info.put("externalId", value));
        participant.name().ifPresent(value -> info.put("name", value));
        participant.avatarUrl().ifPresent(value -> info.put("avatarUrl", value));
        JsonNode answer = send(jsonPost("/v1/sessions", Credentials.bearer(token), body), false);
        JsonNode identity = answer.path("participant");
        return new OpenedSession(
                text(answer, "sessionId"),
                new ParticipantInfo(
                        optionalText(identity, "externalId"),
                        optionalText(identity, "name"),
                        optionalText(identity, "avatarUrl")),
                identity.path("verified").asBoolean(false),
                instant(answer, "expiresAt"));
    }

    /**
     * Asks the server how the edge would decide ({@code POST /v1/tokens/verify}): allowed or the denial code, with
     * the trace of every check. Changes nothing on the server, so it is retried like a read.
     */
    public Explanation verify(String token, VerifyRequest request) {
        Objects.requireNonNull(token, "token must not be null");
        Objects.requireNonNull(request, "request must not be null");
        ObjectNode body = JSON.createObjectNode();
        body.put("token", token);
        if (request.action().isPresent()) {
            ObjectNode wire = body.putObject("request");
            wire.put("action", request.action().get());
            request.applicationId().ifPresent(value -> wire.put("applicationId", value));
            request.targetKind().ifPresent(kind -> {
                ObjectNode target = wire.putObject(kind);
                target.put("id", request.targetId().orElseThrow());
                request.targetAlias().ifPresent(alias -> target.put("alias", alias));
                if (kind.equals("stream")) {
                    request.streamTags().forEach(target.putArray("tags")::add);
                }
            });
            request.remoteAddress().ifPresent(value -> wire.put("remoteAddress", value));
            request.sessionId().ifPresent(value -> wire.put("sessionId", value));
            request.at().ifPresent(value -> wire.put("at", value.toEpochMilli()));
        }
        HttpRequest http = request("/v1/tokens/verify")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        JsonNode answer = send(http, true);
        List<Explanation.Check> trace = new ArrayList<>();
        answer.path("trace")
                .forEach(check -> trace.add(new Explanation.Check(
                        check.path("check").asText(),
                        check.path("outcome").asText(),
                        check.path("detail").asText())));
        JsonNode location = answer.get("location");
        return new Explanation(
                "allowed".equals(text(answer, "decision")),
                text(answer, "code"),
                trace,
                answer.hasNonNull("claims") ? Optional.of(answer.get("claims").toString()) : Optional.empty(),
                location == null || !location.isObject()
                        ? Optional.empty()
                        : Optional.of(new Explanation.Location(
                                location.path("country").asText(),
                                optionalText(location, "postalCode"),
                                location.path("database").asText())));
    }

    /**
     * Reads a usage report ({@code GET /v1/usage}): counts of the sessions opened and streams authorised, by the tags
     * the tokens applied, by action or by UTC day. With {@link Credentials#basic application credentials} the report
     * is the application's own; with the admin credential as {@link Credentials#bearer Bearer}, name the application
     * in the query. A read, so it is retried like one.
     */
    public UsageReport usage(Credentials credentials, UsageQuery query) {
        Objects.requireNonNull(credentials, "credentials must not be null");
        Objects.requireNonNull(query, "query must not be null");
        List<String> parameters = new ArrayList<>();
        query.from().ifPresent(from -> parameters.add("from=" + from));
        query.to().ifPresent(to -> parameters.add("to=" + to));
        // %20, not +: the server reads the query as a form, where + is a space too, but a proxy might not.
        query.tags()
                .forEach(tag -> parameters.add(
                        "tag=" + URLEncoder.encode(tag, StandardCharsets.UTF_8).replace("+", "%20")));
        query.actions().forEach(action -> parameters.add("action=" + action));
        if (!query.groupBy().isEmpty()) {
            parameters.add("groupBy=" + String.join(",", query.groupBy()));
        }
        query.applicationId()
                .ifPresent(id -> parameters.add("applicationId=" + URLEncoder.encode(id, StandardCharsets.UTF_8)));
        HttpRequest http = request("/v1/usage" + (parameters.isEmpty() ? "" : "?" + String.join("&", parameters)))
                .header("Authorization", credentials.authorization())
                .GET()
                .build();
        JsonNode answer = send(http, true);
        List<String> groupBy = new ArrayList<>();
        answer.path("groupBy").forEach(column -> groupBy.add(column.asText()));
        List<UsageReport.Row> rows = new ArrayList<>();
        for (JsonNode row : answer.path("rows")) {
            Optional<java.time.LocalDate> day = optionalText(row, "day").map(text -> {
                try {
                    return java.time.LocalDate.parse(text);
                } catch (java.time.format.DateTimeParseException e) {
                    throw new TollgateException(TollgateException.BAD_RESPONSE, "a row has a bad day", 200, e);
                }
            });
            rows.add(new UsageReport.Row(
                    optionalText(row, "tag"),
                    optionalText(row, "action"),
                    day,
                    row.path("count").asLong()));
        }
        return new UsageReport(
                text(answer, "applicationId"),
                instant(answer, "from"),
                instant(answer, "to"),
                groupBy,
                rows,
                answer.path("truncated").asBoolean(false));
    }

    // ---- plumbing ----

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(baseUrl.resolve(path.substring(1)))
                .timeout(timeout)
                .header("Accept", "application/json");
    }

    private HttpRequest jsonPost(String path, Credentials credentials, JsonNode body) {
        try {
            return request(path)
                    .header("Authorization", credentials.authorization())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                    .build();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write the request body: " + e.getOriginalMessage(), e);
        }
    }

    /** Sends with the retry policy; {@code idempotent} calls are also retried on 502, 503 and 504. */
    JsonNode send(HttpRequest request, boolean idempotent) {
        TollgateException last = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            if (attempt > 1) {
                pause(retryBackoff.multipliedBy(1L << (attempt - 2)));
            }
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (HttpConnectTimeoutException | ConnectException e) {
                // The request never reached the server: retrying cannot do anything twice.
                last = new TollgateException(TollgateException.UNREACHABLE, "cannot reach " + baseUrl, 0, e);
                continue;
            } catch (HttpTimeoutException e) {
                throw new TollgateException(
                        TollgateException.TIMEOUT, "no answer from " + baseUrl + " within " + timeout, 0, e);
            } catch (IOException e) {
                throw new TollgateException(TollgateException.UNREACHABLE, "cannot reach " + baseUrl, 0, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TollgateException(TollgateException.UNREACHABLE, "interrupted", 0, e);
            }
            int status = response.statusCode();
            if (idempotent && (status == 502 || status == 503 || status == 504)) {
                last = error(response);
                continue;
            }
            if (status >= 400) {
                throw error(response);
            }
            return body(response);
        }
        throw last;
    }

    private static JsonNode body(HttpResponse<String> response) {
        try {
            JsonNode node = JSON.readTree(response.body());
            if (node == null || !node.isObject()) {
                throw new TollgateException(
                        TollgateException.BAD_RESPONSE, "the answer is not a JSON object", response.statusCode(), null);
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new TollgateException(
                    TollgateException.BAD_RESPONSE, "the answer is not JSON", response.statusCode(), e);
        }
    }

    private static TollgateException error(HttpResponse<String> response) {
        String code = "http-" + response.statusCode();
        String message = "HTTP " + response.statusCode();
        try {
            JsonNode node = JSON.readTree(response.body());
            if (node != null && node.isObject()) {
                // OAuth2 paths answer {"error","error_description"} (RFC 6749 §5.2), the rest {"code","message"}.
                code = node.hasNonNull("error")
                        ? node.get("error").asText()
                        : node.path("code").asText(code);
                message = node.hasNonNull("error_description")
                        ? node.get("error_description").asText()
                        : node.path("message").asText(message);
            }
        } catch (JsonProcessingException e) {
            // Not JSON (a proxy's error page): keep the status as the code.
        }
        return new TollgateException(code, message, response.statusCode(), null);
    }

    private AccessToken accessToken(JsonNode answer) {
        String scope = answer.path("scope").asText("");
        List<String> scopes = scope.isBlank() ? List.of() : List.of(scope.trim().split("\\s+"));
        JsonNode expiresIn = answer.get("expires_in");
        if (expiresIn == null || !expiresIn.canConvertToLong()) {
            throw new TollgateException(TollgateException.BAD_RESPONSE, "the answer lacks expires_in", 200, null);
        }
        return new AccessToken(
                text(answer, "access_token"),
                text(answer, "token_type"),
                Duration.ofSeconds(expiresIn.asLong()),
                scopes,
                clock.instant());
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new TollgateException(TollgateException.BAD_RESPONSE, "the answer lacks " + field, 200, null);
        }
        return value.asText();
    }

    private static Optional<String> optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
    }

    private static Instant instant(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value != null && value.canConvertToLong()) {
            return Instant.ofEpochMilli(value.asLong());
        }
        if (value != null && value.isTextual()) {
            try {
                return Instant.parse(value.asText());
            } catch (java.time.format.DateTimeParseException e) {
                // fall through to the error below
            }
        }
        throw new TollgateException(TollgateException.BAD_RESPONSE, "the answer lacks " + field, 200, null);
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    Clock clock() {
        return clock;
    }

    /** Builds {@link TollgateClient}s; reusable, not thread-safe. */
    public static final class Builder {
        private URI baseUrl;
        private Duration timeout = Duration.ofSeconds(10);
        private int maxAttempts = 3;
        private Duration retryBackoff = Duration.ofMillis(200);
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /** The server, e.g. {@code http://127.0.0.1:8080} (required). */
        public Builder baseUrl(String baseUrl) {
            return baseUrl(URI.create(Objects.requireNonNull(baseUrl, "baseUrl must not be null")));
        }

        public Builder baseUrl(URI baseUrl) {
            Objects.requireNonNull(baseUrl, "baseUrl must not be null");
            if (!"http".equals(baseUrl.getScheme()) && !"https".equals(baseUrl.getScheme())) {
                throw new IllegalArgumentException("baseUrl must be http or https, was " + baseUrl);
            }
            String path = baseUrl.getPath() == null || baseUrl.getPath().isEmpty() ? "/" : baseUrl.getPath();
            this.baseUrl = baseUrl.resolve(path.endsWith("/") ? path : path + "/");
            return this;
        }

        /** Connect and answer timeout of each call (default 10 s). */
        public Builder timeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout must not be null");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive, was " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /** Attempts per call when a retry is safe (default 3, at least 1). */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** The first retry delay, doubled per retry (default 200 ms). */
        public Builder retryBackoff(Duration backoff) {
            this.retryBackoff = Objects.requireNonNull(backoff, "backoff must not be null");
            return this;
        }

        /** The clock expiry times are computed with (default: system UTC). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock must not be null");
            return this;
        }

        public TollgateClient build() {
            if (baseUrl == null) {
                throw new IllegalStateException("a base URL is required: call baseUrl(...) first");
            }
            return new TollgateClient(this);
        }
    }
}
