package dev.tollgate.server.internal.accounts;

import dev.tollgate.server.internal.http.ServerRequest;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The browser session's cookie. Under TLS it is {@code __Host-tollgate-session; Secure}; on plain HTTP (loopback
 * development) {@code tollgate-session} without {@code Secure}, because a {@code __Host-} cookie must be {@code Secure}
 * (RFC 6265bis §4.1.3.2) and Firefox and Safari refuse a {@code Secure} cookie from an {@code http://} page (Chromium
 * makes an exception for loopback only; docs/dashboard.md). Always {@code HttpOnly; SameSite=Strict; Path=/}, and no
 * {@code Max-Age}: the cookie ends with the browser, the session on the server at its timeouts. Immutable and
 * thread-safe.
 *
 * @param secure whether the server runs TLS
 */
public record SessionCookie(boolean secure) {
    public static final String SECURE_NAME = "__Host-tollgate-session";
    public static final String PLAIN_NAME = "tollgate-session";

    // What BrowserSessions issues: 256 random bits, base64url. Anything else is no session, and is not looked up.
    private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9_-]{43}");

    public String name() {
        return secure ? SECURE_NAME : PLAIN_NAME;
    }

    /** The {@code Set-Cookie} value that gives the browser the session. */
    public String set(String value) {
        return name() + "=" + value + attributes();
    }

    /** The {@code Set-Cookie} value that makes the browser forget the session. */
    public String clear() {
        return name() + "=; Max-Age=0" + attributes();
    }

    private String attributes() {
        return "; Path=/; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
    }

    /** The session cookie's value in the request's {@code Cookie} headers, if one has a well-formed one. */
    public Optional<String> value(ServerRequest request) {
        String prefix = name() + "=";
        for (String header : request.headers("Cookie")) {
            for (String pair : header.split(";")) {
                String trimmed = pair.strip();
                if (trimmed.startsWith(prefix)) {
                    String value = trimmed.substring(prefix.length());
                    if (VALUE.matcher(value).matches()) {
                        return Optional.of(value);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** Whether the request carries a cookie of the session's name at all, well-formed or not. */
    public boolean presented(ServerRequest request) {
        String prefix = name() + "=";
        for (String header : request.headers("Cookie")) {
            for (String pair : header.split(";")) {
                if (pair.strip().startsWith(prefix)) {
                    return true;
                }
            }
        }
        return false;
    }
}
