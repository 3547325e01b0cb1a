package dev.tollgate.server.internal.sessions;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A conference: a room owned by an application, created from a session that holds {@code conf:create}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the conference ID
 * @param applicationId the application that owns it
 * @param alias a name unique within the application, when one was given
 * @param createdBy the ID of the session that created it
 * @param createdAt when it was created
 */
public record Conference(String id, String applicationId, Optional<String> alias, String createdBy, Instant createdAt) {
    public Conference {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
