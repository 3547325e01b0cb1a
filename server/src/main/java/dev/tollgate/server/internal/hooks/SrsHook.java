package dev.tollgate.server.internal.hooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.edge.Action;
import dev.tollgate.server.internal.http.Endpoint;
import dev.tollgate.server.internal.http.ErrorCode;
import dev.tollgate.server.internal.http.JsonFields;
import dev.tollgate.server.internal.http.JsonResponses;
import dev.tollgate.server.internal.http.LogText;
import dev.tollgate.server.internal.http.Rejection;
import dev.tollgate.server.internal.http.RequestBody;
import dev.tollgate.server.internal.http.Routes;
import dev.tollgate.server.internal.http.ServerRequest;
import dev.tollgate.server.internal.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /hooks/srs/{event}}: SRS's {@code http_hooks}, one path per hook ({@code on_publish}, {@code on_play},
 * {@code on_unpublish}, {@code on_stop}). SRS posts JSON {@code {server_id, service_id, action, client_id, ip, vhost,
 * app, tcUrl, stream, param, stream_url, stream_id}} ({@code on_play} adds {@code pageUrl}).
 *
 * <ul>
 *   <li>{@code on_publish} is a publish, {@code on_play} a subscribe; {@code on_unpublish} and {@code on_stop} end the
 *       session. The body's {@code action} must name the path's event.
 *   <li>The stream name is the channel alias; the application is the hook URL's {@code application} query when it
 *       has one ({@code /hooks/srs/on_play?application=<id>}), else the RTMP {@code app}.
 *   <li>The token is the {@code token=} of {@code param} (the client's query, {@code ?token=…&session=…}).
 *   <li>The session is known by {@code <server_id>/<client_id>} (SRS's connection context id).
 * </ul>
 *
 * <p>SRS admits on HTTP 200 whose body is {@code 0} (or an object whose {@code code} is 0); this hook answers {@code
 * 0}. A refusal is 401 or 403 with {@code {"code":<status>,"error":"<code>"}}: SRS refuses on the status and logs the
 * body. SRS checks only when a client starts: a revoked or expired token does not end a session already established.
 * Unknown fields are ignored, as for MediaMTX: SRS adds fields across versions ({@code stream_url}, {@code
 * stream_id}, {@code service_id} came in 5.0). Thread-safe.
 */
final class SrsHook implements Endpoint {
    static final String MEDIA_SERVER = "srs";
    static final String PATH = "/hooks/srs/{event}";

    /** The events this hook takes, as SRS names them in the path and in {@code action}. */
    static final List<String> EVENTS = List.of("on_publish", "on_play", "on_unpublish", "on_stop");

    /** What SRS sends (trunk/src/app/srs_app_http_hooks.cpp); others are ignored. */
    static final Set<String> FIELDS = Set.of(
            "server_id",
            "service_id",
            "action",
            "client_id",
            "ip",
            "vhost",
            "app",
            "tcUrl",
            "stream",
            "param",
            "stream_url",
            "stream_id",
            "pageUrl");

    /** SRS's success answer ({@code SRS_HTTP_RESPONSE_OK}). */
    static final byte[] ALLOW = "0".getBytes(StandardCharsets.UTF_8);

    private static final Logger LOG = LoggerFactory.getLogger(SrsHook.class);

    private final StreamGate gate;
    private final JsonResponses responses;
    private final ObjectMapper mapper;

    SrsHook(StreamGate gate, JsonResponses responses, ObjectMapper mapper) {
        this.gate = Objects.requireNonNull(gate, "gate");
        this.responses = Objects.requireNonNull(responses, "responses");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    @Override
    public void routes(Routes routes) {
        routes.post(PATH, this::handle);
    }

    private void handle(ServerRequest request, ServerResponse response) {
        String event = request.pathParameter("event");
        if (!EVENTS.contains(event)) {
            throw Rejection.of(
                    404, ErrorCode.NOT_FOUND, "no SRS hook " + RequestBody.printable(event) + "; hooks: " + EVENTS);
        }
        StreamEvent read =
                read(event, RequestBody.jsonObject(request, mapper, false), HookQuery.parse(request.rawQuery(), 400));
        switch (read) {
            case StreamEvent.Admit admit -> {
                // A key already open is a connection SRS forgot to report: it ends before the new one opens.
                gate.end(MEDIA_SERVER, admit.call().clientKey());
                switch (gate.admit(admit.call())) {
                    case Admission.Admitted admitted -> allow(response);
                    case Admission.Refused refused -> {
                        LOG.info(
                                "srs refuses {}: {}",
                                refused.code(),
                                LogText.escape(Refusal.of(refused, admit.call()).logDetail()));
                        Map<String, Object> answer = new LinkedHashMap<>();
                        answer.put("code", refused.status());
                        answer.put("error", refused.code());
                        responses.send(response, refused.status(), answer);
                    }
                }
            }
            case StreamEvent.End end -> {
                gate.end(end.mediaServer(), end.clientKey());
                allow(response);
            }
            case StreamEvent.Acknowledge acknowledge -> allow(response);
        }
    }

    private static void allow(ServerResponse response) {
        response.status(200);
        response.header("Content-Type", "text/plain");
        response.send(ALLOW);
    }

    /**
     * What one call asks.
     *
     * @param event the path's event, one of {@link #EVENTS}
     * @param hook the hook URL's query ({@code application}, {@code kind})
     * @throws Rejection 400 for a missing or malformed field, or an {@code action} that is not {@code event}
     */
    static StreamEvent read(String event, ObjectNode body, HookQuery hook) {
        ObjectNode known = body.deepCopy();
        known.retain(FIELDS);
        JsonFields fields = JsonFields.of(known, FIELDS);
        Optional<String> action = fields.string("action");
        if (action.isPresent() && !action.get().equals(event)) {
            throw Rejection.badRequest(
                    ErrorCode.INVALID_VALUE,
                    "the action '" + RequestBody.printable(action.get()) + "' was posted to the hook " + event);
        }
        String clientKey = fields.string("server_id").orElse("") + "/" + required(fields, "client_id");
        if (event.equals("on_unpublish") || event.equals("on_stop")) {
            return new StreamEvent.End(MEDIA_SERVER, clientKey);
        }
        String applicationId = hook.application().orElseGet(() -> required(fields, "app"));
        Map<String, String> param = FirstValues.ofQuery(fields.string("param").orElse(""), "the param");
        return new StreamEvent.Admit(new StreamCall(
                MEDIA_SERVER,
                clientKey,
                event.equals("on_publish") ? Action.PUBLISH : Action.SUBSCRIBE,
                applicationId,
                hook.kind(),
                required(fields, "stream"),
                Optional.ofNullable(param.get("token")).filter(t -> !t.isEmpty()),
                fields.string("ip").filter(ip -> !ip.isEmpty()),
                Optional.ofNullable(param.get("session")).filter(s -> !s.isEmpty())));
    }

    private static String required(JsonFields fields, String name) {
        return fields.string(name)
                .filter(value -> !value.isEmpty())
                .orElseThrow(
                        () -> Rejection.badRequest(ErrorCode.MISSING_FIELD, "the field '" + name + "' is required"));
    }
}
