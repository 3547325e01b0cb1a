package dev.tollgate.server.internal.http;

import dev.tollgate.edge.DenialCode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A request refused with a stable code, carrying a status and a safe message. Endpoints throw it from deep inside
 * request parsing; the {@link Router} hands it to {@link ErrorResponder}, which turns it into the JSON answer. It
 * carries no stack trace: it is an expected outcome, not a fault.
 *
 * <p>The {@link #message()} goes to the client and must be safe: never a secret, never a token. The {@link
 * #logDetail()} goes to the log only.
 *
 * <p>Immutable and thread-safe.
 */
public final class Rejection extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final String oauthError;
    private final String logDetail;
    private final transient Map<String, String> headers;

    private Rejection(
            int status, String code, String message, String oauthError, String logDetail, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.code = Objects.requireNonNull(code, "code");
        this.oauthError = Objects.requireNonNull(oauthError, "oauthError");
        this.logDetail = logDetail;
        this.headers = Map.copyOf(headers);
    }

    /** A rejection whose OAuth2 error code follows from the status (RFC 6749 §5.2, RFC 6750 §3.1). */
    public static Rejection of(int status, ErrorCode code, String message) {
        return of(status, code.code(), message);
    }

    /**
     * A refusal with the edge's own code ({@code /v1/edge/authorize}, sessions, hooks, token references): the code
     * is the denial's, so that the wire, the log and the explain view's trace say the same word.
     */
    public static Rejection refusal(int status, DenialCode code, String message) {
        return of(status, code.code(), message);
    }

    private static Rejection of(int status, String code, String message) {
        String oauth = switch (status) {
            case 401 -> "invalid_client";
            case 403 -> "insufficient_scope";
            case 404 -> "not_found";
            case 413 -> "invalid_request";
            case 415 -> "invalid_request";
            case 429 -> "too_many_requests";
            default -> status >= 500 ? "server_error" : "invalid_request";
        };
        return new Rejection(status, code, message, oauth, "", Map.of());
    }

    public static Rejection badRequest(ErrorCode code, String message) {
        return of(400, code, message);
    }

    /**
     * The one 429 (RFC 6585 §4) every limiter answers with, its {@code Retry-After} the limiter's own wait until the
     * next permit ({@link #retryAfterSeconds}).
     */
    public static Rejection tooManyRequests(ErrorCode code, String message, Duration wait) {
        return of(429, code, message).header("Retry-After", Long.toString(retryAfterSeconds(wait)));
    }

    /**
     * A wait as {@code Retry-After} delay-seconds (RFC 9110 §10.2.3: a whole number): rounded up, so that a client
     * that waits as told finds the permit there, and at least 1, since 0 would invite an immediate retry.
     */
    public static long retryAfterSeconds(Duration wait) {
        long seconds = wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }

    /** The same rejection with another OAuth2 {@code error} value, for the OAuth2 paths. */
    public Rejection oauth(String error) {
        return new Rejection(status, code, getMessage(), error, logDetail, headers);
    }

    /** The same rejection with a response header. */
    public Rejection header(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Rejection(status, code, getMessage(), oauthError, logDetail, more);
    }

    /** The same rejection with detail for the log only (which rule, which value; never a secret). */
    public Rejection logDetail(String detail) {
        return new Rejection(status, code, getMessage(), oauthError, detail, headers);
    }

    public int status() {
        return status;
    }

    /** The stable kebab-case code, e.g. {@code malformed-json}. */
    public String code() {
        return code;
    }

    /** The RFC 6749 {@code error} value used on the OAuth2 paths. */
    public String oauthError() {
        return oauthError;
    }

    public String logDetail() {
        return logDetail;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
