package dev.tollgate.server.internal.store;

import java.sql.SQLException;

/**
 * Tells a statement refused by a unique constraint from any other failure, so a store can answer "taken" or retry
 * instead of failing: SQLSTATE {@code 23505} (SQL:2011 unique_violation), the same on H2 and PostgreSQL.
 *
 * <p>Stateless and thread-safe.
 */
public final class UniqueViolation {
    private static final String SQLSTATE = "23505";

    private UniqueViolation() {}

    /** Whether {@code failure}, as JDBI throws it, is a unique constraint's refusal. */
    public static boolean caused(RuntimeException failure) {
        return failure.getCause() instanceof SQLException sql && SQLSTATE.equals(sql.getSQLState());
    }
}
