package dev.tollgate.client;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An OAuth2-style access token as {@code /v1/auth/token} and {@code /v2/client-access-token} answer it. {@link
 * #toString()} never shows the token.
 *
 * <p>Immutable and thread-safe: the scopes are an unmodifiable copy.
 *
 * @param accessToken the bearer token
 * @param tokenType always {@code Bearer}
 * @param expiresIn the validity the server granted
 * @param scopes the scopes granted (unknown requested scopes are omitted by the server)
 * @param obtainedAt when the client received it, by the client's clock
 */
public record AccessToken(
        String accessToken, String tokenType, Duration expiresIn, List<String> scopes, Instant obtainedAt) {

    public AccessToken {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(tokenType, "tokenType");
        Objects.requireNonNull(expiresIn, "expiresIn");
        scopes = List.copyOf(scopes);
        Objects.requireNonNull(obtainedAt, "obtainedAt");
    }

    /** When the token expires, by the client's clock. */
    public Instant expiresAt() {
        return obtainedAt.plus(expiresIn);
    }

    @Override
    public String toString() {
        return "AccessToken[" + tokenType + ", expiresIn=" + expiresIn + ", scopes=" + scopes + "]";
    }
}
