package dev.tollgate.server.internal.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes {@code application/x-www-form-urlencoded} text, a token request's body and a query string alike (WHATWG URL,
 * "application/x-www-form-urlencoded parsing": {@code +} is a space, {@code %XX} a byte, then UTF-8), strictly: a
 * malformed percent-escape or bytes that are not UTF-8 are refused. {@link java.net.URLDecoder} would turn {@code %ff}
 * into U+FFFD silently, so a scope, a secret or a tag could arrive altered instead of refused.
 *
 * <p>Stateless and thread-safe.
 */
public final class FormEncoding {
    /** One pair, decoded; a pair without {@code =} has the empty value. */
    public record Field(String name, String value) {}

    private FormEncoding() {}

    /**
     * The pairs in {@code text}, in order and with repeats; empty pairs ({@code a=1&&b=2}) are skipped.
     *
     * @param code the refusal code when {@code text} cannot be decoded
     * @param source what {@code text} is, for the message: "the form body", "the query string"
     * @throws Rejection 400 {@code code} on a malformed percent-escape or a decoded value that is not UTF-8
     */
    public static List<Field> fields(String text, ErrorCode code, String source) {
        List<Field> fields = new ArrayList<>();
        for (String pair : text.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals), code, source);
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1), code, source);
            fields.add(new Field(name, value));
        }
        return fields;
    }

    private static String decode(String text, ErrorCode code, String source) {
        byte[] raw = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length);
        for (int i = 0; i < raw.length; i++) {
            byte b = raw[i];
            if (b == '+') {
                out.write(' ');
            } else if (b == '%') {
                int high = i + 2 < raw.length ? hex(raw[i + 1]) : -1;
                int low = i + 2 < raw.length ? hex(raw[i + 2]) : -1;
                if (high < 0 || low < 0) {
                    throw Rejection.badRequest(code, source + " has a malformed percent-escape");
                }
                out.write(high << 4 | low);
                i += 2;
            } else {
                out.write(b);
            }
        }
        return StrictUtf8.decode(out.toByteArray())
                .orElseThrow(() ->
                        Rejection.badRequest(code, "a percent-encoded value in " + source + " is not valid UTF-8"));
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }
}
