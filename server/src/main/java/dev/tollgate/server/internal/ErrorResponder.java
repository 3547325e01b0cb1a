package dev.tollgate.server.internal;

import io.helidon.http.HeaderNames;
import io.helidon.http.HttpException;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure into JSON: {@code {"error","error_description"}} on the OAuth2 paths (RFC 6749 §5.2), {@code
 * {"code","message"}} elsewhere. Every error answer carries {@code Cache-Control: no-store}. Every rejection is
 * logged with its code and the request path, never with a credential. An unexpected exception answers 500 {@code
 * internal-error} with no stack trace on the wire; the log keeps it.
 *
 * <p>Thread-safe.
 */
public final class ErrorResponder {
    private static final Logger LOG = LoggerFactory.getLogger("dev.tollgate.server.rejections");
    private static final Set<String> OAUTH_PATHS = Set.of("/v1/auth/token", "/oauth2/token", "/v2/client-access-token");

    private final JsonResponses responses;
    private final Metrics metrics;

    public ErrorResponder(JsonResponses responses, Metrics metrics) {
        this.responses = responses;
        this.metrics = metrics;
    }

    public void reject(ServerRequest request, ServerResponse anyResponse, Rejection rejection) {
        // An error answer to HEAD has no body either (RFC 9110 §9.3.2).
        ServerResponse response = HeadResponse.of(request, anyResponse);
        String path = request.path().path();
        // The path is decoded (%0a is a real line feed) and the detail may quote the request: both are escaped.
        LOG.info(
                "rejected {} {} status={} code={}{}",
                request.prologue().method().text(),
                LogText.escape(path),
                rejection.status(),
                rejection.code(),
                rejection.logDetail().isEmpty() ? "" : " detail=" + LogText.escape(rejection.logDetail()));
        metrics.rejected(rejection.code());
        rejection.headers().forEach(response::header);
        response.header(HeaderNames.CACHE_CONTROL, "no-store");
        Map<String, String> body = new LinkedHashMap<>();
        if (OAUTH_PATHS.contains(path)) {
            body.put("error", rejection.oauthError());
            body.put("error_description", rejection.getMessage());
        } else {
            body.put("code", rejection.code());
            body.put("message", rejection.getMessage());
        }
        responses.send(response, rejection.status(), body);
    }

    /** Helidon's own request errors (bad chunking, oversized entity) keep their 4xx status. */
    public void httpException(ServerRequest request, ServerResponse anyResponse, HttpException e) {
        // An error answer to HEAD has no body either (RFC 9110 §9.3.2).
        ServerResponse response = HeadResponse.of(request, anyResponse);
        int status = e.status().code();
        if (status >= 400 && status < 500) {
            String code = status == 413 ? "payload-too-large" : "bad-request";
            reject(
                    request,
                    response,
                    Rejection.of(status, code, "the request could not be read").logDetail(e.getMessage()));
        } else {
            unexpected(request, response, e);
        }
    }

    public void unexpected(ServerRequest request, ServerResponse anyResponse, Throwable e) {
        // An error answer to HEAD has no body either (RFC 9110 §9.3.2).
        ServerResponse response = HeadResponse.of(request, anyResponse);
        if (isStoreUnavailable(e) && !response.isSent()) {
            // Fail closed, and say so: nothing is allowed while the database cannot answer (RFC 6749 §4.1.2.1
            // names the OAuth2 error), and the client learns to retry rather than that it was refused.
            LOG.warn(
                    "database unavailable on {} {}: {}",
                    request.prologue().method().text(),
                    LogText.escape(request.path().path()),
                    e.toString());
            reject(
                    request,
                    response,
                    Rejection.of(503, "store-unavailable", "the database is unavailable; try again shortly")
                            .oauth("temporarily_unavailable")
                            .header("Retry-After", "5"));
            return;
        }
        LOG.error(
                "internal error on {} {}",
                request.prologue().method().text(),
                LogText.escape(request.path().path()),
                e);
        metrics.rejected("internal-error");
        if (response.isSent()) {
            return;
        }
        response.header(HeaderNames.CACHE_CONTROL, "no-store");
        Map<String, String> body = new LinkedHashMap<>();
        if (OAUTH_PATHS.contains(request.path().path())) {
            body.put("error", "server_error");
            body.put("error_description", "internal error; the server log has the details");
        } else {
            body.put("code", "internal-error");
            body.put("message", "internal error; the server log has the details");
        }
        responses.send(response, 500, body);
    }

    /**
     * SQLSTATE classes of a database that cannot serve (SQL:2011, PostgreSQL appendix A): 08 connection exception, 53
     * insufficient resources, 57 operator intervention (shutdown, cannot connect now).
     */
    private static boolean unavailableState(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("53") || state.startsWith("57"));
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
