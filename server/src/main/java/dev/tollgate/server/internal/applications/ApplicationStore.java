package dev.tollgate.server.internal.applications;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Applications and their sealed secrets. Implementations are thread-safe. Schema: {@code
 * db/tollgate/V2__applications.sql}.
 */
public interface ApplicationStore {
    void insert(String id, String name, List<String> scopes, StoredSecret firstSecret, Instant now);

    Optional<Application> find(String id);

    List<Application> list();

    /** The application's secrets, newest (current) first; empty when it does not exist. */
    List<StoredSecret> secrets(String id);

    /** Adds a secret as the new current one; false when the application does not exist. */
    boolean addSecret(String id, String secretId, String sealed, Instant now);

    /** Deletes every secret but the newest; the number deleted, or empty when the application does not exist. */
    Optional<Integer> retireOlderSecrets(String id, Instant now);

    /** Deletes the application and its secrets; false when it did not exist. */
    boolean delete(String id);
}
