package dev.tollgate.server.internal.store;

import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** {@link SettingsStore} on JDBC. Thread-safe. */
public final class JdbcSettingsStore implements SettingsStore {
    private final Jdbi jdbi;

    public JdbcSettingsStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Optional<String> get(String name) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT setting_value FROM settings WHERE name = :name")
                .bind("name", name)
                .mapTo(String.class)
                .findOne());
    }

    @Override
    public String putIfAbsent(String name, String value, long nowMillis) {
        try {
            jdbi.useHandle(handle -> handle.createUpdate(
                            "INSERT INTO settings (name, setting_value, updated_at) VALUES (:name, :value, :now)")
                    .bind("name", name)
                    .bind("value", value)
                    .bind("now", nowMillis)
                    .execute());
            return value;
        } catch (UnableToExecuteStatementException e) {
            // Two nodes starting at once on one PostgreSQL: the primary key lets one win; the other reads its value.
            return get(name).orElseThrow(() -> e);
        }
    }

    @Override
    public void put(String name, String value, long nowMillis) {
        // Portable upsert: H2 and PostgreSQL spell MERGE and ON CONFLICT differently.
        for (int attempt = 0; attempt < 3; attempt++) {
            if (update(name, value, nowMillis) > 0
                    || putIfAbsent(name, value, nowMillis).equals(value)) {
                return;
            }
        }
        throw new IllegalStateException("the setting " + name + " keeps changing under this write");
    }

    @Override
    public boolean replace(String name, String expected, String value, long nowMillis) {
        return jdbi.withHandle(handle -> handle.createUpdate("UPDATE settings SET setting_value = :value,"
                                + " updated_at = :now WHERE name = :name AND setting_value = :expected")
                        .bind("name", name)
                        .bind("expected", expected)
                        .bind("value", value)
                        .bind("now", nowMillis)
                        .execute())
                > 0;
    }

    private int update(String name, String value, long nowMillis) {
        return jdbi.withHandle(handle -> handle.createUpdate(
                        "UPDATE settings SET setting_value = :value, updated_at = :now WHERE name = :name")
                .bind("name", name)
                .bind("value", value)
                .bind("now", nowMillis)
                .execute());
    }
}
