package dev.tollgate.client;

import java.time.Instant;
import java.util.Objects;

/**
 * A platform session opened with {@code POST /v1/sessions}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param sessionId the session's ID
 * @param participant the identity the server decided on (the token's, when it names one)
 * @param identityFromToken true when the identity comes from the token (a client access token with an external ID),
 *     false when it is only what the client declared
 * @param expiresAt when the session's token expires
 */
public record OpenedSession(
        String sessionId, ParticipantInfo participant, boolean identityFromToken, Instant expiresAt) {
    public OpenedSession {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(participant, "participant");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
