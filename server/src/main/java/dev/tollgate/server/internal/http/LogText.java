package dev.tollgate.server.internal.http;

/**
 * Makes request-derived text safe for a log line. A decoded path such as {@code /v1/x%0aFAKE} holds a real line feed;
 * written as is, it starts a forged log line (CWE-117). Control characters, including CR, LF and the Unicode line
 * separators, are escaped as {@code \n}, {@code \r}, {@code \t} or {@code \\uXXXX}, and the text is cut at {@link
 * #MAX_LENGTH} characters so that one request cannot flood the log.
 *
 * <p>Stateless and thread-safe.
 */
public final class LogText {
    static final int MAX_LENGTH = 512;

    private LogText() {}

    /** The text with every control character escaped, at most {@link #MAX_LENGTH} characters plus a marker. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        int length = Math.min(text.length(), MAX_LENGTH);
        StringBuilder out = new StringBuilder(length + 16);
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        if (text.length() > MAX_LENGTH) {
            out.append("...(").append(text.length()).append(" chars)");
        }
        return out.toString();
    }
}
