package dev.tollgate.server.internal.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
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
        if (bytes.length == 0 && emptyAllowed && request.header("Content-Type").isEmpty()) {
            return mapper.createObjectNode();
        }
        requireContentType(request, JSON);
        requireUtf8Charset(request);
        if (bytes.length == 0) {
            if (emptyAllowed) {
                return mapper.createObjectNode();
            }
            throw Rejection.badRequest(ErrorCode.MALFORMED_JSON, "the body is empty; a JSON object is required");
        }
        return jsonObject(bytes, mapper);
    }

    /**
     * The JSON object in {@code bytes}, a non-empty body whose content type was checked: strict UTF-8 without a byte
     * order mark, then {@code mapper}'s limits (duplicate keys, nesting, lengths).
     *
     * @throws Rejection 400 {@code malformed-json} for anything else
     */
    public static ObjectNode jsonObject(byte[] bytes, ObjectMapper mapper) {
        // RFC 8259 §8.1: JSON exchanged between systems MUST be UTF-8, without a byte order mark. Jackson would
        // otherwise detect UTF-16 and UTF-32 from the first bytes and accept them, so the bytes are decoded strictly
        // here and Jackson parses the text.
        String text = StrictUtf8.decode(bytes)
                .orElseThrow(() -> Rejection.badRequest(ErrorCode.MALFORMED_JSON, "the body must be JSON in UTF-8"));
        if (text.startsWith("\uFEFF")) {
            throw Rejection.badRequest(
                    ErrorCode.MALFORMED_JSON, "the body must be JSON in UTF-8 without a byte order mark");
        }
        JsonNode node;
        try {
            node = mapper.readTree(text);
        } catch (JacksonException e) {
            // Jackson's message quotes the offending input (an unquoted secret, a JWT header): only the kind of
            // error and where it is may reach the log.
            throw Rejection.badRequest(ErrorCode.MALFORMED_JSON, "the body is not valid JSON")
                    .logDetail(problem(e));
        }
        if (node == null || !node.isObject()) {
            throw Rejection.badRequest(ErrorCode.MALFORMED_JSON, "the body must be a JSON object");
        }
        return (ObjectNode) node;
    }

    /** The form fields in the body, each at most once. */
    public static Map<String, String> form(ServerRequest request) {
        requireContentType(request, FORM);
        return form(read(request));
    }

    /**
     * The form fields in {@code bytes}, each at most once.
     *
     * @throws Rejection 400 {@code malformed-form} or {@code duplicate-parameter}
     */
    public static Map<String, String> form(byte[] bytes) {
        String text = utf8(bytes);
        Map<String, String> fields = new LinkedHashMap<>();
        for (FormEncoding.Field field : FormEncoding.fields(text, ErrorCode.MALFORMED_FORM, "the form body")) {
            if (fields.putIfAbsent(field.name(), field.value()) != null) {
                throw Rejection.badRequest(
                        ErrorCode.DUPLICATE_PARAMETER, "the parameter '" + printable(field.name()) + "' is repeated");
            }
        }
        return fields;
    }

    /** Reads the body, refusing more than {@link #MAX_BYTES}. */
    public static byte[] read(ServerRequest request) {
        long declared = request.contentLength();
        try (InputStream in = request.body()) {
            if (declared > MAX_BYTES) {
                ServerRequest.discard(in);
                throw tooLarge(declared);
            }
            if (declared >= 0) {
                // The declared length exactly: readNBytes(MAX_BYTES + 1) allocates and fills 8-16 KiB chunks for a
                // 450-byte token request (a fifth of a verify's samples). Jetty cuts the body at the declared length
                // and reports one cut short as an error, handled below.
                return in.readNBytes((int) declared);
            }
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                ServerRequest.discard(in);
                throw tooLarge(-1);
            }
            return bytes;
        } catch (IOException e) {
            throw Rejection.badRequest(ErrorCode.BAD_REQUEST, "the body could not be read")
                    .logDetail(e.getClass().getSimpleName());
        } catch (Rejection e) {
            throw e;
        } catch (RuntimeException e) {
            // A broken entity (a chunk-size line that is not hex, a body cut short) is the client's fault, however
            // the HTTP stack reports it: 400 and never the 500 path.
            throw Rejection.badRequest(ErrorCode.BAD_REQUEST, "the body could not be read")
                    .logDetail(e.getClass().getSimpleName());
        }
    }

    /** A declared charset other than UTF-8 is refused: the body is read as UTF-8 only (RFC 8259 §8.1). */
    private static void requireUtf8Charset(ServerRequest request) {
        String declared = request.header("Content-Type").orElse("");
        for (String parameter : declared.split(";")) {
            String[] pair = parameter.split("=", 2);
            if (pair.length == 2 && pair[0].strip().equalsIgnoreCase("charset")) {
                String charset = pair[1].strip().replace("\"", "").toLowerCase(Locale.ROOT);
                if (!charset.equals("utf-8") && !charset.equals("utf8")) {
                    throw Rejection.badRequest(
                            ErrorCode.MALFORMED_JSON, "the body must be JSON in UTF-8 (charset=utf-8)");
                }
            }
        }
    }

    /** The kind and place of a JSON syntax error, never the input it quotes. */
    private static String problem(JacksonException e) {
        JsonLocation location = e.getLocation();
        return e.getClass().getSimpleName()
                + (location == null ? "" : " at line " + location.getLineNr() + " column " + location.getColumnNr());
    }

    /** Refuses any content type but the expected one (parameters such as charset=utf-8 are fine). */
    public static void requireContentType(ServerRequest request, String expected) {
        String declared = request.header("Content-Type").orElse("");
        String mediaType = declared.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!mediaType.equals(expected)) {
            throw Rejection.of(
                    415,
                    ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "the Content-Type must be " + expected + (declared.isEmpty() ? "; none was sent" : ""));
        }
    }

    private static Rejection tooLarge(long declared) {
        return Rejection.of(413, ErrorCode.PAYLOAD_TOO_LARGE, "the body exceeds " + MAX_BYTES + " bytes")
                .logDetail(declared < 0 ? "streamed past the limit" : "declared " + declared + " bytes");
    }

    private static String utf8(byte[] bytes) {
        return StrictUtf8.decode(bytes)
                .orElseThrow(() -> Rejection.badRequest(ErrorCode.MALFORMED_FORM, "the body is not valid UTF-8"));
    }

    /** A field name safe to echo: printable ASCII, at most 64 characters. */
    public static String printable(String text) {
        String cut = text.length() > 64 ? text.substring(0, 64) + "..." : text;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
