package dev.tollgate.server.internal.http;

import java.time.Duration;
import java.util.Map;
import org.eclipse.jetty.http.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure into JSON in the shape the route was registered with ({@link ServerRequest#errorShape()}):
 * {@code {"error","error_description"}} on the OAuth2 token endpoints (RFC 6749 §5.2), {@code {"code","message"}}
 * elsewhere. Every error answer carries {@code Cache-Control: no-store}. Every rejection is
 * logged with its code and the request path, never with a credential. An unexpected exception answers 500 {@code
 * internal-error} with no stack trace on the wire; the log keeps it.
 *
 * <p>Thread-safe.
 */
public final class ErrorResponder {
    private static final Logger LOG = LoggerFactory.getLogger("dev.tollgate.server.rejections");
    /**
     * {@code Retry-After} of 503 {@code store-unavailable}. No limiter knows when the database comes back, so this is
     * a fixed figure: long enough that clients retrying together do not pile onto a database that is recovering
     * (HikariCP's connection timeout and H2's recovery of a killed file take seconds), short enough that a blip
     * costs a client little.
     */
    static final Duration STORE_UNAVAILABLE_RETRY_AFTER = Duration.ofSeconds(5);

    private final JsonResponses responses;
    private final Metrics metrics;

    public ErrorResponder(JsonResponses responses, Metrics metrics) {
        this.responses = responses;
        this.metrics = metrics;
    }

    public void reject(ServerRequest request, ServerResponse response, Rejection rejection) {
        String path = request.path();
        // The path is decoded (%0a is a real line feed) and the detail may quote the request: both are escaped.
        LOG.info(
                "rejected {} {} status={} code={}{}",
                LogText.escape(request.method()),
                LogText.escape(path),
                rejection.status(),
                rejection.code(),
                rejection.logDetail().isEmpty() ? "" : " detail=" + LogText.escape(rejection.logDetail()));
        metrics.rejected(rejection.code());
        rejection.headers().forEach(response::header);
        response.header("Cache-Control", "no-store");
        Map<String, String> body =
                request.errorShape().body(rejection.code(), rejection.oauthError(), rejection.getMessage());
        responses.send(response, rejection.status(), body);
    }

    /**
     * A failure the route did not expect. Jetty's own request errors raised while the body is read (broken chunking,
     * a body past the limit) keep their 4xx status; a database that does not answer is 503; anything else is 500.
     */
    public void unexpected(ServerRequest request, ServerResponse response, Throwable e) {
        if (e instanceof HttpException http && http.getCode() >= 400 && http.getCode() < 500 && !response.isSent()) {
            int status = http.getCode();
            ErrorCode code = status == 413 ? ErrorCode.PAYLOAD_TOO_LARGE : ErrorCode.BAD_REQUEST;
            reject(
                    request,
                    response,
                    Rejection.of(status, code, "the request could not be read")
                            .logDetail(e.getClass().getSimpleName() + ": " + http.getReason()));
            return;
        }
        if (isStoreFull(e) && !response.isSent()) {
            // A full disk is an outage of writes only: one line (no trace: every write would log one), and the same
            // fail-closed answer as a database that does not answer, under its own code so operators know what to do.
            LOG.warn(
                    "database full on {} {}: {}",
                    LogText.escape(request.method()),
                    LogText.escape(request.path()),
                    rootCause(e));
            reject(
                    request,
                    response,
                    Rejection.of(503, ErrorCode.STORE_FULL, "the database has no space left to write; try again later")
                            .oauth("temporarily_unavailable")
                            .header(
                                    "Retry-After",
                                    Long.toString(Rejection.retryAfterSeconds(STORE_UNAVAILABLE_RETRY_AFTER))));
            return;
        }
        if (isStoreUnavailable(e) && !response.isSent()) {
            // Fail closed, and say so: nothing is allowed while the database cannot answer (RFC 6749 §4.1.2.1
            // names the OAuth2 error), and the client learns to retry rather than that it was refused.
            LOG.warn(
                    "database unavailable on {} {}: {}",
                    LogText.escape(request.method()),
                    LogText.escape(request.path()),
                    e.toString());
            reject(
                    request,
                    response,
                    Rejection.of(503, ErrorCode.STORE_UNAVAILABLE, "the database is unavailable; try again shortly")
                            .oauth("temporarily_unavailable")
                            .header(
                                    "Retry-After",
                                    Long.toString(Rejection.retryAfterSeconds(STORE_UNAVAILABLE_RETRY_AFTER))));
            return;
        }
        LOG.error("internal error on {} {}", LogText.escape(request.method()), LogText.escape(request.path()), e);
        metrics.rejected("internal-error");
        if (response.isSent()) {
            return;
        }
        response.header("Cache-Control", "no-store");
        responses.send(
                response,
                500,
                request.errorShape()
                        .body("internal-error", "server_error", "internal error; the server log has the details"));
    }

    /**
     * SQLSTATE classes of a database that cannot serve (SQL:2011, PostgreSQL appendix A): 08 connection exception, 53
     * insufficient resources, 57 operator intervention (shutdown, cannot connect now).
     */
    private static boolean unavailableState(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("53") || state.startsWith("57"));
    }

    /**
     * Whether the failure is a database write that found no space: PostgreSQL's SQLSTATE 53100 ({@code disk_full}), or
     * the operating system's ENOSPC or EDQUOT under H2 (its MVStore wraps the {@link java.io.IOException}).
     */
    static boolean isStoreFull(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql && "53100".equals(sql.getSQLState())) {
                return true;
            }
            if (cause instanceof java.io.IOException io
                    && io.getMessage() != null
                    && (io.getMessage().contains("No space left on device")
                            || io.getMessage().contains("Disk quota exceeded"))) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    private static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /** Whether the failure is the database not answering (down, unreachable, pool timed out). */
    private static boolean isStoreUnavailable(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLTransientException
                    || cause instanceof java.sql.SQLNonTransientConnectionException
                    || cause instanceof java.sql.SQLRecoverableException
                    || (cause instanceof java.sql.SQLException sql && unavailableState(sql.getSQLState()))) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
