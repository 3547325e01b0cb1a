package dev.tollgate.server.internal.hooks;

import dev.tollgate.server.internal.http.ErrorCode;
import dev.tollgate.server.internal.http.FormEncoding;
import dev.tollgate.server.internal.http.Rejection;
import dev.tollgate.server.internal.http.StrictUtf8;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The form nginx-rtmp posts to its {@code on_*} hooks: its own fields ({@code call, app, name, addr, clientid,
 * flashver, swfurl, tcurl, pageurl, type}, ...) followed by the client's query string appended raw ({@code
 * &token=...&session=...}). The first value of a repeated field wins: nginx's own fields come first, so a client that
 * appends {@code &addr=...} or {@code &app=...} to its URL cannot replace them.
 *
 * <p>Immutable and thread-safe.
 */
record NginxRtmpForm(Map<String, String> fields) {

    NginxRtmpForm {
        fields = Map.copyOf(fields);
    }

    /**
     * Reads a form body.
     *
     * @throws Rejection 400 {@code malformed-form} when the body is not UTF-8 or has a malformed percent-escape
     */
    static NginxRtmpForm parse(byte[] body) {
        String text = StrictUtf8.decode(body)
                .orElseThrow(() -> Rejection.badRequest(ErrorCode.MALFORMED_FORM, "the form body is not valid UTF-8"));
        Map<String, String> fields = new LinkedHashMap<>();
        for (FormEncoding.Field field : FormEncoding.fields(text, ErrorCode.MALFORMED_FORM, "the form body")) {
            fields.putIfAbsent(field.name(), field.value());
        }
        return new NginxRtmpForm(fields);
    }

    /** The first value of {@code name}; empty when it is absent or empty. */
    Optional<String> value(String name) {
        return Optional.ofNullable(fields.get(name)).filter(value -> !value.isEmpty());
    }

    /**
     * The first value of {@code name}.
     *
     * @throws Rejection 400 {@code missing-parameter} when it is absent or empty: nginx-rtmp always sends it
     */
    String required(String name) {
        return value(name)
                .orElseThrow(() -> Rejection.badRequest(
                        ErrorCode.MISSING_PARAMETER, "the form has no " + name + "; is this nginx-rtmp?"));
    }
}
