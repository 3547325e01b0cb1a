package dev.tollgate.server.internal.http;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * What an endpoint writes: a status, headers, and one body sent whole with its {@code Content-Length}. A thin view of
 * Jetty's core {@link Response}; {@link #send(byte[])} completes the request's {@link Callback}. To a {@code HEAD}
 * request Jetty sends the same status and headers, {@code Content-Length} included, without the body (RFC 9110
 * §9.3.2).
 *
 * <p>Not thread-safe; one per request, written by the thread that handles it.
 */
public final class ServerResponse {
    private final ServerRequest request;
    private final Response response;
    private final Callback callback;
    private int status = 200;
    private boolean sent;

    ServerResponse(ServerRequest request, Response response, Callback callback) {
        this.request = request;
        this.response = response;
        this.callback = callback;
    }

    /** Sets the status of the answer (200 unless set). */
    public ServerResponse status(int status) {
        this.status = status;
        return this;
    }

    /** Sets the header {@code name} to {@code value}, replacing any value it had. */
    public ServerResponse header(String name, String value) {
        response.getHeaders().put(name, value);
        return this;
    }

    /** Sets the header {@code name} to {@code values}, one header line each, replacing any value it had. */
    public ServerResponse header(String name, String... values) {
        response.getHeaders().remove(name);
        for (String value : values) {
            response.getHeaders().add(name, value);
        }
        return this;
    }

    /**
     * Sends the status, the headers and {@code body}, once, after the rest of the request body has been read and
     * dropped ({@link ServerRequest#discardBody()}), so that the connection stays usable.
     *
     * @throws IllegalStateException when the answer was already sent
     */
    public void send(byte[] body) {
        if (sent) {
            throw new IllegalStateException("the answer was already sent");
        }
        sent = true;
        request.discardBody();
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /**
     * Sends {@code 304 Not Modified} with the headers and no content, once. Its {@code Content-Length} is that of the
     * 200 the client already holds, {@code representationLength}: RFC 9110 §8.6 allows no other value there (Jetty
     * would otherwise write 0).
     *
     * @throws IllegalStateException when the answer was already sent
     */
    public void sendNotModified(long representationLength) {
        if (sent) {
            throw new IllegalStateException("the answer was already sent");
        }
        sent = true;
        request.discardBody();
        response.setStatus(304);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, representationLength);
        response.write(true, null, callback);
    }

    /** Whether {@link #send(byte[])} or {@link #sendNotModified(long)} was called. */
    public boolean isSent() {
        return sent;
    }
}
