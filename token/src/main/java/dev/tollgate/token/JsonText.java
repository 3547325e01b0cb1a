package dev.tollgate.token;

import java.nio.charset.StandardCharsets;

/**
 * Compact JSON output that escapes exactly as the reference Java library's writer (javax.json, Glassfish): {@code "}
 * and {@code \} with a backslash, {@code \b \f \n \r \t} by name, other characters below U+0020 as {@code \}{@code
 * u00xx} in lower case, and everything else, non-ASCII and {@code /} included, as is. Byte-identical tokens depend on
 * it, so no general-purpose JSON writer is used.
 */
final class JsonText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonText() {}

    static void writeString(StringBuilder out, String value) {
        out.append('"');
        int length = value.length();
        int start = 0;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            out.append(value, start, i);
            start = i + 1;
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        out.append(value, start, length).append('"');
    }

    /** The value's JSON string form, quotes included, in UTF-8. */
    static byte[] quotedUtf8(String value) {
        return string(value).getBytes(StandardCharsets.UTF_8);
    }

    /** The value escaped for the inside of a JSON string, quotes excluded, in UTF-8. */
    static byte[] escapedUtf8(String value) {
        String quoted = string(value);
        return quoted.substring(1, quoted.length() - 1).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The UTF-8 bytes of JSON text escaped for the inside of a JSON string: {@code "} and {@code \} each behind a
     * backslash. Equals {@link #escapedUtf8(String)} of the text whenever the text is what {@link #writeString} writes
     * (no raw control character, which it always escapes), in one pass over bytes: in UTF-8 neither byte occurs inside
     * a multi-byte sequence. A fresh builder escapes its claims once per token, so this is on the minting path.
     */
    static byte[] escapedJsonUtf8(byte[] json) {
        int extra = 0;
        for (byte b : json) {
            if (b == '"' || b == '\\') {
                extra++;
            } else if (b >= 0 && b < 0x20) {
                // Not what writeString writes: the general path escapes it as the reference does.
                return escapedUtf8(new String(json, StandardCharsets.UTF_8));
            }
        }
        byte[] escaped = new byte[json.length + extra];
        int at = 0;
        for (byte b : json) {
            if (b == '"' || b == '\\') {
                escaped[at++] = '\\';
            }
            escaped[at++] = b;
        }
        return escaped;
    }

    static String string(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2);
        writeString(out, value);
        return out.toString();
    }
}
