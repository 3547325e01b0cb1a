package dev.tollgate.client;

import java.time.Instant;
import java.util.Objects;

/**
 * A {@link TokenSession}'s token and its expiry, read together so that they always belong to each other.
 * Immutable and thread-safe.
 *
 * @param token the token
 * @param expiresAt when it expires, as read from the token
 */
public record CurrentToken(String token, Instant expiresAt) {
    public CurrentToken {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public String toString() {
        // A token is a credential: keep it out of logs.
        return "CurrentToken[token hidden, expiresAt=" + expiresAt + "]";
    }
}
