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

    record Envelope(String applicationId, String digest, String claimsJson) {}

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
        Optional<String> text = utf8(decoded);
        if (text.isEmpty()) {
            return Result.failed("the envelope is not valid UTF-8");
        }
        Object json;
        try {
            json = StrictJson.parse(text.get());
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

    /** Reads claims JSON. */
    static Result<Claims> claims(String json) {
        if (json == null || json.length() > MAX_TOKEN_LENGTH) {
            return Result.failed("the claims are missing or too long");
        }
        Object parsed;
        try {
            parsed = StrictJson.parse(json);
        } catch (StrictJson.Malformed e) {
            return Result.failed("the claims are not valid JSON: " + e.getMessage());
        }
        if (!(parsed instanceof Map<?, ?> fields)) {
            return Result.failed("the claims are not a JSON object");
        }
        long expires = 0;
        boolean hasExpiry = false;
        TokenType type = TokenType.EDGE;
        RequiredTag requiredTag = null;
        String remoteAddress = null;
        String sessionId = null;
        String originStreamId = null;
        String uri = null;
        List<String> capabilities = List.of();
        List<String> applyTags = List.of();
        Map<String, String> unknown = new LinkedHashMap<>();
        for (Map.Entry<?, ?> field : fields.entrySet()) {
            String name = (String) field.getKey();
            Object value = field.getValue();
            switch (name) {
                case "expires" -> {
                    if (!(value instanceof StrictJson.Number number) || !number.integral()) {
                        return Result.failed("claim expires is not an integer of milliseconds");
                    }
                    try {
                        expires = Long.parseLong(number.text());
                    } catch (NumberFormatException e) {
                        return Result.failed("claim expires does not fit in 64 bits");
                    }
                    hasExpiry = true;
                }
                case "type" -> {
                    Optional<TokenType> parsedType =
                            value instanceof String s ? TokenType.fromWireValue(s) : Optional.empty();
                    if (parsedType.isEmpty()) {
                        return Result.failed("claim type is not auth, stream or publish");
                    }
                    type = parsedType.get();
                }
                case "requiredTag", "remoteAddress", "sessionId", "originStreamId", "uri" -> {
                    if (!(value instanceof String s)) {
                        return Result.failed("claim " + name + " is not a string");
                    }
                    switch (name) {
                        case "requiredTag" -> requiredTag = RequiredTag.parse(s);
                        case "remoteAddress" -> remoteAddress = s;
                        case "sessionId" -> sessionId = s;
                        case "originStreamId" -> originStreamId = s;
                        default -> uri = s;
                    }
                }
                case "capabilities", "applyTags" -> {
                    Optional<List<String>> strings = strings(value);
                    if (strings.isEmpty()) {
                        return Result.failed("claim " + name + " is not an array of strings");
                    }
                    if (name.equals("capabilities")) {
                        capabilities = strings.get();
                    } else {
                        applyTags = strings.get();
                    }
                }
                case "applicationId" -> {
                    // The reference refuses to sign such claims; the envelope alone names the application.
                    return Result.failed("the claims carry an applicationId");
                }
                default -> unknown.put(name, StrictJson.write(value));
            }
        }
        if (!hasExpiry) {
            return Result.failed("claim expires is missing");
        }
        Optional<LocationConstraints> location = LocationConstraints.fromCapabilities(capabilities);
        if (location.isEmpty()) {
            return Result.failed("a geo- capability is malformed");
        }
        return Result.of(new Claims(
                json,
                expires,
                type,
                Optional.ofNullable(requiredTag),
                Optional.ofNullable(remoteAddress),
                Optional.ofNullable(sessionId),
                Optional.ofNullable(originStreamId),
                Optional.ofNullable(uri),
                capabilities,
                applyTags,
                location.get(),
                unknown));
    }

    private static boolean nonEmptyString(Object value) {
        return value instanceof String s && !s.isEmpty();
    }

    private static Optional<List<String>> strings(Object value) {
        if (!(value instanceof List<?> list)) {
            return Optional.empty();
        }
        List<String> strings = new ArrayList<>(list.size());
        for (Object item : list) {
            if (!(item instanceof String s)) {
                return Optional.empty();
            }
            strings.add(s);
        }
        return Optional.of(strings);
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
