package dev.tollgate.server.internal.sessions;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An open session.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the session ID
 * @param applicationId the application whose token opened it
 * @param externalId the participant's external ID
 * @param name the participant's display name
 * @param avatarUrl the participant's picture (an http or https URL)
 * @param tags the EdgeAuth token's {@code applyTags}, for usage reports; empty for client access tokens
 * @param identitySource {@code token} when the identity came from the client access token (verified), {@code
 *     request} when the client declared it (not verified)
 * @param scope the session scope of the token that opened it
 * @param opener who opened it, the identity a token must have to act on it: {@code external-id:<id>} for a client
 *     access token with an external ID, {@code token:<jti>} for one without (that very token only), {@code edge-token}
 *     for an EdgeAuth token (no client access token matches); empty for sessions opened before it was recorded
 * @param createdAt when it was opened
 * @param expiresAt when the token that opened it expires
 */
public record Session(
        String id,
        String applicationId,
        Optional<String> externalId,
        Optional<String> name,
        Optional<String> avatarUrl,
        List<String> tags,
        String identitySource,
        String scope,
        String opener,
        Instant createdAt,
        Instant expiresAt) {
    public static final String FROM_TOKEN = "token";
    public static final String FROM_REQUEST = "request";

    public Session {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(externalId, "externalId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(avatarUrl, "avatarUrl");
        tags = List.copyOf(tags);
        Objects.requireNonNull(identitySource, "identitySource");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(opener, "opener");
    }
}
