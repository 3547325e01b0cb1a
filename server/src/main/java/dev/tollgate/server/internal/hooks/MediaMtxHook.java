package dev.tollgate.server.internal.hooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.edge.Action;
import dev.tollgate.server.internal.http.Endpoint;
import dev.tollgate.server.internal.http.ErrorCode;
import dev.tollgate.server.internal.http.JsonFields;
import dev.tollgate.server.internal.http.JsonResponses;
import dev.tollgate.server.internal.http.Rejection;
import dev.tollgate.server.internal.http.RequestBody;
import dev.tollgate.server.internal.http.Routes;
import dev.tollgate.server.internal.http.ServerRequest;
import dev.tollgate.server.internal.http.ServerResponse;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * {@code POST /hooks/mediamtx}: MediaMTX's external HTTP authentication ({@code authMethod: http}, {@code
 * authHTTPAddress}). MediaMTX posts JSON {@code {ip, user, password, token, action, path, protocol, id, query,
 * userAgent}} each time a client needs to be authenticated, and admits on any 2xx.
 *
 * <ul>
 *   <li>{@code publish} is a publish; {@code read} (live) and {@code playback} (recordings) are a subscribe. {@code
 *       api}, {@code metrics} and {@code pprof} are MediaMTX's own control endpoints, which no EdgeAuth token grants:
 *       they are refused, 403 {@code unsupported-action}; list them in {@code authHTTPExclude}.
 *   <li>The token is {@code token} (a Bearer header), else {@code password} (RTSP and RTMP credentials, {@code
 *       rtsp://user:<token>@…}), else the {@code token=} of {@code query} (the client's URL query, without {@code ?}).
 *   <li>The path names the channel: {@code <applicationId>/<alias>}, or, when the hook URL names the application
 *       ({@code /hooks/mediamtx?application=<id>}), the whole path is the alias.
 *   <li>MediaMTX asks at connect only and reports no end: the session is known by MediaMTX's {@code id} (a fresh one
 *       when it sends none) and ends by the usage sessions' stale timeout. A revoked or expired token does not end a
 *       session that is already established there.
 * </ul>
 *
 * <p>Unknown fields are ignored, unlike everywhere else in the API: MediaMTX adds fields across versions ({@code
 * userAgent} came late) and a strict reader would lock every client out after an upgrade. The known fields are still
 * read strictly (types, control characters). A missing token is 401, which makes MediaMTX ask an RTSP client for
 * credentials; every other refusal is 401 or 403 with {@code {"code","message"}}, which MediaMTX logs. Thread-safe.
 */
final class MediaMtxHook implements Endpoint {
    static final String MEDIA_SERVER = "mediamtx";
    static final String PATH = "/hooks/mediamtx";

    /** The fields MediaMTX sends (internal/auth/manager.go, {@code authenticateHTTP}); others are ignored. */
    static final Set<String> FIELDS =
            Set.of("ip", "user", "password", "token", "action", "path", "protocol", "id", "query", "userAgent");

    private final StreamGate gate;
    private final JsonResponses responses;
    private final ObjectMapper mapper;

    MediaMtxHook(StreamGate gate, JsonResponses responses, ObjectMapper mapper) {
        this.gate = Objects.requireNonNull(gate, "gate");
        this.responses = Objects.requireNonNull(responses, "responses");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    @Override
    public void routes(Routes routes) {
        routes.post(PATH, this::handle);
    }

    private void handle(ServerRequest request, ServerResponse response) {
        StreamCall call =
                read(RequestBody.jsonObject(request, mapper, false), HookQuery.parse(request.rawQuery(), 400));
        switch (gate.admit(call)) {
            case Admission.Admitted admitted -> responses.send(response, 200, Map.of("decision", "allowed"));
            case Admission.Refused refused -> throw Refusal.of(refused, call);
        }
    }

    /**
     * What one call asks.
     *
     * @param hook the hook URL's query ({@code application}, {@code kind})
     * @throws Rejection 400 for a missing or malformed field, 403 {@code unsupported-action} for MediaMTX's own
     *     endpoints
     */
    static StreamCall read(ObjectNode body, HookQuery hook) {
        ObjectNode known = body.deepCopy();
        known.retain(FIELDS);
        JsonFields fields = JsonFields.of(known, FIELDS);
        String action = fields.requiredString("action");
        Action streaming = switch (action) {
            case "publish" -> Action.PUBLISH;
            case "read", "playback" -> Action.SUBSCRIBE;
            case "api", "metrics", "pprof" ->
                throw Rejection.of(
                        403,
                        ErrorCode.UNSUPPORTED_ACTION,
                        "a token grants publish, read and playback; exclude " + action
                                + " from the hook with authHTTPExclude");
            default ->
                throw Rejection.badRequest(
                        ErrorCode.UNKNOWN_ACTION,
                        "the action '" + RequestBody.printable(action)
                                + "' is none of publish, read, playback, api, metrics, pprof");
        };
        String path = stripSlashes(fields.requiredString("path"));
        String applicationId;
        String alias;
        Optional<String> named = hook.application();
        if (named.isPresent()) {
            applicationId = named.get();
            alias = path;
        } else {
            int slash = path.indexOf('/');
            if (slash <= 0 || slash == path.length() - 1) {
                throw Rejection.badRequest(
                        ErrorCode.INVALID_VALUE,
                        "the path must be <applicationId>/<alias> when the hook URL names no application");
            }
            applicationId = path.substring(0, slash);
            alias = path.substring(slash + 1);
        }
        if (alias.isEmpty()) {
            throw Rejection.badRequest(ErrorCode.INVALID_VALUE, "the path names no channel");
        }
        Map<String, String> query =
                FirstValues.ofQuery(fields.string("query").orElse(""), "the query in the MediaMTX request");
        Optional<String> token = nonEmpty(fields.string("token"))
                .or(() -> nonEmpty(fields.string("password")))
                .or(() -> nonEmpty(Optional.ofNullable(query.get("token"))));
        String clientKey = nonEmpty(fields.string("id")).orElseGet(() -> "anonymous-" + UUID.randomUUID());
        return new StreamCall(
                MEDIA_SERVER,
                clientKey,
                streaming,
                applicationId,
                hook.kind(),
                alias,
                token,
                nonEmpty(fields.string("ip")),
                nonEmpty(Optional.ofNullable(query.get("session"))));
    }

    private static String stripSlashes(String path) {
        int start = 0;
        int end = path.length();
        while (start < end && path.charAt(start) == '/') {
            start++;
        }
        while (end > start && path.charAt(end - 1) == '/') {
            end--;
        }
        return path.substring(start, end);
    }

    private static Optional<String> nonEmpty(Optional<String> value) {
        return value.filter(v -> !v.isEmpty());
    }
}
