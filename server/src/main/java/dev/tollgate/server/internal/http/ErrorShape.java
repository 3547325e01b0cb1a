package dev.tollgate.server.internal.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The two JSON bodies an error answer can have. A route says which one its clients expect when it is registered
 * ({@link Routes}); the {@link Router} puts it on the request ({@link ServerRequest#errorShape()}), so that {@link
 * ErrorResponder} and {@link TransportErrors} ask the route rather than keep a list of paths.
 */
public enum ErrorShape {
    /** {@code {"code","message"}}: the stable kebab-case code of {@code docs/error-codes.md}. */
    TOLLGATE,
    /** {@code {"error","error_description"}} (RFC 6749 §5.2), for the OAuth2 token endpoints and their clients. */
    OAUTH;

    /**
     * The error body in this shape.
     *
     * @param code the kebab-case code ({@link #TOLLGATE})
     * @param oauthError the RFC 6749 {@code error} value ({@link #OAUTH})
     * @param message the safe message for the client
     */
    Map<String, String> body(String code, String oauthError, String message) {
        Map<String, String> body = new LinkedHashMap<>();
        switch (this) {
            case TOLLGATE -> {
                body.put("code", code);
                body.put("message", message);
            }
            case OAUTH -> {
                body.put("error", oauthError);
                body.put("error_description", message);
            }
        }
        return body;
    }
}
