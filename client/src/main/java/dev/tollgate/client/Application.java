package dev.tollgate.client;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An application as the admin API lists it ({@code GET /v1/admin/applications}): never its secrets, only how many
 * authenticate it. Immutable and thread-safe.
 *
 * @param applicationId the application key, also the EdgeAuth application ID
 * @param name the name given for people
 * @param scopes the API scopes its tokens may hold
 * @param activeSecrets how many secrets authenticate it (2 or more between a rotation and the retirement)
 * @param createdAt when it was created
 * @param updatedAt when it last changed (a rotation, a retirement)
 */
public record Application(
        String applicationId,
        String name,
        List<String> scopes,
        int activeSecrets,
        Instant createdAt,
        Instant updatedAt) {
    public Application {
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(name, "name");
        scopes = List.copyOf(scopes);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
