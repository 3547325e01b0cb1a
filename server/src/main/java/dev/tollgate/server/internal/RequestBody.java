package dev.tollgate.server.internal;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads request bodies defensively: at most {@link #MAX_BYTES}, the declared content type checked first, strict
 * UTF-8, JSON with duplicate keys refused (the parser is configured so), form fields at most once (RFC 6749 §3.2:
 * "Request and response parameters MUST NOT be included more than once"). Every failure is a {@link Rejection},
 * never a 5xx.
 *
 * <p>Stateless and thread-safe.
 */
public final class RequestBody {
    /** The largest body accepted: token requests are a few hundred bytes; 64 KiB leaves room and bounds memory. */
    public static final int MAX_BYTES = 64 * 1024;

    public static final String JSON = "application/json";
    public static final String FORM = "application/x-www-form-urlencoded";

    private RequestBody() {}

    /** The JSON object in the body; an absent body is an empty object only when {@code emptyAllowed}. */
    public static ObjectNode jsonObject(ServerRequest request, ObjectMapper mapper, boolean emptyAllowed) {
        byte[] bytes = read(request);
        if (bytes.length == 0 && emptyAllowed && request.headers().contentType().isEmpty()) {
            return mapper.createObjectNode();
        }
        requireContentType(request, JSON);
        if (bytes.length == 0) {
            if (emptyAllowed) {
                return mapper.createObjectNode();
            }
            throw Rejection.badRequest("malformed-json", "the body is empty; a JSON object is required");
        }
        JsonNode node;
        try {
            node = mapper.readTree(bytes);
        } catch (JacksonException e) {
            throw Rejection.badRequest("malformed-json", "the body is not valid JSON")
                    .logDetail(e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (node == null || !node.isObject()) {
            throw Rejection.badRequest("malformed-json", "the body must be a JSON object");
        }
        return (ObjectNode) node;
    }

    /** The form fields in the body, each at most once. */
    public static Map<String, String> form(ServerRequest request) {
        requireContentType(request, FORM);
        String text = utf8(read(request));
        Map<String, String> fields = new LinkedHashMap<>();
        if (text.isEmpty()) {
            return fields;
        }
        for (String pair : text.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            if (fields.putIfAbsent(name, value) != null) {
                throw Rejection.badRequest(
                        "duplicate-parameter", "the parameter '" + printable(name) + "' is repeated");
            }
        }
        return fields;
    }

    /** Reads the body, refusing more than {@link #MAX_BYTES}. */
    public static byte[] read(ServerRequest request) {
        long declared = request.headers().contentLength().orElse(-1);
        if (declared > MAX_BYTES) {
            throw tooLarge(declared);
        }
        if (!request.content().hasEntity()) {
            return new byte[0];
        }
        try (InputStream in = request.content().inputStream()) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw tooLarge(-1);
            }
            return bytes;
        } catch (IOException e) {
            throw Rejection.badRequest("bad-request", "the body could not be read")
                    .logDetail(e.getMessage());
        }
    }

    /** Refuses any content type but the expected one (parameters such as charset=utf-8 are fine). */
    public static void requireContentType(ServerRequest request, String expected) {
        String declared = request.headers().first(HeaderNames.CONTENT_TYPE).orElse("");
        String mediaType = declared.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!mediaType.equals(expected)) {
            throw Rejection.of(
                    415,
                    "unsupported-media-type",
                    "the Content-Type must be " + expected + (declared.isEmpty() ? "; none was sent" : ""));
        }
    }

    private static Rejection tooLarge(long declared) {
        return Rejection.of(413, "payload-too-large", "the body exceeds " + MAX_BYTES + " bytes")
                .logDetail(declared < 0 ? "streamed past the limit" : "declared " + declared + " bytes");
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw Rejection.badRequest("malformed-form", "the body is not valid UTF-8");
        }
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw Rejection.badRequest("malformed-form", "the form body has a malformed percent-escape");
        }
    }

    /** A field name safe to echo: printable ASCII, at most 64 characters. */
    static String printable(String text) {
        String cut = text.length() > 64 ? text.substring(0, 64) + "..." : text;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
