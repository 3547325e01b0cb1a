package dev.tollgate.client;

import java.time.Instant;
import java.util.Objects;

/**
 * A platform session opened with {@code POST /v1/sessions}.
 *
 * @param sessionId the session's ID
 * @param participant the identity the server decided on (the token's, when it names one)
 * @param expiresAt when the session's token expires
 */
public record OpenedSession(String sessionId, ParticipantInfo participant, Instant expiresAt) {
    public OpenedSession {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(participant, "participant");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
