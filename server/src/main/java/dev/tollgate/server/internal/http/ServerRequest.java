package dev.tollgate.server.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * What an endpoint reads of a request: method, decoded path and its template parameters, headers, query and body. A
 * thin view of Jetty's core {@link Request}, so that endpoints name only what they use.
 *
 * <p>Not thread-safe; one per request, read by the thread that handles it.
 */
public final class ServerRequest {
    /** How long an answer waits for the rest of a body it did not read ({@link #discard}). */
    static final Duration DISCARD_TIME = Duration.ofSeconds(2);

    private final Request request;
    private final String path;
    private final Map<String, String> pathParameters;
    private final ErrorShape errorShape;

    ServerRequest(Request request, String path, Map<String, String> pathParameters, ErrorShape errorShape) {
        this.request = request;
        this.path = path;
        this.pathParameters = Map.copyOf(pathParameters);
        this.errorShape = errorShape;
    }

    /** The shape the matched route answers its errors in ({@link ErrorShape#TOLLGATE} when no route matched). */
    public ErrorShape errorShape() {
        return errorShape;
    }

    /** The method as sent, e.g. {@code GET}. */
    public String method() {
        return request.getMethod();
    }

    /** The decoded path ({@code %0a} is a real line feed: escape it before logging, {@link LogText}). */
    public String path() {
        return path;
    }

    /**
     * The value of the template parameter {@code name} of the matched route ({@code {id}} in {@code
     * /v1/sessions/{id}}), decoded.
     *
     * @throws IllegalArgumentException when the route has no such parameter
     */
    public String pathParameter(String name) {
        String value = pathParameters.get(name);
        if (value == null) {
            throw new IllegalArgumentException(
                    "the route has no path parameter " + name + "; it has " + pathParameters.keySet());
        }
        return value;
    }

    /** The first value of the header {@code name}. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(request.getHeaders().get(name));
    }

    /** Every value of the header {@code name}, one per header line, in the order sent. */
    public List<String> headers(String name) {
        return request.getHeaders().getValuesList(name);
    }

    /** The declared {@code Content-Length}, or -1 when none was declared (an absent or a chunked body). */
    public long contentLength() {
        return request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
    }

    /** The query string as sent, not decoded; null when there is none. */
    public String rawQuery() {
        return request.getHttpURI().getQuery();
    }

    /**
     * The decoded values of the query parameter {@code name}: the query string is form-encoded, decoded as strictly
     * as a form body ({@link FormEncoding}).
     *
     * @throws Rejection 400 {@code invalid-parameter} when the query string cannot be decoded
     */
    public List<String> queryValues(String name) {
        String query = rawQuery();
        if (query == null) {
            return List.of();
        }
        return FormEncoding.fields(query, ErrorCode.INVALID_PARAMETER, "the query string").stream()
                .filter(field -> field.name().equals(name))
                .map(FormEncoding.Field::value)
                .toList();
    }

    /** The TCP peer's address (a proxy in front is not trusted to name another). */
    public String remoteAddress() {
        return Request.getRemoteAddr(request);
    }

    /** The body, read as it arrives; reading it again after the end yields nothing. */
    public InputStream body() {
        return Content.Source.asInputStream(request);
    }

    /**
     * Reads what is left of the body and drops it ({@link #discard}); a body that is already read, or that broke, is
     * left as it is.
     */
    void discardBody() {
        if (hasNoBody()) {
            // RFC 9112 §6.3: a request with neither Content-Length nor Transfer-Encoding has no body. Most requests
            // (every GET, HEAD and hook callback without a body) end here without a stream or a buffer.
            return;
        }
        try (InputStream in = body()) {
            discard(in);
        } catch (IOException | RuntimeException broken) {
            // A body that cannot be read (broken chunking, a failure already reported): Jetty closes the connection.
        }
    }

    /**
     * Reads the rest of a body and drops it, for at most {@link #DISCARD_TIME}; the HTTP layer's 1 MiB cut-off bounds
     * the bytes. Every answer waits for it: a body left unread, because it was refused before it was read (401,
     * 413, 415), makes Jetty close the connection after the answer, and a client then either loses the answer to the
     * connection reset while it is still sending, or sends its next request into a connection it believes kept alive.
     */
    private boolean hasNoBody() {
        HttpFields headers = request.getHeaders();
        if (headers.contains(HttpHeader.TRANSFER_ENCODING)) {
            return false;
        }
        String length = headers.get(HttpHeader.CONTENT_LENGTH);
        return length == null || length.equals("0");
    }

    static void discard(InputStream in) throws IOException {
        if (in.read() < 0) {
            // Already read to the end, as every body an endpoint read is: no buffer needed.
            return;
        }
        byte[] buffer = new byte[16 * 1024];
        long deadline = System.nanoTime() + DISCARD_TIME.toNanos();
        while (System.nanoTime() - deadline < 0 && in.read(buffer) >= 0) {
            // Dropped.
        }
    }
}
