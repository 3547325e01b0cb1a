package dev.tollgate.server.internal;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the errors Helidon raises before routing (an unparsable request line or header, headers too large, a body
 * past the 1 MiB cut-off) in the same JSON as {@link ErrorResponder}, so that no answer is ever plain text. The
 * message is generic: Helidon's own text may echo the hostile input. Thread-safe.
 */
public final class TransportErrors implements DirectHandler {
    private static final Logger LOG = LoggerFactory.getLogger("dev.tollgate.server.rejections");
    private static final Set<String> OAUTH_PATHS = Set.of("/v1/auth/token", "/oauth2/token", "/v2/client-access-token");

    private final Metrics metrics;

    public TransportErrors(Metrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public TransportResponse handle(
            TransportRequest request,
            EventType eventType,
            Status status,
            ServerResponseHeaders headers,
            String message) {
        int code = status.code();
        String ours = code == 413 ? "payload-too-large" : code < 500 ? "bad-request" : "internal-error";
        String text = code == 413
                ? "the body exceeds the limit"
                : code < 500 ? "the request could not be read" : "internal error; the server log has the details";
        String path = request.path() == null ? "" : request.path().split("\\?", 2)[0];
        LOG.info("rejected before routing {} status={} code={} event={}", LogText.escape(path), code, ours, eventType);
        metrics.rejected(ours);
        String body = OAUTH_PATHS.contains(path)
                ? "{\"error\":\"" + (code < 500 ? "invalid_request" : "server_error") + "\",\"error_description\":\""
                        + text + "\"}"
                : "{\"code\":\"" + ours + "\",\"message\":\"" + text + "\"}";
        return TransportResponse.builder()
                .status(status)
                .headers(headers)
                .header(HeaderNames.CONTENT_TYPE, "application/json")
                .header(HeaderNames.CACHE_CONTROL, "no-store")
                .entity(body.getBytes(StandardCharsets.UTF_8))
                .keepAlive(false)
                .build();
    }
}
