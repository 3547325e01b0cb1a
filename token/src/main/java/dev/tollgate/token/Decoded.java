package dev.tollgate.token;

import java.util.Objects;

/**
 * A well-formed digest token whose digest has NOT been checked: for display and diagnosis only.
 *
 * @param applicationId the envelope's application ID
 * @param digest the envelope's base64 digest
 * @param claims the claims
 */
public record Decoded(String applicationId, String digest, Claims claims) implements Decoding {
    public Decoded {
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(claims, "claims");
    }
}
