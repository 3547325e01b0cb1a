package dev.tollgate.token;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads untrusted token text. Every malformation becomes a rejection with a reason; nothing here throws. */
final class TokenParser {
    /** Longest token accepted, in characters: far above any real token, small enough to bound parsing work. */
    static final int MAX_TOKEN_LENGTH = 16 * 1024;

    static final String PREFIX = "DIGEST:";

    private TokenParser() {}

    /**
     * A read envelope: the digest as presented, in bytes, and the claims both as text and as the exact bytes the digest
     * covers.
     */
    record Envelope(String applicationId, byte[] digestBytes, String claimsJson, byte[] claimsUtf8) {
        Envelope(String applicationId, String digest, String claimsJson) {
            this(
                    applicationId,
                    digest.getBytes(StandardCharsets.UTF_8),
                    claimsJson,
                    claimsJson.getBytes(StandardCharsets.UTF_8));
        }

        String digest() {
            return new String(digestBytes, StandardCharsets.UTF_8);
        }
    }

    /** Either a value or the rejection that says why it could not be read. */
    record Result<T>(Optional<T> value, Optional<Rejected> rejection) {
        static <T> Result<T> of(T value) {
            return new Result<>(Optional.of(value), Optional.empty());
        }

        static <T> Result<T> rejected(VerificationCode code, String detail) {
            return new Result<>(Optional.empty(), Optional.of(new Rejected(code, detail)));
        }

        static <T> Result<T> failed(String detail) {
            return rejected(VerificationCode.BAD_TOKEN, detail);
        }
    }

    /** Reads the envelope; a rejection is {@code not-a-digest-token} or {@code bad-token}. */
    static Result<Envelope> envelope(String token) {
        if (token == null || !token.startsWith(PREFIX)) {
            return Result.rejected(VerificationCode.NOT_A_DIGEST_TOKEN, "the token does not start with DIGEST:");
        }
        if (token.length() > MAX_TOKEN_LENGTH) {
            return Result.failed(
                    "the token is " + token.length() + " characters long, over the limit of " + MAX_TOKEN_LENGTH);
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(token.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            return Result.failed("the token is not valid base64");
        }
        Envelope canonical = canonicalEnvelope(decoded);
        if (canonical != null) {
            return Result.of(canonical);
        }
        // The canonical reader may have overwritten part of the buffer; decode again (it succeeded once).
        Optional<String> text = utf8(Base64.getDecoder().decode(token.substring(PREFIX.length())));
        if (text.isEmpty()) {
            return Result.failed("the envelope is not valid UTF-8");
        }
        return envelopeJson(text.get());
    }

    /** Reads any envelope JSON text with the general parser. */
    static Result<Envelope> envelopeJson(String text) {
        Object json;
        try {
            json = StrictJson.parse(text);
        } catch (StrictJson.Malformed e) {
            return Result.failed("the envelope is not valid JSON: " + e.getMessage());
        }
        if (!(json instanceof Map<?, ?> envelope)) {
            return Result.failed("the envelope is not a JSON object");
        }
        // The reference ignores other envelope fields; so do we.
        Object applicationId = envelope.get("applicationId");
        Object digest = envelope.get("digest");
        Object claims = envelope.get("token");
        if (!nonEmptyString(applicationId) || !nonEmptyString(digest) || !nonEmptyString(claims)) {
            return Result.failed("envelope fields applicationId, digest and token must be non-empty strings");
        }
        return Result.of(new Envelope((String) applicationId, (String) digest, (String) claims));
    }

    private static final byte[] APPLICATION_ID_FIELD = ascii("{\"applicationId\":\"");
    private static final byte[] DIGEST_FIELD = ascii("\",\"digest\":\"");
    private static final byte[] TOKEN_FIELD = ascii("\",\"token\":\"");

    /**
     * The envelope exactly as every EdgeAuth library writes it — {@code {"applicationId":"A","digest":"D","token":"T"}}
     * in ASCII, with no escapes in A and D and only {@code \"} and {@code \\} in T — read straight from the decoded
     * bytes, which also gives the bytes the digest covers without re-encoding. Anything else (non-ASCII, other
     * escapes, other layouts) returns null and takes the general path, which decides acceptance; so this is a
     * shortcut, never a second grammar, and a test checks the two never disagree.
     *
     * <p>Overwrites {@code bytes} (the claims are unescaped in place), also when it returns null.
     */
    static Envelope canonicalEnvelope(byte[] bytes) {
        int length = bytes.length;
        if (!startsWith(bytes, 0, APPLICATION_ID_FIELD)) {
            return null;
        }
        int applicationIdStart = APPLICATION_ID_FIELD.length;
        int applicationIdEnd = plainStringEnd(bytes, applicationIdStart);
        if (applicationIdEnd <= applicationIdStart || !startsWith(bytes, applicationIdEnd, DIGEST_FIELD)) {
            return null;
        }
        int digestStart = applicationIdEnd + DIGEST_FIELD.length;
        int digestEnd = plainStringEnd(bytes, digestStart);
        if (digestEnd <= digestStart || !startsWith(bytes, digestEnd, TOKEN_FIELD)) {
            return null;
        }
        // Unescape the claims in place: the buffer is ours, and the write position never passes the read position.
        int claimsStart = digestEnd + TOKEN_FIELD.length;
        int at = claimsStart;
        int size = claimsStart;
        while (at < length) {
            byte b = bytes[at];
            if (b == '"') {
                break;
            }
            if (b < 0x20) { // control characters, and every non-ASCII byte (negative)
                return null;
            }
            if (b == '\\') {
                byte escaped = at + 1 < length ? bytes[at + 1] : 0;
                if (escaped != '"' && escaped != '\\') {
                    return null;
                }
                bytes[size++] = escaped;
                at += 2;
                continue;
            }
            bytes[size++] = b;
            at++;
        }
        // The closing quote must be followed by the closing brace and nothing else.
        if (size == claimsStart || at + 2 != length || bytes[at + 1] != '}') {
            return null;
        }
        byte[] claimsUtf8 = java.util.Arrays.copyOfRange(bytes, claimsStart, size);
        return new Envelope(
                new String(bytes, applicationIdStart, applicationIdEnd - applicationIdStart, StandardCharsets.US_ASCII),
                java.util.Arrays.copyOfRange(bytes, digestStart, digestEnd),
                new String(claimsUtf8, StandardCharsets.US_ASCII),
                claimsUtf8);
    }

    /** The index of the quote ending an ASCII string without escapes or control characters, or -1. */
    private static int plainStringEnd(byte[] bytes, int start) {
        for (int i = start; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b == '"') {
                return i;
            }
            if (b == '\\' || b < 0x20) {
                return -1;
            }
        }
        return -1;
    }

    private static boolean startsWith(byte[] bytes, int offset, byte[] prefix) {
        return bytes.length - offset >= prefix.length
                && java.util.Arrays.equals(bytes, offset, offset + prefix.length, prefix, 0, prefix.length);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** Reads claims JSON. */
    static Result<Claims> claims(String json) {
        if (json == null || json.length() > MAX_TOKEN_LENGTH) {
            return Result.failed("the claims are missing or too long");
        }
        Claims canonical = canonicalClaims(json);
        return canonical != null ? Result.of(canonical) : claimsJson(json);
    }

    /** Reads any claims JSON with the general parser. */
    static Result<Claims> claimsJson(String json) {
        Object parsed;
        try {
            parsed = StrictJson.parse(json);
        } catch (StrictJson.Malformed e) {
            return Result.failed("the claims are not valid JSON: " + e.getMessage());
        }
        if (!(parsed instanceof Map<?, ?> fields)) {
            return Result.failed("the claims are not a JSON object");
        }
        Draft draft = new Draft();
        for (Map.Entry<?, ?> field : fields.entrySet()) {
            String name = (String) field.getKey();
            Object value = field.getValue();
            switch (name) {
                case "expires" -> {
                    if (!(value instanceof StrictJson.Number number) || !number.integral()) {
                        return Result.failed("claim expires is not an integer of milliseconds");
                    }
                    try {
                        draft.expires = Long.parseLong(number.text());
                    } catch (NumberFormatException e) {
                        return Result.failed("claim expires does not fit in 64 bits");
                    }
                }
                case "type" -> {
                    Optional<TokenType> parsedType =
                            value instanceof String s ? TokenType.fromWireValue(s) : Optional.empty();
                    if (parsedType.isEmpty()) {
                        return Result.failed("claim type is not auth, stream or publish");
                    }
                    draft.type = parsedType.get();
                }
                case "requiredTag", "remoteAddress", "sessionId", "originStreamId", "uri" -> {
                    if (!(value instanceof String s)) {
                        return Result.failed("claim " + name + " is not a string");
                    }
                    switch (name) {
                        case "requiredTag" -> draft.requiredTag = s;
                        case "remoteAddress" -> draft.remoteAddress = s;
                        case "sessionId" -> draft.sessionId = s;
                        case "originStreamId" -> draft.originStreamId = s;
                        default -> draft.uri = s;
                    }
                }
                case "capabilities", "applyTags" -> {
                    Optional<List<String>> strings = strings(value);
                    if (strings.isEmpty()) {
                        return Result.failed("claim " + name + " is not an array of strings");
                    }
                    if (name.equals("capabilities")) {
                        draft.capabilities = strings.get();
                    } else {
                        draft.applyTags = strings.get();
                    }
                }
                case "applicationId" -> {
                    // The reference refuses to sign such claims; the envelope alone names the application.
                    return Result.failed("the claims carry an applicationId");
                }
                default -> {
                    if (draft.unknown.isEmpty()) {
                        draft.unknown = new LinkedHashMap<>();
                    }
                    draft.unknown.put(name, StrictJson.write(value));
                }
            }
        }
        return draft.build(json);
    }

    /**
     * Claims as the EdgeAuth libraries write them — compact, only the known fields, each once, strings without
     * escapes or control characters, an integer {@code expires} — read in one pass without building a map. Anything
     * else returns null and takes the general path, which decides acceptance; a test checks the two never disagree.
     */
    static Claims canonicalClaims(String json) {
        int length = json.length();
        if (length < 2 || json.charAt(0) != '{' || json.charAt(length - 1) != '}') {
            return null;
        }
        Draft draft = new Draft();
        int seen = 0;
        int i = 1;
        while (true) {
            if (json.charAt(i) != '"') {
                return null;
            }
            int nameEnd = json.indexOf('"', i + 1);
            if (nameEnd < 0 || nameEnd + 2 >= length || json.charAt(nameEnd + 1) != ':') {
                return null;
            }
            int field = knownField(json, i + 1, nameEnd);
            if (field < 0 || (seen & (1 << field)) != 0) {
                return null;
            }
            seen |= 1 << field;
            int valueStart = nameEnd + 2;
            int valueEnd;
            if (field == 0) { // expires
                valueEnd = valueStart;
                if (valueEnd < length && json.charAt(valueEnd) == '-') {
                    valueEnd++;
                }
                int digits = valueEnd;
                while (valueEnd < length && json.charAt(valueEnd) >= '0' && json.charAt(valueEnd) <= '9') {
                    valueEnd++;
                }
                int count = valueEnd - digits;
                if (count == 0 || count > 18 || (count > 1 && json.charAt(digits) == '0')) {
                    return null;
                }
                draft.expires = Long.parseLong(json, valueStart, valueEnd, 10);
            } else if (field == 7 || field == 8) { // capabilities, applyTags
                if (json.charAt(valueStart) != '[') {
                    return null;
                }
                List<String> items = new ArrayList<>(2);
                int at = valueStart + 1;
                if (at < length && json.charAt(at) == ']') {
                    valueEnd = at + 1;
                } else {
                    while (true) {
                        int end = plainValueEnd(json, at);
                        if (end < 0) {
                            return null;
                        }
                        items.add(json.substring(at + 1, end));
                        char next = end + 1 < length ? json.charAt(end + 1) : 0;
                        if (next == ']') {
                            valueEnd = end + 2;
                            break;
                        }
                        if (next != ',') {
                            return null;
                        }
                        at = end + 2;
                    }
                }
                if (field == 7) {
                    draft.capabilities = List.copyOf(items);
                } else {
                    draft.applyTags = List.copyOf(items);
                }
            } else {
                int end = plainValueEnd(json, valueStart);
                if (end < 0) {
                    return null;
                }
                String value = json.substring(valueStart + 1, end);
                valueEnd = end + 1;
                switch (field) {
                    case 1 -> {
                        Optional<TokenType> parsed = TokenType.fromWireValue(value);
                        if (parsed.isEmpty()) {
                            return null;
                        }
                        draft.type = parsed.get();
                    }
                    case 2 -> draft.requiredTag = value;
                    case 3 -> draft.remoteAddress = value;
                    case 4 -> draft.sessionId = value;
                    case 5 -> draft.originStreamId = value;
                    default -> draft.uri = value;
                }
            }
            if (valueEnd >= length) {
                return null;
            }
            char next = json.charAt(valueEnd);
            if (next == '}') {
                if (valueEnd != length - 1) {
                    return null;
                }
                break;
            }
            if (next != ',' || valueEnd + 1 >= length) {
                return null;
            }
            i = valueEnd + 1;
        }
        return draft.build(json).value().orElse(null);
    }

    /** Claims being read, by either path; {@link #build} applies the checks both share. */
    private static final class Draft {
        Long expires;
        TokenType type = TokenType.EDGE;
        String requiredTag;
        String remoteAddress;
        String sessionId;
        String originStreamId;
        String uri;
        List<String> capabilities = List.of();
        List<String> applyTags = List.of();
        Map<String, String> unknown = Map.of();

        Result<Claims> build(String json) {
            if (expires == null) {
                return Result.failed("claim expires is missing");
            }
            // A malformed location capability is no reason to refuse here: the reference verifies such a token, so
            // DigestTokens.verifyAndDecode does too; TokenVerifier and the edge refuse it (Claims.location is empty).
            return Result.of(new Claims(
                    json,
                    expires,
                    type,
                    Optional.ofNullable(requiredTag).map(RequiredTag::parse),
                    Optional.ofNullable(remoteAddress),
                    Optional.ofNullable(sessionId),
                    Optional.ofNullable(originStreamId),
                    Optional.ofNullable(uri),
                    capabilities,
                    applyTags,
                    LocationConstraints.fromCapabilities(capabilities),
                    unknown));
        }
    }

    private static final String[] KNOWN_FIELDS = {
        "expires",
        "type",
        "requiredTag",
        "remoteAddress",
        "sessionId",
        "originStreamId",
        "uri",
        "capabilities",
        "applyTags"
    };

    /** The index of a known claim name in {@link #KNOWN_FIELDS}, or -1. */
    private static int knownField(String json, int start, int end) {
        // By length first: at most two names share one, so a claim name costs one comparison, not nine.
        int field = switch (end - start) {
            case 3 -> 6; // uri
            case 4 -> 1; // type
            case 7 -> 0; // expires
            case 9 -> json.charAt(start) == 's' ? 4 : 8; // sessionId, applyTags
            case 11 -> 2; // requiredTag
            case 12 -> 7; // capabilities
            case 13 -> 3; // remoteAddress
            case 14 -> 5; // originStreamId
            default -> -1;
        };
        return field >= 0 && json.startsWith(KNOWN_FIELDS[field], start) ? field : -1;
    }

    /** The closing quote of a string value at {@code start} without escapes or control characters, or -1. */
    private static int plainValueEnd(String json, int start) {
        if (start >= json.length() || json.charAt(start) != '"') {
            return -1;
        }
        for (int i = start + 1; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == '"') {
                return i;
            }
            if (c == '\\' || c < 0x20) {
                return -1;
            }
        }
        return -1;
    }

    private static boolean nonEmptyString(Object value) {
        return value instanceof String s && !s.isEmpty();
    }

    private static Optional<List<String>> strings(Object value) {
        if (!(value instanceof List<?> list)) {
            return Optional.empty();
        }
        String[] strings = new String[list.size()];
        for (int i = 0; i < strings.length; i++) {
            if (!(list.get(i) instanceof String s)) {
                return Optional.empty();
            }
            strings[i] = s;
        }
        return Optional.of(List.of(strings));
    }

    /** Strict UTF-8: malformed bytes are refused rather than replaced, so what is verified is what was sent. */
    private static Optional<String> utf8(byte[] bytes) {
        boolean ascii = true;
        for (byte b : bytes) {
            if (b < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return Optional.of(new String(bytes, StandardCharsets.US_ASCII));
        }
        try {
            return Optional.of(StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
