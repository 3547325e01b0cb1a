package dev.tollgate.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.token.Decoded;
import dev.tollgate.token.DigestTokens;
import java.io.IOException;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * When a token was issued and when it expires, read WITHOUT verification (the client holds no key; the server
 * verifies). JWTs give {@code iat} and {@code exp} in seconds; DIGEST tokens give {@code expires} in milliseconds
 * and no issue time, so the time the session received the token stands in for it.
 */
record TokenLifetime(Instant issuedAt, Instant expiresAt) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads a token's lifetime; empty when the token is neither a JWT with {@code exp} nor a DIGEST token. */
    static Optional<TokenLifetime> of(String token, Instant receivedAt) {
        if (token == null) {
            return Optional.empty();
        }
        if (DigestTokens.isDigestToken(token)) {
            if (DigestTokens.decodeUnverified(token) instanceof Decoded decoded) {
                return Optional.of(
                        new TokenLifetime(receivedAt, decoded.claims().expiresAt()));
            }
            return Optional.empty();
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            JsonNode exp = claims.get("exp");
            if (exp == null || !exp.canConvertToLong()) {
                return Optional.empty();
            }
            JsonNode iat = claims.get("iat");
            Instant issuedAt = iat != null && iat.canConvertToLong() ? Instant.ofEpochSecond(iat.asLong()) : receivedAt;
            return Optional.of(new TokenLifetime(issuedAt, Instant.ofEpochSecond(exp.asLong())));
        } catch (IOException | IllegalArgumentException | java.time.DateTimeException e) {
            // DateTimeException: an exp or iat beyond the range of Instant is as unreadable as no exp at all.
            return Optional.empty();
        }
    }
}
