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
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

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
 * for calls that are safe to repeat ({@link #verify}, {@link #usage}, {@link #tokenRef}, {@link #applications},
 * {@link #retireOlderSecrets}, {@link #deleteApplication}, the channel and room reads and deletes), also on a timeout and on 429/502/503/504, then waiting at
 * least what the server's {@code Retry-After} asks, up to {@link #MAX_RETRY_AFTER}. All the waiting of one call stays
 * within the retry budget (default 10 s). What creates something — a token, a session, an application, a secret — is
 * never sent twice once the server may have seen it.
 *
 * <p>Thread-safe. The client owns an {@link HttpClient} (a selector thread and a connection pool): build one per
 * server, share it, and {@link #close()} it when done. Calls after {@code close()} throw {@link
 * IllegalStateException}.
 */
public final class TollgateClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The longest {@code Retry-After} honoured: the server's own outage hint ({@code store-unavailable}) is 5 s; a
     * longer wait is better left to the caller than hidden inside one call.
     */
    public static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(5);

    /** The path segments, and the answer's list fields, of the two kinds the registry holds. */
    private static final String CHANNELS = "channels";

    private static final String ROOMS = "rooms";

    /** The revocation list's path segment and its answer's list field. */
    private static final String REVOCATIONS = "revocations";

    /** The servers, in order of preference; one unless {@link Builder#failoverUrls} added others. */
    private final List<URI> baseUrls;

    /** The index in {@link #baseUrls} of the server calls go to, until it cannot be reached. */
    private final java.util.concurrent.atomic.AtomicInteger current = new java.util.concurrent.atomic.AtomicInteger();

    private final HttpClient http;
    private final Duration timeout;
    private final int maxAttempts;
    private final Duration retryBackoff;
    private final Duration retryBudget;
    private final Clock clock;
    private final AtomicBoolean closed = new AtomicBoolean();

    private TollgateClient(Builder builder) {
        List<URI> urls = new ArrayList<>();
        urls.add(builder.baseUrl);
        urls.addAll(builder.failoverUrls);
        this.baseUrls = List.copyOf(urls);
        this.timeout = builder.timeout;
        this.maxAttempts = builder.maxAttempts;
        this.retryBackoff = builder.retryBackoff;
        this.retryBudget = builder.retryBudget;
        this.clock = builder.clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(builder.timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The server this client talks to now: the base URL, or a failover URL after the base URL could not be reached. */
    public URI baseUrl() {
        return baseUrls.get(current.get());
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
        return call(request, false, this::accessToken);
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
        return call(request, false, this::accessToken);
    }

    /** Mints an EdgeAuth token signed with the application's current secret ({@code POST /v1/edge-tokens}). */
    public EdgeToken edgeToken(Credentials credentials, TokenSpec spec) {
        Objects.requireNonNull(credentials, "credentials must not be null");
        Objects.requireNonNull(spec, "spec must not be null");
        ObjectNode body = JSON.valueToTree(spec.fields());
        return call(jsonPost("/v1/edge-tokens", credentials, body), false, answer -> {
            List<String> warnings = new ArrayList<>();
            answer.path("warnings").forEach(warning -> warnings.add(warning.asText()));
            return new EdgeToken(text(answer, "token"), answer.path("claims").toString(), warnings);
        });
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
        return call(jsonPost("/v1/sessions", Credentials.bearer(token), body), false, answer -> {
            JsonNode identity = answer.path("participant");
            return new OpenedSession(
                    text(answer, "sessionId"),
                    new ParticipantInfo(
                            optionalText(identity, "externalId"),
                            optionalText(identity, "name"),
                            optionalText(identity, "avatarUrl")),
                    identity.path("verified").asBoolean(false),
                    instant(answer, "expiresAt"));
        });
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
        return call(http, true, TollgateClient::explanation);
    }

    private static Explanation explanation(JsonNode answer) {
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
     * A short reference to a DIGEST token ({@code POST /v1/token-refs}), for carriers the token does not fit: an RTMP
     * URL ({@code rtmp://host/live/name?token=tgr_...}; nginx-rtmp keeps only 255 bytes of name and query) or any
     * URL where the token's {@code /} and {@code +} would break. The server accepts the reference wherever it accepts
     * the token and verifies the token in full each time; the reference lives as long as the token.
     *
     * <p>Retried like a read although it is a POST: the server keeps one reference per token, so a repeated request
     * (after a timeout, say) returns the same reference instead of creating a second one.
     *
     * @param token a {@code DIGEST:} token that verifies (the token is the credential; no other is needed)
     */
    public TokenRef tokenRef(String token) {
        Objects.requireNonNull(token, "token must not be null");
        ObjectNode body = JSON.createObjectNode();
        body.put("token", token);
        HttpRequest http = request("/v1/token-refs")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        return call(
                http,
                true,
                answer ->
                        new TokenRef(text(answer, "ref"), text(answer, "applicationId"), instant(answer, "expiresAt")));
    }

    /**
     * Refuses further calls and closes the underlying {@link HttpClient}: on Java 21 and later it waits for calls in
     * flight, then releases its threads and connections. Java 17's {@code HttpClient} has no {@code close()}; there
     * calls in flight finish on their own and its selector thread ends once the client is no longer reachable.
     * Idempotent.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            closeHttpClient();
        }
    }

    // HttpClient became AutoCloseable in Java 21; this module compiles for 17, so it asks the object at run time.
    private void closeHttpClient() {
        if (http instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                // HttpClient.close() declares no checked exception; only AutoCloseable's signature names one.
                throw new IllegalStateException("closing the HttpClient failed", e);
            }
        }
    }

    /**
     * Reads a usage report ({@code GET /v1/usage}): counts of the sessions opened and streams authorised, and the
     * viewer and publisher sessions and minutes the media servers reported, by the tags the tokens applied, by action,
     * UTC day, channel or application. With {@link Credentials#basic application credentials} the report
     * is the application's own; with {@link Credentials#admin the admin credential}, name the application in the
     * query. A read, so it is retried like one.
     */
    public UsageReport usage(Credentials credentials, UsageQuery query) {
        return call(usageRequest(credentials, query, ""), true, TollgateClient::usageReport);
    }

    /**
     * The same report as CSV ({@code format=csv}: RFC 4180, a header row, the grouped columns then {@code count},
     * {@code viewerSessions}, {@code viewerMinutes}, {@code publisherSessions}, {@code publisherMinutes}; a text value
     * that starts with {@code = + - @} prefixed with {@code '} against CSV injection), as the server wrote it.
     */
    public String usageCsv(Credentials credentials, UsageQuery query) {
        return exchange(usageRequest(credentials, query, "format=csv"), true).body();
    }

    private HttpRequest usageRequest(Credentials credentials, UsageQuery query, String format) {
        Objects.requireNonNull(credentials, "credentials must not be null");
        Objects.requireNonNull(query, "query must not be null");
        List<String> parameters = new ArrayList<>();
        // Encoded: a year past 9999 prints with a leading +, which the server would read as a space.
        query.from()
                .ifPresent(
                        from -> parameters.add("from=" + URLEncoder.encode(from.toString(), StandardCharsets.UTF_8)));
        query.to().ifPresent(to -> parameters.add("to=" + URLEncoder.encode(to.toString(), StandardCharsets.UTF_8)));
        // %20, not +: the server reads the query as a form, where + is a space too, but a proxy might not.
        query.tags()
                .forEach(tag -> parameters.add(
                        "tag=" + URLEncoder.encode(tag, StandardCharsets.UTF_8).replace("+", "%20")));
        query.actions()
                .forEach(action -> parameters.add("action=" + URLEncoder.encode(action, StandardCharsets.UTF_8)));
        if (!query.groupBy().isEmpty()) {
            parameters.add("groupBy=" + URLEncoder.encode(String.join(",", query.groupBy()), StandardCharsets.UTF_8));
        }
        query.applicationId()
                .ifPresent(id -> parameters.add("applicationId=" + URLEncoder.encode(id, StandardCharsets.UTF_8)));
        if (!format.isEmpty()) {
            parameters.add(format);
        }
        return request("/v1/usage" + (parameters.isEmpty() ? "" : "?" + String.join("&", parameters)))
                .header("Authorization", credentials.authorization())
                .GET()
                .build();
    }

    private static UsageReport usageReport(JsonNode answer) {
        List<String> groupBy = new ArrayList<>();
        answer.path("groupBy").forEach(column -> groupBy.add(column.asText()));
        List<UsageReport.Row> rows = new ArrayList<>();
        for (JsonNode row : answer.path("rows")) {
            Optional<java.time.LocalDate> day = optionalText(row, "day").map(text -> {
                try {
                    return java.time.LocalDate.parse(text);
                } catch (java.time.format.DateTimeParseException e) {
                    throw new TollgateException(TollgateException.BAD_RESPONSE, "a row has a bad day", 0, e);
                }
            });
            rows.add(new UsageReport.Row(
                    optionalText(row, "tag"),
                    optionalText(row, "action"),
                    day,
                    optionalText(row, "channel"),
                    optionalText(row, "application"),
                    row.path("count").asLong(),
                    row.path("viewerSessions").asLong(),
                    row.path("viewerMinutes").asDouble(),
                    row.path("publisherSessions").asLong(),
                    row.path("publisherMinutes").asDouble()));
        }
        return new UsageReport(
                text(answer, "applicationId"),
                instant(answer, "from"),
                instant(answer, "to"),
                groupBy,
                rows,
                answer.path("truncated").asBoolean(false));
    }

    // ---- administration (the admin credential) ----

    /**
     * Registers an application ({@code POST /v1/admin/applications}) and returns its first secret, which the server
     * shows this once. Never retried once the server may have seen it: a repeat would create a second application.
     *
     * @param name a name for people, 1 to 200 characters without control characters
     * @param scopes the API scopes its tokens may hold; empty means every scope
     */
    public CreatedApplication createApplication(Credentials.Admin admin, String name, Collection<String> scopes) {
        Objects.requireNonNull(admin, "admin must not be null");
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(scopes, "scopes must not be null");
        ObjectNode body = JSON.createObjectNode();
        body.put("name", name);
        if (!scopes.isEmpty()) {
            scopes.forEach(body.putArray("scopes")::add);
        }
        return call(
                jsonPost("/v1/admin/applications", admin, body),
                false,
                answer -> new CreatedApplication(
                        text(answer, "applicationId"),
                        text(answer, "secret"),
                        text(answer, "secretId"),
                        text(answer, "name"),
                        strings(answer, "scopes"),
                        instant(answer, "createdAt")));
    }

    /**
     * Creates a dashboard account without a password ({@code POST /v1/accounts}); its owner sets one through the
     * answer's one-time link. {@code role} is {@code admin} or {@code developer}. Not retried: a repeat would be
     * refused {@code email-taken}.
     */
    public CreatedAccount createAccount(Credentials.Admin admin, String email, String role) {
        Objects.requireNonNull(admin, "admin must not be null");
        Objects.requireNonNull(email, "email must not be null");
        Objects.requireNonNull(role, "role must not be null");
        ObjectNode body = JSON.createObjectNode();
        body.put("email", email);
        body.put("role", role);
        return call(jsonPost("/v1/accounts", admin, body), false, answer -> {
            JsonNode account = answer.get("account");
            if (account == null || !account.isObject()) {
                throw new TollgateException(TollgateException.BAD_RESPONSE, "the answer lacks account", 0, null);
            }
            return new CreatedAccount(
                    text(account, "id"), text(account, "email"), text(account, "role"), text(answer, "setPasswordUrl"));
        });
    }

    /** Every application ({@code GET /v1/admin/applications}), never with a secret. A read, retried like one. */
    public List<Application> applications(Credentials.Admin admin) {
        Objects.requireNonNull(admin, "admin must not be null");
        HttpRequest request = request("/v1/admin/applications")
                .header("Authorization", admin.authorization())
                .GET()
                .build();
        return call(request, true, answer -> {
            JsonNode list = answer.get("applications");
            if (list == null || !list.isArray()) {
                throw new TollgateException(TollgateException.BAD_RESPONSE, "the answer lacks applications", 0, null);
            }
            List<Application> applications = new ArrayList<>();
            for (JsonNode application : list) {
                applications.add(new Application(
                        text(application, "applicationId"),
                        text(application, "name"),
                        strings(application, "scopes"),
                        integer(application, "activeSecrets"),
                        instant(application, "createdAt"),
                        instant(application, "updatedAt")));
            }
            return List.copyOf(applications);
        });
    }

    /**
     * Adds a new current secret ({@code POST /v1/admin/applications/{id}/rotate-secret}), shown this once; the older
     * ones keep working until {@link #retireOlderSecrets}. Never retried once the server may have seen it: a repeat
     * would add a second secret, and the first one's value would be lost with the answer that carried it.
     */
    public RotatedSecret rotateSecret(Credentials.Admin admin, String applicationId) {
        HttpRequest request = adminPost(admin, applicationId, "/rotate-secret");
        return call(
                request,
                false,
                answer -> new RotatedSecret(
                        text(answer, "applicationId"),
                        text(answer, "secret"),
                        text(answer, "secretId"),
                        integer(answer, "activeSecrets")));
    }

    /**
     * Deletes every secret of the application but the newest ({@code POST /v1/admin/applications/{id}/retire-secret}),
     * the step that ends a rotation. Retried like a read: a repeat leaves the same one secret, so doing it twice is
     * doing it once. After a retry, {@link RetiredSecrets#retired()} counts only what the answering request deleted.
     */
    public RetiredSecrets retireOlderSecrets(Credentials.Admin admin, String applicationId) {
        HttpRequest request = adminPost(admin, applicationId, "/retire-secret");
        return call(
                request,
                true,
                answer -> new RetiredSecrets(
                        text(answer, "applicationId"), integer(answer, "retired"), integer(answer, "activeSecrets")));
    }

    /**
     * Deletes the application and its secrets ({@code DELETE /v1/admin/applications/{id}}); its API and client access
     * tokens stop working. Retried like a read: deleting twice is deleting once. An unknown application is {@code
     * application-not-found}, except on a retry after an attempt the server may have carried out (a timeout, a
     * 502/503/504): then a 404 means that attempt deleted it, and the call returns normally.
     */
    public void deleteApplication(Credentials.Admin admin, String applicationId) {
        HttpRequest request = request(applicationPath(applicationId))
                .header(
                        "Authorization",
                        Objects.requireNonNull(admin, "admin must not be null").authorization())
                .DELETE()
                .build();
        exchange(request, true, 404);
    }

    /**
     * Replaces the edge credential ({@code POST /v1/admin/edge-credential/rotate}): the new value is returned once
     * (and written to the answering server's {@code edge.token}); the previous one keeps working for {@code overlap}
     * (0 to 7 days), the time to give the new one to every media server. Not retried: a repeat would rotate again and
     * end the overlap of the value just handed out.
     */
    public RotatedEdgeCredential rotateEdgeCredential(Credentials.Admin admin, Duration overlap) {
        Objects.requireNonNull(admin, "admin must not be null");
        Objects.requireNonNull(overlap, "overlap must not be null");
        if (overlap.isNegative()) {
            throw new IllegalArgumentException("overlap must not be negative, was " + overlap);
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("overlapSeconds", overlap.toSeconds());
        return call(
                jsonPost("/v1/admin/edge-credential/rotate", admin, body),
                false,
                answer -> new RotatedEdgeCredential(
                        text(answer, "edgeCredential"), instant(answer, "previousValidUntil"), text(answer, "file")));
    }

    private HttpRequest adminPost(Credentials.Admin admin, String applicationId, String action) {
        Objects.requireNonNull(admin, "admin must not be null");
        return request(applicationPath(applicationId) + action)
                .header("Authorization", admin.authorization())
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
    }

    private static String applicationPath(String applicationId) {
        Objects.requireNonNull(applicationId, "applicationId must not be null");
        if (applicationId.isEmpty()) {
            throw new IllegalArgumentException("applicationId must not be empty");
        }
        // One path segment whatever the ID holds: %2F rather than a / that would name another resource.
        return "/v1/admin/applications/"
                + URLEncoder.encode(applicationId, StandardCharsets.UTF_8).replace("+", "%20");
    }

    // ---- channels and rooms (application credentials, an API token with channels:manage, or the admin) ----

    /**
     * Creates a channel of the application ({@code POST /v1/channels}), with {@link Credentials#basic application
     * credentials} or an {@link Credentials#bearer API token} holding {@code channels:manage}. Never retried once the
     * server may have seen it. A taken alias is {@code alias-taken}, an alias outside 1 to 128 of {@code
     * [A-Za-z0-9._-]} is {@code invalid-alias}.
     */
    public Channel createChannel(Credentials credentials, String alias) {
        return create(CHANNELS, credentials, null, alias);
    }

    /** As {@link #createChannel(Credentials, String)}, by the admin credential for the named application. */
    public Channel createChannel(Credentials.Admin admin, String applicationId, String alias) {
        return create(CHANNELS, admin, requireId(applicationId), alias);
    }

    /** The application's channels, oldest first ({@code GET /v1/channels}). A read, retried like one. */
    public List<Channel> channels(Credentials credentials) {
        return list(CHANNELS, credentials, null);
    }

    /** As {@link #channels(Credentials)}, by the admin credential for the named application. */
    public List<Channel> channels(Credentials.Admin admin, String applicationId) {
        return list(CHANNELS, admin, requireId(applicationId));
    }

    /**
     * The channel with this ID or alias and its live origin streams ({@code GET /v1/channels/{id}}); another
     * application's channel is {@code not-found}. A read, retried like one.
     */
    public ChannelDetails channel(Credentials credentials, String idOrAlias) {
        return show(CHANNELS, credentials, null, idOrAlias);
    }

    /** As {@link #channel(Credentials, String)}, by the admin credential for the named application. */
    public ChannelDetails channel(Credentials.Admin admin, String applicationId, String idOrAlias) {
        return show(CHANNELS, admin, requireId(applicationId), idOrAlias);
    }

    /** The channel's origin streams, live and ended, newest first ({@code GET /v1/channels/{id}/streams}). */
    public List<OriginStream> channelStreams(Credentials credentials, String idOrAlias) {
        return streams(CHANNELS, credentials, null, idOrAlias);
    }

    /** As {@link #channelStreams(Credentials, String)}, by the admin credential for the named application. */
    public List<OriginStream> channelStreams(Credentials.Admin admin, String applicationId, String idOrAlias) {
        return streams(CHANNELS, admin, requireId(applicationId), idOrAlias);
    }

    /**
     * Deletes the channel and its streams ({@code DELETE /v1/channels/{id}}, by ID or alias). Retried like a read: an
     * unknown channel is {@code not-found}, except on a retry after an attempt the server may have carried out.
     */
    public void deleteChannel(Credentials credentials, String idOrAlias) {
        delete(CHANNELS, credentials, null, idOrAlias);
    }

    /** As {@link #deleteChannel(Credentials, String)}, by the admin credential for the named application. */
    public void deleteChannel(Credentials.Admin admin, String applicationId, String idOrAlias) {
        delete(CHANNELS, admin, requireId(applicationId), idOrAlias);
    }

    /** As {@link #createChannel(Credentials, String)}, for a room ({@code POST /v1/rooms}). */
    public Channel createRoom(Credentials credentials, String alias) {
        return create(ROOMS, credentials, null, alias);
    }

    /** As {@link #createRoom(Credentials, String)}, by the admin credential for the named application. */
    public Channel createRoom(Credentials.Admin admin, String applicationId, String alias) {
        return create(ROOMS, admin, requireId(applicationId), alias);
    }

    /** The application's rooms, oldest first ({@code GET /v1/rooms}). */
    public List<Channel> rooms(Credentials credentials) {
        return list(ROOMS, credentials, null);
    }

    /** As {@link #rooms(Credentials)}, by the admin credential for the named application. */
    public List<Channel> rooms(Credentials.Admin admin, String applicationId) {
        return list(ROOMS, admin, requireId(applicationId));
    }

    /** The room with this ID or alias and its live origin streams ({@code GET /v1/rooms/{id}}). */
    public ChannelDetails room(Credentials credentials, String idOrAlias) {
        return show(ROOMS, credentials, null, idOrAlias);
    }

    /** As {@link #room(Credentials, String)}, by the admin credential for the named application. */
    public ChannelDetails room(Credentials.Admin admin, String applicationId, String idOrAlias) {
        return show(ROOMS, admin, requireId(applicationId), idOrAlias);
    }

    /** The room's origin streams, live and ended, newest first ({@code GET /v1/rooms/{id}/streams}). */
    public List<OriginStream> roomStreams(Credentials credentials, String idOrAlias) {
        return streams(ROOMS, credentials, null, idOrAlias);
    }

    /** As {@link #roomStreams(Credentials, String)}, by the admin credential for the named application. */
    public List<OriginStream> roomStreams(Credentials.Admin admin, String applicationId, String idOrAlias) {
        return streams(ROOMS, admin, requireId(applicationId), idOrAlias);
    }

    /** As {@link #deleteChannel(Credentials, String)}, for a room ({@code DELETE /v1/rooms/{id}}). */
    public void deleteRoom(Credentials credentials, String idOrAlias) {
        delete(ROOMS, credentials, null, idOrAlias);
    }

    /** As {@link #deleteRoom(Credentials, String)}, by the admin credential for the named application. */
    public void deleteRoom(Credentials.Admin admin, String applicationId, String idOrAlias) {
        delete(ROOMS, admin, requireId(applicationId), idOrAlias);
    }

    // ---- revocations (application credentials, an API token with revocations:manage, or the admin) ----

    /**
     * Revokes one token ({@code POST /v1/revocations}, kind {@code token}): a DIGEST token, its {@code tgr_} reference,
     * an API token or a client access token of the application. Its entry ends at the token's expiry. Revoking it
     * again gives the same entry back, so the call is retried like a read. A token that is not authentic or has
     * expired is {@code invalid-value}; another application's is {@code wrong-application}.
     */
    public Revocation revokeToken(Credentials credentials, String token) {
        return revokeToken(credentials, null, token);
    }

    /** As {@link #revokeToken(Credentials, String)}, by the admin credential for the named application. */
    public Revocation revokeToken(Credentials.Admin admin, String applicationId, String token) {
        return revokeToken((Credentials) admin, requireId(applicationId), token);
    }

    /**
     * Revokes every token a match names ({@code POST /v1/revocations}): a tag, a channel or room (by ID or alias), a
     * session ID, a subject's external ID, or for {@link Revocation.Kind#ISSUED_BEFORE} an ISO-8601 instant ({@code
     * null}: now). The entry ends at {@code endsAt}, or when empty at the server's default. The same match while
     * active gives the same entry back. A match of the wrong shape is {@code invalid-value}.
     *
     * @throws IllegalArgumentException for {@link Revocation.Kind#TOKEN}: use {@link #revokeToken}
     */
    public Revocation revoke(Credentials credentials, Revocation.Kind kind, String value, Optional<Instant> endsAt) {
        return revoke(credentials, null, kind, value, endsAt);
    }

    /** As {@link #revoke(Credentials, Revocation.Kind, String, Optional)}, by the admin for the named application. */
    public Revocation revoke(
            Credentials.Admin admin,
            String applicationId,
            Revocation.Kind kind,
            String value,
            Optional<Instant> endsAt) {
        return revoke((Credentials) admin, requireId(applicationId), kind, value, endsAt);
    }

    /** The application's active revocation entries, newest first ({@code GET /v1/revocations}). */
    public List<Revocation> revocations(Credentials credentials) {
        return revocations(credentials, null);
    }

    /** As {@link #revocations(Credentials)}, by the admin credential for the named application. */
    public List<Revocation> revocations(Credentials.Admin admin, String applicationId) {
        return revocations((Credentials) admin, requireId(applicationId));
    }

    /**
     * Withdraws an active entry ({@code DELETE /v1/revocations/{id}}): what it matched is no longer refused by it. An
     * unknown or ended entry is {@code not-found}, except on a retry after an attempt the server may have carried out.
     */
    public void withdrawRevocation(Credentials credentials, String id) {
        withdrawRevocation(credentials, null, id);
    }

    /** As {@link #withdrawRevocation(Credentials, String)}, by the admin credential for the named application. */
    public void withdrawRevocation(Credentials.Admin admin, String applicationId, String id) {
        withdrawRevocation((Credentials) admin, requireId(applicationId), id);
    }

    private Revocation revokeToken(Credentials credentials, String applicationId, String token) {
        Objects.requireNonNull(credentials, "credentials must not be null");
        ObjectNode body = JSON.createObjectNode();
        body.put("kind", Revocation.Kind.TOKEN.wireName());
        body.put("token", requireId(token));
        return call(
                jsonPost(registryPath(REVOCATIONS, null, "", applicationId), credentials, body),
                true,
                TollgateClient::revocationOf);
    }

    private Revocation revoke(
            Credentials credentials,
            String applicationId,
            Revocation.Kind kind,
            String value,
            Optional<Instant> endsAt) {
        Objects.requireNonNull(credentials, "credentials must not be null");
        Objects.requireNonNull(kind, "kind must not be null");
        Objects.requireNonNull(endsAt, "endsAt must not be null (use Optional.empty())");
        if (kind == Revocation.Kind.TOKEN) {
            throw new IllegalArgumentException("a token is revoked with revokeToken, by the token itself");
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("kind", kind.wireName());
        if (kind != Revocation.Kind.ISSUED_BEFORE || value != null) {
            body.put("value", requireId(value));
        }
        endsAt.ifPresent(at -> body.put("endsAt", at.toString()));
        // Idempotent on the server (the same active match is the same entry): safe to retry.
        return call(
                jsonPost(registryPath(REVOCATIONS, null, "", applicationId), credentials, body),
                true,
                TollgateClient::revocationOf);
    }

    private List<Revocation> revocations(Credentials credentials, String applicationId) {
        return call(registryGet(REVOCATIONS, credentials, null, "", applicationId), true, answer -> {
            JsonNode list = answer.get(REVOCATIONS);
            if (list == null || !list.isArray()) {
                throw new TollgateException(TollgateException.BAD_RESPONSE, "the answer lacks revocations", 0, null);
            }
            List<Revocation> entries = new ArrayList<>();
            list.forEach(entry -> entries.add(revocationOf(entry)));
            return List.copyOf(entries);
        });
    }

    private void withdrawRevocation(Credentials credentials, String applicationId, String id) {
        Objects.requireNonNull(credentials, "credentials must not be null");
        HttpRequest request = request(registryPath(REVOCATIONS, requireId(id), "", applicationId))
                .header("Authorization", credentials.authorization())
                .DELETE()
                .build();
        exchange(request, true, 404);
    }

    private static Revocation revocationOf(JsonNode answer) {
        String kind = text(answer, "kind");
        JsonNode alias = answer.get("alias");
        return new Revocation(
                text(answer, "id"),
                text(answer, "applicationId"),
                Revocation.Kind.fromWireName(kind)
                        .orElseThrow(() -> new TollgateException(
                                TollgateException.BAD_RESPONSE, "unknown revocation kind " + kind, 0, null)),
                text(answer, "value"),
                alias == null || alias.isNull() ? Optional.empty() : Optional.of(alias.asText()),
                instant(answer, "createdAt"),
                instant(answer, "endsAt"));
    }

    private Channel create(String kinds, Credentials credentials, String applicationId, String alias) {
        Objects.requireNonNull(credentials, "credentials must not be null");
        Objects.requireNonNull(alias, "alias must not be null");
        ObjectNode body = JSON.createObjectNode();
        body.put("alias", alias);
        return call(
                jsonPost(registryPath(kinds, null, "", applicationId), credentials, body),
                false,
                TollgateClient::channelOf);
    }

    private List<Channel> list(String kinds, Credentials credentials, String applicationId) {
        return call(registryGet(kinds, credentials, null, "", applicationId), true, answer -> {
            JsonNode list = answer.get(kinds);
            if (list == null || !list.isArray()) {
                throw new TollgateException(TollgateException.BAD_RESPONSE, "the answer lacks " + kinds, 0, null);
            }
            List<Channel> channels = new ArrayList<>();
            list.forEach(channel -> channels.add(channelOf(channel)));
            return List.copyOf(channels);
        });
    }

    private ChannelDetails show(String kinds, Credentials credentials, String applicationId, String idOrAlias) {
        return call(
                registryGet(kinds, credentials, requireId(idOrAlias), "", applicationId),
                true,
                answer -> new ChannelDetails(channelOf(answer), streamsOf(answer, "liveStreams")));
    }

    private List<OriginStream> streams(String kinds, Credentials credentials, String applicationId, String idOrAlias) {
        return call(
                registryGet(kinds, credentials, requireId(idOrAlias), "/streams", applicationId),
                true,
                answer -> streamsOf(answer, "streams"));
    }

    private void delete(String kinds, Credentials credentials, String applicationId, String idOrAlias) {
        Objects.requireNonNull(credentials, "credentials must not be null");
        HttpRequest request = request(registryPath(kinds, requireId(idOrAlias), "", applicationId))
                .header("Authorization", credentials.authorization())
                .DELETE()
                .build();
        exchange(request, true, 404);
    }

    private HttpRequest registryGet(
            String kinds, Credentials credentials, String idOrAlias, String suffix, String applicationId) {
        Objects.requireNonNull(credentials, "credentials must not be null");
        return request(registryPath(kinds, idOrAlias, suffix, applicationId))
                .header("Authorization", credentials.authorization())
                .GET()
                .build();
    }

    /**
     * {@code /v1/<kinds>[/<id>][suffix][?applicationId=]}. An ID holds {@code #}: percent-encoded, one path segment
     * (a raw {@code #} would end the path and start a fragment).
     */
    private static String registryPath(String kinds, String idOrAlias, String suffix, String applicationId) {
        return "/v1/" + kinds + (idOrAlias == null ? "" : "/" + encoded(idOrAlias)) + suffix
                + (applicationId == null ? "" : "?applicationId=" + encoded(applicationId));
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String requireId(String value) {
        Objects.requireNonNull(value, "the ID must not be null");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("the ID must not be empty");
        }
        return value;
    }

    private static Channel channelOf(JsonNode answer) {
        return new Channel(
                text(answer, "id"),
                text(answer, "alias"),
                text(answer, "kind"),
                text(answer, "applicationId"),
                instant(answer, "createdAt"));
    }

    private static List<OriginStream> streamsOf(JsonNode answer, String field) {
        JsonNode list = answer.get(field);
        if (list == null || !list.isArray()) {
            throw new TollgateException(TollgateException.BAD_RESPONSE, "the answer lacks " + field, 0, null);
        }
        List<OriginStream> streams = new ArrayList<>();
        for (JsonNode stream : list) {
            JsonNode ended = stream.get("endedAt");
            streams.add(new OriginStream(
                    text(stream, "id"),
                    instant(stream, "startedAt"),
                    ended == null || ended.isNull() ? Optional.empty() : Optional.of(instant(stream, "endedAt"))));
        }
        return List.copyOf(streams);
    }

    // ---- plumbing ----

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(baseUrl().resolve(path.substring(1)))
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

    /**
     * Sends with the retry policy and reads the answer with {@code reader}. A 2xx answer that lacks what {@code reader}
     * needs is {@code bad-response} with the answer's real status.
     */
    private <T> T call(HttpRequest request, boolean idempotent, Function<JsonNode, T> reader) {
        HttpResponse<String> response = exchange(request, idempotent);
        JsonNode answer = body(response);
        try {
            return reader.apply(answer);
        } catch (TollgateException e) {
            if (e.code().equals(TollgateException.BAD_RESPONSE) && e.status().isEmpty()) {
                throw new TollgateException(e.code(), e.getMessage(), response.statusCode(), e.getCause());
            }
            throw e;
        }
    }

    /** Sends with the retry policy; {@code idempotent} calls are also retried on timeouts and 429/502/503/504. */
    JsonNode send(HttpRequest request, boolean idempotent) {
        return body(exchange(request, idempotent));
    }

    /** The first answer below 400, after the retries the policy allows. */
    private HttpResponse<String> exchange(HttpRequest request, boolean idempotent) {
        return exchange(request, idempotent, 0);
    }

    /**
     * As {@link #exchange(HttpRequest, boolean)}; besides, an answer with status {@code doneOnRepeat} (0 for none)
     * counts as success when an earlier attempt may have reached the server: that attempt may be what the answer
     * reports, as a 404 to a repeated DELETE.
     */
    private HttpResponse<String> exchange(HttpRequest request, boolean idempotent, int doneOnRepeat) {
        if (closed.get()) {
            throw new IllegalStateException("the TollgateClient is closed");
        }
        TollgateException last = null;
        Duration waited = Duration.ZERO;
        Duration asked = Duration.ZERO;
        boolean mayHaveActed = false;
        int failovers = 0;
        boolean failedOver = false;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            if (failedOver) {
                // A server that could not be reached was left for the next one: try it at once, as a new attempt.
                failedOver = false;
            } else if (attempt > 1) {
                Duration backoff = retryBackoff.multipliedBy(1L << Math.min(attempt - 2, 20));
                Duration delay = asked.compareTo(backoff) > 0 ? asked : backoff;
                if (waited.plus(delay).compareTo(retryBudget) > 0) {
                    break;
                }
                pause(delay);
                waited = waited.plus(delay);
            }
            asked = Duration.ZERO;
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (HttpConnectTimeoutException | ConnectException e) {
                // The request never reached the server: retrying cannot do anything twice, on this server or another.
                last = new TollgateException(TollgateException.UNREACHABLE, "cannot reach " + request.uri(), 0, e);
                if (failovers < baseUrls.size() - 1) {
                    failovers++;
                    request = failOver(request);
                    failedOver = true;
                    attempt--; // each server gets the call's attempts; moving on is not a retry
                }
                continue;
            } catch (HttpTimeoutException e) {
                last = new TollgateException(
                        TollgateException.TIMEOUT, "no answer from " + request.uri() + " within " + timeout, 0, e);
                // The server may have acted on it: only a call that is safe to repeat goes again.
                if (idempotent) {
                    mayHaveActed = true;
                    continue;
                }
                throw last;
            } catch (IOException e) {
                // The connection broke after the request was sent (the server died under it): it may have acted.
                throw new TollgateException(TollgateException.UNREACHABLE, "cannot reach " + request.uri(), 0, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TollgateException(TollgateException.UNREACHABLE, "interrupted", 0, e);
            }
            int status = response.statusCode();
            if (mayHaveActed && status == doneOnRepeat) {
                return response;
            }
            if (idempotent && (status == 429 || status == 502 || status == 503 || status == 504)) {
                last = error(response);
                asked = retryAfter(response);
                // A 429 refuses before acting; a 502/503/504 may come from a proxy after the server acted.
                mayHaveActed |= status != 429;
                continue;
            }
            if (status >= 400) {
                throw error(response);
            }
            return response;
        }
        throw last;
    }

    /**
     * The request, sent to the next server instead of the one that could not be reached; later calls go there too (the
     * first server is not tried again until the others fail: a node that died is not asked on every call).
     */
    private HttpRequest failOver(HttpRequest request) {
        int from = current.get();
        URI relative = baseUrls.get(from).relativize(request.uri());
        int to = (from + 1) % baseUrls.size();
        current.compareAndSet(from, to);
        URI target = baseUrls.get(current.get()).resolve(relative);
        return HttpRequest.newBuilder(request, (name, value) -> true)
                .uri(target)
                .build();
    }

    /**
     * The wait a {@code Retry-After} header asks for (RFC 9110 §10.2.3: seconds or an HTTP date), at most {@link
     * #MAX_RETRY_AFTER}; zero when absent or unreadable.
     */
    private Duration retryAfter(HttpResponse<String> response) {
        Optional<String> header = response.headers().firstValue("Retry-After").map(String::strip);
        if (header.isEmpty()) {
            return Duration.ZERO;
        }
        Duration asked;
        try {
            asked = Duration.ofSeconds(Math.max(0, Long.parseLong(header.get())));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(header.get(), DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                asked = Duration.between(clock.instant(), at);
                asked = asked.isNegative() ? Duration.ZERO : asked;
            } catch (DateTimeParseException notADate) {
                return Duration.ZERO;
            }
        }
        return asked.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : asked;
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
            throw new TollgateException(TollgateException.BAD_RESPONSE, "the answer lacks expires_in", 0, null);
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
            throw new TollgateException(TollgateException.BAD_RESPONSE, "the answer lacks " + field, 0, null);
        }
        return value.asText();
    }

    private static List<String> strings(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isArray()) {
            throw new TollgateException(TollgateException.BAD_RESPONSE, "the answer lacks " + field, 0, null);
        }
        List<String> strings = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw new TollgateException(TollgateException.BAD_RESPONSE, "the answer has a bad " + field, 0, null);
            }
            strings.add(item.asText());
        }
        return strings;
    }

    private static int integer(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToInt()) {
            throw new TollgateException(TollgateException.BAD_RESPONSE, "the answer lacks " + field, 0, null);
        }
        return value.asInt();
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
            } catch (DateTimeParseException e) {
                // fall through to the error below
            }
        }
        throw new TollgateException(TollgateException.BAD_RESPONSE, "the answer lacks " + field, 0, null);
    }

    private static void pause(Duration duration) {
        try {
            TimeUnit.NANOSECONDS.sleep(duration.toNanos()); // Thread.sleep(Duration) is Java 19+
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
        private final List<URI> failoverUrls = new ArrayList<>();
        private Duration timeout = Duration.ofSeconds(10);
        private int maxAttempts = 3;
        private Duration retryBackoff = Duration.ofMillis(200);
        private Duration retryBudget = Duration.ofSeconds(10);
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /** The server, e.g. {@code http://127.0.0.1:8080} (required). */
        public Builder baseUrl(String baseUrl) {
            return baseUrl(URI.create(Objects.requireNonNull(baseUrl, "baseUrl must not be null")));
        }

        public Builder baseUrl(URI baseUrl) {
            this.baseUrl = checkedBase(baseUrl, "baseUrl");
            return this;
        }

        /**
         * Other nodes of the same deployment (one PostgreSQL behind them), tried in order when the current server
         * cannot be reached: a connection refused or not made within the timeout, so the request never arrived and
         * moving on cannot do anything twice. A call that broke after it was sent is not moved (it may have acted);
         * it fails with {@code unreachable} as before. Calls stay on the server they moved to.
         */
        public Builder failoverUrls(String... urls) {
            for (String url : urls) {
                failoverUrls.add(checkedBase(
                        URI.create(Objects.requireNonNull(url, "a failover URL must not be null")), "a failover URL"));
            }
            return this;
        }

        private static URI checkedBase(URI url, String what) {
            Objects.requireNonNull(url, what + " must not be null");
            if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
                throw new IllegalArgumentException(what + " must be http or https, was " + url);
            }
            String path = url.getPath() == null || url.getPath().isEmpty() ? "/" : url.getPath();
            return url.resolve(path.endsWith("/") ? path : path + "/");
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

        /**
         * The most one call may spend waiting between its attempts (default 10 s): a retry whose delay would exceed
         * it is not made. Zero disables retries after a wait.
         */
        public Builder retryBudget(Duration budget) {
            Objects.requireNonNull(budget, "budget must not be null");
            if (budget.isNegative()) {
                throw new IllegalArgumentException("retryBudget must not be negative, was " + budget);
            }
            this.retryBudget = budget;
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
