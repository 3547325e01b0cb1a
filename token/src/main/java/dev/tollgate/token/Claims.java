package dev.tollgate.token;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The typed claims of a digest token, with the exact JSON text they were read from (the digest covers those bytes, so
 * they are never re-serialised).
 *
 * <p>Immutable and thread-safe.
 *
 * @param json the claims JSON exactly as signed
 * @param expires expiry in milliseconds since the epoch ({@code expires})
 * @param type the token type ({@code type}; {@link TokenType#EDGE} when absent)
 * @param requiredTag the designation ({@code requiredTag})
 * @param remoteAddress the client address the token is limited to ({@code remoteAddress})
 * @param sessionId the session the token is limited to ({@code sessionId}, deprecated by the platform but enforced)
 * @param originStreamId the origin stream the token is limited to ({@code originStreamId})
 * @param uri the backend URI ({@code uri})
 * @param capabilities the capabilities, location constraints included ({@code capabilities})
 * @param applyTags tags to attach to the streams and sessions the token creates ({@code applyTags})
 * @param location the location constraints parsed from {@code capabilities}; empty when a location capability is
 *     malformed (e.g. {@code geo-country-allow=usa}). {@link DigestTokens#verifyAndDecode} still says {@code verified}
 *     for such a token, as the reference does; {@link TokenVerifier} rejects it as {@code bad-token}, and whoever
 *     enforces location must refuse it, as the edge does
 * @param unknownFields fields this version does not know, name to compact JSON value, in token order
 */
public record Claims(
        String json,
        long expires,
        TokenType type,
        Optional<RequiredTag> requiredTag,
        Optional<String> remoteAddress,
        Optional<String> sessionId,
        Optional<String> originStreamId,
        Optional<String> uri,
        List<String> capabilities,
        List<String> applyTags,
        Optional<LocationConstraints> location,
        Map<String, String> unknownFields) {

    public Claims {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(requiredTag, "requiredTag");
        Objects.requireNonNull(remoteAddress, "remoteAddress");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(originStreamId, "originStreamId");
        Objects.requireNonNull(uri, "uri");
        capabilities = List.copyOf(capabilities);
        applyTags = List.copyOf(applyTags);
        Objects.requireNonNull(location, "location");
        // Kept in token order, so not Map.copyOf.
        unknownFields = unknownFields.isEmpty()
                ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(unknownFields));
    }

    /** The expiry as an instant. */
    public Instant expiresAt() {
        return Instant.ofEpochMilli(expires);
    }

    /**
     * Reads claims JSON from an untrusted source.
     *
     * @return the claims, or empty when the text is not a JSON object, a known field has the wrong type, a field is
     *     duplicated, {@code expires} is missing, or {@code applicationId} is present (a malformed location
     *     capability leaves {@link #location()} empty instead)
     */
    public static Optional<Claims> parse(String json) {
        return TokenParser.claims(json).value();
    }
}
