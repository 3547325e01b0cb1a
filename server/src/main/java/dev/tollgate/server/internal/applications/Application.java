package dev.tollgate.server.internal.applications;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A registered application: its ID is both the EdgeAuth {@code applicationId} and the Dolby "app key".
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the application ID
 * @param name a label for people
 * @param scopes the API scopes its tokens may hold
 * @param activeSecrets how many secrets currently authenticate it (2 or more during a rotation)
 * @param createdAt creation time
 * @param updatedAt last change (rename, rotation, retirement)
 */
public record Application(
        String id, String name, List<String> scopes, int activeSecrets, Instant createdAt, Instant updatedAt) {
    public Application {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        scopes = List.copyOf(scopes);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
