package dev.tollgate.server.internal;

import io.helidon.common.uri.UriQuery;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.ServerResponseTrailers;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.OutputStream;
import java.util.function.UnaryOperator;

/**
 * The response to a {@code HEAD} request: what the GET answer would be, status and headers with its {@code
 * Content-Length}, and no body (RFC 9110 §9.3.2, §8.6). Helidon writes whatever body a handler sends, HEAD or not, and
 * a body after a HEAD answer would be read as the start of the next answer on the connection.
 *
 * <p>Not thread-safe; one per request, as the response it wraps.
 */
final class HeadResponse implements ServerResponse {
    private final ServerResponse response;

    private HeadResponse(ServerResponse response) {
        this.response = response;
    }

    /** {@code response} itself, or for a HEAD request the response that sends headers only. */
    static ServerResponse of(ServerRequest request, ServerResponse response) {
        return request.prologue().method().equals(Method.HEAD) && !(response instanceof HeadResponse)
                ? new HeadResponse(response)
                : response;
    }

    @Override
    public ServerResponse status(Status status) {
        response.status(status);
        return this;
    }

    @Override
    public Status status() {
        return response.status();
    }

    @Override
    public ServerResponse header(Header header) {
        response.header(header);
        return this;
    }

    @Override
    public void send() {
        response.send();
    }

    @Override
    public void send(byte[] bytes) {
        sendHeaders(bytes.length);
    }

    /** The headers GET's answer would have, with its length, and no body. */
    private void sendHeaders(long length) {
        response.header(HeaderNames.CONTENT_LENGTH, String.valueOf(length));
        response.send();
    }

    @Override
    public void send(Object entity) {
        // Only bytes can be measured without serialising the entity; a HEAD answer may go without a length (RFC 9110
        // §9.3.2), so the headers go out alone.
        response.send();
    }

    @Override
    public boolean isSent() {
        return response.isSent();
    }

    @Override
    public OutputStream outputStream() {
        // The body is counted, never written: on close the headers go out with the length GET's answer would have.
        return new OutputStream() {
            private long length;
            private boolean closed;

            @Override
            public void write(int b) {
                length++;
            }

            @Override
            public void write(byte[] bytes, int offset, int count) {
                java.util.Objects.checkFromIndexSize(offset, count, bytes.length);
                length += count;
            }

            @Override
            public void close() {
                if (!closed) {
                    closed = true;
                    sendHeaders(length);
                }
            }
        };
    }

    @Override
    public long bytesWritten() {
        return response.bytesWritten();
    }

    @Override
    public ServerResponse whenSent(Runnable listener) {
        response.whenSent(listener);
        return this;
    }

    @Override
    public ServerResponse reroute(String newPath) {
        response.reroute(newPath);
        return this;
    }

    @Override
    public ServerResponse reroute(String path, UriQuery query) {
        response.reroute(path, query);
        return this;
    }

    @Override
    public ServerResponse next() {
        response.next();
        return this;
    }

    @Override
    public ServerResponseHeaders headers() {
        return response.headers();
    }

    @Override
    public ServerResponseTrailers trailers() {
        return response.trailers();
    }

    @Override
    public void streamResult(String result) {
        response.streamResult(result);
    }

    @Override
    public void streamFilter(UnaryOperator<OutputStream> filterFunction) {
        response.streamFilter(filterFunction);
    }
}
