package dev.tollgate.server.internal.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.URIUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jetty's error handler ({@code Server.setErrorHandler}): answers the errors Jetty raises outside the routes (an
 * unparsable request line or header, a header section past its limit, a body past the 1 MiB cut-off) in the same JSON
 * as {@link ErrorResponder}, so that no answer is ever an HTML page or plain text, and closes the connection. The
 * message is generic: Jetty's own text may echo the hostile input; the log gets its reason on one line, escaped, and
 * never a stack trace.
 *
 * <p>Thread-safe.
 */
public final class TransportErrors implements Request.Handler {
    private static final Logger LOG = LoggerFactory.getLogger("dev.tollgate.server.rejections");
    private final Metrics metrics;
    private final Router router;

    /** {@code router} says which {@link ErrorShape} the path's route answers in. */
    public TransportErrors(Metrics metrics, Router router) {
        this.metrics = metrics;
        this.router = router;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int jettyCode = request.getAttribute(ErrorHandler.ERROR_STATUS) instanceof Integer status ? status : 500;
        Throwable cause = request.getAttribute(ErrorHandler.ERROR_EXCEPTION) instanceof Throwable t ? t : null;
        // A protocol error is the client's, whatever its status (431 for a header section too large), and so is a
        // connection it closed half-way; only a failure that is neither is ours.
        boolean clientFault = cause == null || cause instanceof HttpException || cause instanceof IOException;
        // The client's fault is never a 5xx: Jetty says 505 for an HTTP version it does not know (HTTP/1.2, HTTP/3.0
        // in an HTTP/1 request line), which monitoring counts as a server failure; it is a request that cannot be
        // read, like any other (docs/error-codes.md, bad-request).
        int code = clientFault && jettyCode >= 500 ? 400 : jettyCode;
        String ours = code == 413 ? "payload-too-large" : clientFault ? "bad-request" : "internal-error";
        String text = code == 413
                ? "the body exceeds the limit"
                : clientFault ? "the request could not be read" : "internal error; the server log has the details";
        String path = path(request);
        String reason = cause == null
                ? String.valueOf(request.getAttribute(ErrorHandler.ERROR_MESSAGE))
                : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        if (clientFault) {
            LOG.info(
                    "rejected before routing {} status={} code={} reason={}",
                    LogText.escape(path),
                    code == jettyCode ? String.valueOf(code) : code + " (HTTP layer: " + jettyCode + ")",
                    ours,
                    LogText.escape(reason));
        } else {
            // Not the client's fault: the log keeps the trace (routes answer their own failures; this is Jetty's).
            LOG.error("internal error outside the routes on {}", LogText.escape(path), cause);
        }
        metrics.rejected(ours);
        // Every value is one of the constants above, with nothing to escape: no JSON writer needed.
        String body =
                router
                        .errorShape(path)
                        .body(ours, clientFault ? "invalid_request" : "server_error", text)
                        .entrySet()
                        .stream()
                        .map(field -> "\"" + field.getKey() + "\":\"" + field.getValue() + "\"")
                        .collect(Collectors.joining(",", "{", "}"));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setStatus(code);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        response.write(true, ByteBuffer.wrap(bytes), callback);
        return true;
    }

    /**
     * The decoded path, as the routes see it: a path Jetty refused for what it encodes ({@code %0a}) is decoded here
     * so that the log shows what was asked, escaped ({@link LogText}); one that does not decode is logged as sent.
     */
    private static String path(Request request) {
        String raw = request.getHttpURI() == null ? null : request.getHttpURI().getPath();
        if (raw == null) {
            return "";
        }
        try {
            return URIUtil.decodePath(raw);
        } catch (RuntimeException undecodable) {
            return raw;
        }
    }
}
