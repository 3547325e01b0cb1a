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
}
