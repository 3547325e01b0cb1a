package dev.tollgate.token;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads untrusted token text. Every malformation becomes a reason string; nothing here throws on bad input.
 * Duplicate keys are refused (two parsers that pick different duplicates would disagree on what was signed).
 */
final class TokenParser {
    /** Longest token accepted, in characters: far above any real token, small enough to bound parsing work. */
    static final int MAX_TOKEN_LENGTH = 16 * 1024;

    static final String PREFIX = "DIGEST:";

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(32)
                    .maxStringLength(MAX_TOKEN_LENGTH)
                    .maxNumberLength(32)
                    .build())
            .build();

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
            return Result.rejected(
                    VerificationCode.BAD_TOKEN,
                    "the token is " + token.length() + " characters long, over the limit of " + MAX_TOKEN_LENGTH);
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(token.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            return Result.rejected(VerificationCode.BAD_TOKEN, "the token is not valid base64");
        }
        String applicationId = null;
        String digest = null;
        String claims = null;
        try (JsonParser parser = JSON.createParser(decoded)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Result.rejected(VerificationCode.BAD_TOKEN, "the envelope is not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "applicationId", "digest", "token" -> {
                        if (value != JsonToken.VALUE_STRING || parser.getText().isEmpty()) {
                            return Result.rejected(
                                    VerificationCode.BAD_TOKEN,
                                    "envelope field " + name + " is not a non-empty string");
                        }
                        String text = parser.getText();
                        switch (name) {
                            case "applicationId" -> applicationId = text;
                            case "digest" -> digest = text;
                            default -> claims = text;
                        }
                    }
                    // The reference ignores other envelope fields; so do we.
                    default -> parser.skipChildren();
                }
            }
            if (parser.nextToken() != null) {
                return Result.rejected(VerificationCode.BAD_TOKEN, "the envelope has content after the object");
            }
        } catch (IOException e) {
            return Result.rejected(VerificationCode.BAD_TOKEN, "the envelope is not valid JSON");
        }
        if (applicationId == null || digest == null || claims == null) {
            return Result.failed("the envelope lacks one of applicationId, digest and token");
        }
        return Result.of(new Envelope(applicationId, digest, claims));
    }

    /** Reads claims JSON. */
    static Result<Claims> claims(String json) {
        if (json == null || json.length() > MAX_TOKEN_LENGTH) {
            return Result.failed("the claims are missing or too long");
        }
        Long expires = null;
        TokenType type = TokenType.EDGE;
        RequiredTag requiredTag = null;
        String remoteAddress = null;
        String sessionId = null;
        String originStreamId = null;
        String uri = null;
        List<String> capabilities = List.of();
        List<String> applyTags = List.of();
        Map<String, String> unknown = new LinkedHashMap<>();
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Result.failed("the claims are not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "expires" -> {
                        if (value != JsonToken.VALUE_NUMBER_INT
                                || parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                            return Result.failed("claim expires is not an integer of milliseconds");
                        }
                        expires = parser.getLongValue();
                    }
                    case "type" -> {
                        if (value != JsonToken.VALUE_STRING) {
                            return Result.failed("claim type is not a string");
                        }
                        Optional<TokenType> parsed = TokenType.fromWireValue(parser.getText());
                        if (parsed.isEmpty()) {
                            return Result.failed("claim type is not auth, stream or publish");
                        }
                        type = parsed.get();
                    }
                    case "requiredTag" -> requiredTag = RequiredTag.parse(string(parser, name));
                    case "remoteAddress" -> remoteAddress = string(parser, name);
                    case "sessionId" -> sessionId = string(parser, name);
                    case "originStreamId" -> originStreamId = string(parser, name);
                    case "uri" -> uri = string(parser, name);
                    case "capabilities" -> capabilities = strings(parser, name);
                    case "applyTags" -> applyTags = strings(parser, name);
                    case "applicationId" -> {
                        // The reference refuses to sign such claims; the envelope alone names the application.
                        return Result.failed("the claims carry an applicationId");
                    }
                    default -> unknown.put(name, compact(parser));
                }
            }
            if (parser.nextToken() != null) {
                return Result.failed("the claims have content after the object");
            }
        } catch (Malformed e) {
            return Result.failed(e.getMessage());
        } catch (IOException e) {
            return Result.failed("the claims are not valid JSON");
        }
        if (expires == null) {
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

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String string(JsonParser parser, String name) throws IOException {
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            throw new Malformed("claim " + name + " is not a string");
        }
        return parser.getText();
    }

    private static List<String> strings(JsonParser parser, String name) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw new Malformed("claim " + name + " is not an array");
        }
        List<String> values = new ArrayList<>();
        JsonToken item;
        while ((item = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (item != JsonToken.VALUE_STRING) {
                throw new Malformed("claim " + name + " holds something other than strings");
            }
            values.add(parser.getText());
        }
        return values;
    }

    private static String compact(JsonParser parser) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = JSON.createGenerator(out)) {
            generator.copyCurrentStructure(parser);
        }
        return out.toString();
    }

    /** A malformation found deep in the claims; caught in {@link #claims(String)}. */
    private static final class Malformed extends IOException {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message);
        }
    }
}
