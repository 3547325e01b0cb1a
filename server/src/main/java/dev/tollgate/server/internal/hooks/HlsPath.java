package dev.tollgate.server.internal.hooks;

import dev.tollgate.server.internal.http.ErrorCode;
import dev.tollgate.server.internal.http.FormEncoding;
import dev.tollgate.server.internal.http.Rejection;
import dev.tollgate.server.internal.http.StrictUtf8;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The original URI of an HLS fetch, as nginx's {@code auth_request} passes it ({@code X-Original-URI:
 * $request_uri}), read as nginx-rtmp's {@code hls_nested on} lays files out: {@code
 * <prefix>/<applicationId>/<alias>/index.m3u8} and {@code <prefix>/<applicationId>/<alias>/<n>.ts}, or, when the
 * hook URL names the application, {@code <prefix>/<alias>/<file>}. Whatever the prefix ({@code /hls}), the stream is
 * the file's directory, and the cookie that stands for a subscription is scoped to that directory ({@link
 * #directory()}).
 *
 * <p>The path is decoded the way nginx decodes it before it serves the file (percent-escapes, merged slashes), and a
 * {@code .} or {@code ..} segment is refused, so that the stream authorized is the stream nginx serves.
 *
 * <p>Immutable and thread-safe.
 *
 * @param application the application ID the path names; empty when the hook URL names it
 * @param name the stream's name: a channel's (or room's) alias or ID
 * @param directory the stream's directory as sent, ending in {@code /}: the cookie's {@code Path}
 * @param token the query's {@code token=}, when there is one
 * @param session the query's {@code session=}, when there is one
 */
record HlsPath(
        Optional<String> application, String name, String directory, Optional<String> token, Optional<String> session) {

    /**
     * Reads {@code originalUri}.
     *
     * @param withApplication whether the path names the application ({@code .../<applicationId>/<alias>/<file>})
     * @throws Rejection 403 {@code bad-original-uri} when the URI is not a file in a stream's directory: nginx would
     *     turn a 400 into a 500, and a fetch nobody can name is refused either way
     */
    static HlsPath parse(String originalUri, boolean withApplication) {
        if (originalUri.isEmpty() || originalUri.charAt(0) != '/') {
            throw bad("the original URI is not an absolute path; is the header set to $request_uri?");
        }
        int question = originalUri.indexOf('?');
        String rawPath = question < 0 ? originalUri : originalUri.substring(0, question);
        String query = question < 0 ? "" : originalUri.substring(question + 1);
        int hash = query.indexOf('#');
        if (hash >= 0) {
            query = query.substring(0, hash);
        }
        List<String> raw = new ArrayList<>();
        for (String segment : rawPath.split("/", -1)) {
            if (!segment.isEmpty()) {
                raw.add(segment);
            }
        }
        int needed = withApplication ? 2 : 3;
        if (raw.size() < needed || rawPath.endsWith("/")) {
            throw bad("the original URI is not a file in a stream's directory");
        }
        List<String> decoded = new ArrayList<>(raw.size());
        for (String segment : raw) {
            String value = decodeSegment(segment);
            if (value.equals(".") || value.equals("..") || value.contains("/") || value.contains("\\")) {
                throw bad("the original URI has a dot segment or an escaped slash");
            }
            decoded.add(value);
        }
        int n = decoded.size();
        String name = decoded.get(n - 2);
        Optional<String> application = withApplication ? Optional.empty() : Optional.of(decoded.get(n - 3));
        String directory = rawPath.substring(0, rawPath.lastIndexOf('/') + 1);
        Optional<String> token = Optional.empty();
        Optional<String> session = Optional.empty();
        List<FormEncoding.Field> fields;
        try {
            fields = FormEncoding.fields(query, ErrorCode.BAD_ORIGINAL_URI, "the original URI's query");
        } catch (Rejection e) {
            throw bad("the original URI's query has a malformed percent-escape");
        }
        // The first value wins, as at the nginx-rtmp hook.
        for (FormEncoding.Field field : fields) {
            if (field.name().equals("token")
                    && token.isEmpty()
                    && !field.value().isEmpty()) {
                token = Optional.of(field.value());
            } else if (field.name().equals("session")
                    && session.isEmpty()
                    && !field.value().isEmpty()) {
                session = Optional.of(field.value());
            }
        }
        return new HlsPath(application, name, directory, token, session);
    }

    /** A path segment's percent-escapes decoded, strictly; a {@code +} is a plus in a path (RFC 3986 §3.3). */
    private static String decodeSegment(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        byte[] raw = segment.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '%') {
                int high = i + 2 < raw.length ? Character.digit(raw[i + 1], 16) : -1;
                int low = i + 2 < raw.length ? Character.digit(raw[i + 2], 16) : -1;
                if (high < 0 || low < 0) {
                    throw bad("the original URI has a malformed percent-escape");
                }
                out.write(high << 4 | low);
                i += 2;
            } else {
                out.write(raw[i]);
            }
        }
        return StrictUtf8.decode(out.toByteArray())
                .orElseThrow(() -> bad("the original URI's path is not valid UTF-8"));
    }

    private static Rejection bad(String message) {
        return Rejection.of(403, ErrorCode.BAD_ORIGINAL_URI, message);
    }
}
