package dev.tollgate.server.internal.hooks;

import dev.tollgate.server.internal.http.ErrorCode;
import dev.tollgate.server.internal.http.FormEncoding;
import dev.tollgate.server.internal.http.Rejection;
import dev.tollgate.server.internal.registry.Channel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The query of a hook URL as the operator wrote it in the media server's configuration ({@code
 * on_publish http://127.0.0.1:8080/hooks/nginx-rtmp/publish?application=...}): nginx-rtmp appends its form to the
 * body and leaves the hook URL's own query in the URL, and nginx's {@code auth_request} forwards it likewise, so the
 * query is the operator's, never the client's.
 *
 * <p>Immutable and thread-safe.
 *
 * @param application the application whose channels the hook serves; empty = the media server names it (the RTMP
 *     {@code app}, the first segment of an HLS stream's directory)
 * @param kind whether stream names are channel aliases (the default) or room aliases ({@code kind=room})
 * @param node the media server's name, so that two nginx processes on one host keep their connections apart
 *     (nginx-rtmp numbers its connections per process); empty = the address the hook is called from
 * @param uriHeader the header carrying the original URI ({@code auth_request}); empty = {@code X-Original-URI}
 */
record HookQuery(Optional<String> application, Channel.Kind kind, Optional<String> node, Optional<String> uriHeader) {
    static final Set<String> PARAMETERS = Set.of("application", "kind", "node", "header");

    static final HookQuery DEFAULT =
            new HookQuery(Optional.empty(), Channel.Kind.CHANNEL, Optional.empty(), Optional.empty());

    /**
     * Reads {@code rawQuery} (null = none). A misconfigured hook URL is refused with {@code refusalStatus} and the code
     * {@code invalid-hook-url}: an unknown parameter, a repeated one, an empty value, a kind other than channel or
     * room. Refused rather than ignored: a typo such as {@code aplication=} would otherwise send every stream to
     * another application.
     */
    static HookQuery parse(String rawQuery, int refusalStatus) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return DEFAULT;
        }
        List<FormEncoding.Field> fields;
        try {
            fields = FormEncoding.fields(rawQuery, ErrorCode.INVALID_HOOK_URL, "the hook URL's query");
        } catch (Rejection e) {
            throw refused(refusalStatus, "the hook URL's query has a malformed percent-escape");
        }
        Map<String, String> values = new HashMap<>();
        for (FormEncoding.Field field : fields) {
            if (!PARAMETERS.contains(field.name())) {
                throw refused(refusalStatus, "the hook URL has an unknown parameter; known: " + PARAMETERS);
            }
            if (field.value().isEmpty()) {
                throw refused(refusalStatus, "the hook URL's parameter " + field.name() + " is empty");
            }
            if (values.putIfAbsent(field.name(), field.value()) != null) {
                throw refused(refusalStatus, "the hook URL's parameter " + field.name() + " is repeated");
            }
        }
        String kind = values.get("kind");
        Channel.Kind parsedKind = kind == null
                ? Channel.Kind.CHANNEL
                : Channel.Kind.fromWire(kind)
                        .orElseThrow(() -> refused(refusalStatus, "the hook URL's kind is channel or room"));
        return new HookQuery(
                Optional.ofNullable(values.get("application")),
                parsedKind,
                Optional.ofNullable(values.get("node")),
                Optional.ofNullable(values.get("header")));
    }

    private static Rejection refused(int status, String message) {
        return Rejection.of(status, ErrorCode.INVALID_HOOK_URL, message);
    }
}
