package dev.tollgate.server.internal.access;

import dev.tollgate.server.internal.http.ServerRequest;
import dev.tollgate.server.internal.http.StrictUtf8;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the {@code Authorization} header presents: HTTP Basic (RFC 7617) or a Bearer token (RFC 6750 §2.1). Hostile
 * input (repeated headers, bad base64, invalid UTF-8, control characters, oversized values) yields {@link
 * Presented.Malformed}, never an exception.
 */
public final class Credentials {
    /** Longer than any token we issue; an Authorization header beyond it is refused unread. */
    static final int MAX_LENGTH = 4096;

    // RFC 6750 §2.1 b64token; EdgeAuth tokens add their "DIGEST:" prefix, whose colon b64token lacks.
    private static final Pattern TOKEN68 = Pattern.compile("(DIGEST:)?[A-Za-z0-9\\-._~+/]+=*");

    private Credentials() {}

    /** What an Authorization header presented. Immutable and thread-safe. */
    public sealed interface Presented {}

    public record None() implements Presented {}

    public record Basic(String user, String password) implements Presented {
        @Override
        public String toString() {
            return "Basic[user=" + user + "]";
        }
    }

    public record Bearer(String token) implements Presented {
        @Override
        public String toString() {
            return "Bearer[...]";
        }
    }

    /** @param reason why, safe to log and to answer (contains no part of the header) */
    public record Malformed(String reason) implements Presented {}

    public static Presented of(ServerRequest request) {
        List<String> values = request.headers("Authorization");
        if (values.isEmpty()) {
            return new None();
        }
        if (values.size() > 1) {
            return new Malformed("more than one Authorization header");
        }
        return parse(values.getFirst());
    }

    static Presented parse(String header) {
        if (header.length() > MAX_LENGTH) {
            return new Malformed("the Authorization header is too long");
        }
        String[] parts = header.strip().split(" +", 2);
        if (parts.length != 2) {
            return new Malformed("the Authorization header must be '<scheme> <credentials>'");
        }
        String scheme = parts[0].toLowerCase(Locale.ROOT);
        String value = parts[1].strip();
        return switch (scheme) {
            case "basic" -> basic(value);
            case "bearer" ->
                TOKEN68.matcher(value).matches()
                        ? new Bearer(value)
                        : new Malformed("the Bearer token has characters outside RFC 6750 b64token");
            default -> new Malformed("unsupported authorization scheme; use Basic or Bearer");
        };
    }

    private static Presented basic(String value) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            return new Malformed("the Basic credentials are not base64");
        }
        Optional<String> decoded = StrictUtf8.decode(bytes);
        if (decoded.isEmpty()) {
            return new Malformed("the Basic credentials are not UTF-8");
        }
        String text = decoded.get();
        int colon = text.indexOf(':');
        if (colon <= 0) {
            return new Malformed("the Basic credentials must be 'id:secret'");
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                return new Malformed("the Basic credentials contain control characters");
            }
        }
        return new Basic(text.substring(0, colon), text.substring(colon + 1));
    }

    /** The client address for rate limiting: the TCP peer (a proxy in front must be trusted explicitly; it is not). */
    public static String clientAddress(ServerRequest request) {
        String host = request.remoteAddress();
        return host == null ? "unknown" : host;
    }
}
