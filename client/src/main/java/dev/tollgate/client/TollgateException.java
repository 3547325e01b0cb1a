package dev.tollgate.client;

import java.util.Optional;

/**
 * A call to Tollgate failed. {@link #code()} is the server's stable code ({@code invalid_client},
 * {@code insufficient_scope}, {@code malformed-json}, ...) or one of the client's own: {@code unreachable}, {@code
 * timeout}, {@code bad-response}, or {@code http-NNN} for an error status whose body carries no code (a proxy's
 * page). docs/error-codes.md lists them. The message is the server's safe description. Immutable and thread-safe.
 */
public final class TollgateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The server could not be reached (connection refused, DNS, TLS). */
    public static final String UNREACHABLE = "unreachable";

    /** No answer within the client's timeout. */
    public static final String TIMEOUT = "timeout";

    /** The answer was not the JSON the contract promises. */
    public static final String BAD_RESPONSE = "bad-response";

    private final String code;
    private final int status;

    TollgateException(String code, String message, int status, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.status = status;
    }

    /** The stable error code. */
    public String code() {
        return code;
    }

    /** The HTTP status, when the server answered. */
    public Optional<Integer> status() {
        return status > 0 ? Optional.of(status) : Optional.empty();
    }

    @Override
    public String toString() {
        return "TollgateException[" + code + (status > 0 ? ", HTTP " + status : "") + "]: " + getMessage();
    }
}
