package dev.tollgate.server.internal.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;

/**
 * Writes JSON answers. Token answers carry {@code Cache-Control: no-store} and {@code Pragma: no-cache} (RFC 6749
 * §5.1): a proxy or browser must never keep a credential.
 *
 * <p>Thread-safe.
 */
public final class JsonResponses {
    private final ObjectMapper mapper;

    public JsonResponses(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public void send(ServerResponse response, int status, Object body) {
        byte[] bytes;
        try {
            bytes = mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + body.getClass().getSimpleName() + " as JSON", e);
        }
        response.status(status);
        response.header("Content-Type", "application/json");
        response.send(bytes);
    }

    /** An answer that contains a credential. */
    public void sendSecret(ServerResponse response, int status, Object body) {
        response.header("Cache-Control", "no-store");
        response.header("Pragma", "no-cache");
        send(response, status, body);
    }

    public void sendText(ServerResponse response, String contentType, String text) {
        response.status(200);
        response.header("Content-Type", contentType);
        response.send(text.getBytes(StandardCharsets.UTF_8));
    }
}
