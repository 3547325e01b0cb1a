package dev.tollgate.server.internal.hooks;

import dev.tollgate.edge.Action;
import dev.tollgate.server.internal.http.Endpoint;
import dev.tollgate.server.internal.http.ErrorCode;
import dev.tollgate.server.internal.http.FormEncoding;
import dev.tollgate.server.internal.http.JsonResponses;
import dev.tollgate.server.internal.http.Rejection;
import dev.tollgate.server.internal.http.RequestBody;
import dev.tollgate.server.internal.http.Routes;
import dev.tollgate.server.internal.http.ServerRequest;
import dev.tollgate.server.internal.http.ServerResponse;
import dev.tollgate.server.internal.http.StrictUtf8;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code POST /hooks/icecast?application=<id>}: Icecast 2.4's URL authentication ({@code <authentication
 * type="url">}), one path for its five calls, told apart by {@code action}. Icecast posts a form
 * ({@code libcurl}'s default {@code application/x-www-form-urlencoded}, every non-alphanumeric byte percent-escaped):
 *
 * <ul>
 *   <li>{@code listener_add} ({@code server, port, client, mount, user, pass, ip, agent}): a listener connects; the
 *       listener's own query is inside {@code mount} ({@code /news.ogg?token=…}). Admitted as a subscribe.
 *   <li>{@code listener_remove} (the same and {@code duration}): the listener left; its session ends.
 *   <li>{@code stream_auth} ({@code mount, ip, server, port, user, pass}, {@code admin=1} for an admin request): a
 *       source connects. Icecast sends no connection id here, and a source sends its credentials as HTTP Basic, so
 *       the token is the source's password ({@code icecast://source:<token>@host:port/news.ogg}), or, when that is
 *       empty, a {@code token=} in the mount's query. Admitted as a publish.
 *   <li>{@code mount_add} ({@code mount, server, port}): the mount went live; acknowledged only, since {@code
 *       stream_auth} already admitted the source and opened its origin stream.
 *   <li>{@code mount_remove} (the same): the mount ended; the source's session and origin stream end.
 * </ul>
 *
 * <p>The mount names the channel by alias, one extension dropped ({@code /news.ogg} and {@code /news} are the channel
 * {@code news}, or the room with {@code kind=room}); the hook URL's {@code application} query names the application
 * (Icecast takes any URL; {@link HookQuery}). A
 * listener's session is known by {@code <server>:<port>#<client>} (Icecast's connection id is unique only within one
 * process), a source's by {@code <server>:<port><mount path>} (one source per mount): give each Icecast its own
 * {@code <hostname>} or {@code <port>}.
 *
 * <p>Icecast ignores the status: it admits when the answer carries {@code icecast-auth-user: 1} and refuses otherwise.
 * So that header is sent on an admission only, never on a refusal, which is a 401 or 403 with {@code
 * icecast-auth-message: <code>} (Icecast logs it) and the JSON {@code {"code","message"}}. A malformed call is a 400
 * without the header either. No {@code icecast-auth-timelimit} is sent: the seed lets an established listener continue
 * past its token's expiry. Thread-safe.
 */
final class IcecastHook implements Endpoint {
    static final String MEDIA_SERVER = "icecast";
    static final String PATH = "/hooks/icecast";

    /** The header whose presence admits (Icecast's default {@code auth_header}). */
    static final String ALLOW_HEADER = "icecast-auth-user";

    /** The header Icecast logs when a client is refused. */
    static final String MESSAGE_HEADER = "icecast-auth-message";

    private final StreamGate gate;
    private final JsonResponses responses;

    IcecastHook(StreamGate gate, JsonResponses responses) {
        this.gate = Objects.requireNonNull(gate, "gate");
        this.responses = Objects.requireNonNull(responses, "responses");
    }

    @Override
    public void routes(Routes routes) {
        routes.post(PATH, this::handle);
    }

    private void handle(ServerRequest request, ServerResponse response) {
        StreamEvent event;
        try {
            RequestBody.requireContentType(request, RequestBody.FORM);
            String body = StrictUtf8.decode(RequestBody.read(request))
                    .orElseThrow(() -> Rejection.badRequest(ErrorCode.MALFORMED_FORM, "the body is not valid UTF-8"));
            event = read(
                    FormEncoding.fields(body, ErrorCode.MALFORMED_FORM, "the form body"),
                    HookQuery.parse(request.rawQuery(), 400));
        } catch (Rejection rejection) {
            throw rejection.header(MESSAGE_HEADER, rejection.code());
        }
        switch (event) {
            case StreamEvent.Admit admit -> {
                if (admit.call().action() == Action.SUBSCRIBE) {
                    // An open listener key is one Icecast forgot when it restarted (its ids start again at 1). Not
                    // so for a source: Icecast authenticates a source before it checks that the mount is free, so
                    // an open source key is usually the live source, which a second one must not end.
                    gate.end(MEDIA_SERVER, admit.call().clientKey());
                }
                switch (gate.admit(admit.call())) {
                    case Admission.Admitted admitted -> {
                        response.header(ALLOW_HEADER, "1");
                        responses.send(response, 200, Map.of("decision", "allowed"));
                    }
                    case Admission.Refused refused ->
                        throw Refusal.of(refused, admit.call()).header(MESSAGE_HEADER, refused.code());
                }
            }
            case StreamEvent.End end -> {
                gate.end(end.mediaServer(), end.clientKey());
                responses.send(response, 200, Map.of("ended", true));
            }
            case StreamEvent.Acknowledge acknowledge ->
                responses.send(response, 200, Map.of("acknowledged", acknowledge.what()));
        }
    }

    /**
     * What one call asks. The first value of a repeated field wins, in the form and in the mount's query alike (a
     * listener can append duplicates to its own query).
     *
     * @param hook the hook URL's query: {@code application} (required: Icecast names none) and {@code kind}
     * @throws Rejection 400 on a form without {@code action}, an unknown action, or a missing field the action needs
     */
    static StreamEvent read(List<FormEncoding.Field> form, HookQuery hook) {
        Map<String, String> fields = FirstValues.of(form);
        String action = fields.get("action");
        if (action == null || action.isEmpty()) {
            throw Rejection.badRequest(ErrorCode.MISSING_FIELD, "the field 'action' is required");
        }
        return switch (action) {
            case "listener_add" -> new StreamEvent.Admit(admit(fields, hook, Action.SUBSCRIBE));
            case "stream_auth" -> new StreamEvent.Admit(admit(fields, hook, Action.PUBLISH));
            case "listener_remove" -> new StreamEvent.End(MEDIA_SERVER, listenerKey(fields));
            case "mount_remove" -> new StreamEvent.End(MEDIA_SERVER, sourceKey(fields));
            case "mount_add" -> new StreamEvent.Acknowledge("mount_add");
            default ->
                throw Rejection.badRequest(
                        ErrorCode.UNKNOWN_ACTION,
                        "the action '" + RequestBody.printable(action)
                                + "' is none of listener_add, listener_remove, stream_auth, mount_add, mount_remove");
        };
    }

    private static StreamCall admit(Map<String, String> fields, HookQuery hook, Action action) {
        String applicationId = hook.application()
                .orElseThrow(() -> Rejection.badRequest(
                        ErrorCode.INVALID_HOOK_URL,
                        "the hook URL names no application: configure it as " + PATH + "?application=<id>"));
        String mount = required(fields, "mount");
        Map<String, String> query = FirstValues.ofQuery(query(mount), "the query in the mount");
        Optional<String> pass = Optional.ofNullable(fields.get("pass")).filter(p -> !p.isEmpty());
        Optional<String> fromQuery = Optional.ofNullable(query.get("token")).filter(t -> !t.isEmpty());
        // A listener names its token in its URL's query; a source can send only its Basic password (ffmpeg's
        // icecast:// protocol has no query). Each falls back to the other.
        Optional<String> token = action == Action.PUBLISH ? pass.or(() -> fromQuery) : fromQuery.or(() -> pass);
        String clientKey = action == Action.PUBLISH ? sourceKey(fields) : listenerKey(fields);
        return new StreamCall(
                MEDIA_SERVER,
                clientKey,
                action,
                applicationId,
                hook.kind(),
                alias(path(mount)),
                token,
                Optional.ofNullable(fields.get("ip")).filter(ip -> !ip.isEmpty()),
                Optional.ofNullable(query.get("session")).filter(s -> !s.isEmpty()));
    }

    /** {@code <server>:<port>#<client>}: Icecast's connection ids restart with each process and server. */
    static String listenerKey(Map<String, String> fields) {
        return server(fields) + "#" + required(fields, "client");
    }

    /** {@code <server>:<port><mount path>}: {@code stream_auth} sends no connection id, and a mount has one source. */
    static String sourceKey(Map<String, String> fields) {
        return server(fields) + path(required(fields, "mount"));
    }

    private static String server(Map<String, String> fields) {
        return fields.getOrDefault("server", "") + ":" + fields.getOrDefault("port", "");
    }

    /** The channel alias a mount path names: the path without its leading {@code /} and one extension. */
    static String alias(String path) {
        String name = path.startsWith("/") ? path.substring(1) : path;
        int dot = name.lastIndexOf('.');
        return dot > 0 && dot > name.lastIndexOf('/') ? name.substring(0, dot) : name;
    }

    private static String path(String mount) {
        int question = mount.indexOf('?');
        return question < 0 ? mount : mount.substring(0, question);
    }

    private static String query(String mount) {
        int question = mount.indexOf('?');
        return question < 0 ? "" : mount.substring(question + 1);
    }

    private static String required(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null || value.isEmpty()) {
            throw Rejection.badRequest(ErrorCode.MISSING_FIELD, "the field '" + name + "' is required");
        }
        return value;
    }
}
