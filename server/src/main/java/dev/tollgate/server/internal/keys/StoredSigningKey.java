package dev.tollgate.server.internal.keys;

import java.time.Instant;
import java.util.Optional;

/**
 * A JWT signing key as stored.
 *
 * <p>Immutable and thread-safe.
 *
 * @param kid the key ID, in every JWT header it signs
 * @param algorithm the JWS algorithm, e.g. {@code ES256}
 * @param publicJwk the public JWK as JSON (published)
 * @param sealedPrivateJwk the private JWK sealed under the master key, AAD = kid
 * @param createdAt creation time
 * @param retiredAt when it stopped signing; empty while current
 * @param publishedUntil when it leaves the JWKS: after the last token it signed has expired
 */
public record StoredSigningKey(
        String kid,
        String algorithm,
        String publicJwk,
        String sealedPrivateJwk,
        Instant createdAt,
        Optional<Instant> retiredAt,
        Optional<Instant> publishedUntil) {
    @Override
    public String toString() {
        return "StoredSigningKey[kid=" + kid + ", algorithm=" + algorithm + "]";
    }
}
