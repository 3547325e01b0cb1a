package dev.tollgate.server.internal.store;

import java.util.Optional;

/**
 * Deployment-wide single values (admin credential hash, master-key check). Implementations are thread-safe.
 * Schema: {@code db/tollgate/V1__settings.sql}.
 */
public interface SettingsStore {
    Optional<String> get(String name);

    /** Stores the value unless one exists; returns the value now stored (ours or the one that was there). */
    String putIfAbsent(String name, String value, long nowMillis);

    /** Stores the value, replacing any. */
    void put(String name, String value, long nowMillis);

    /** Replaces the value only if it is {@code expected} (compare and set); whether it did. */
    boolean replace(String name, String expected, String value, long nowMillis);
}
