package dev.tollgate.server.internal.revocations;

import dev.tollgate.edge.RevocationKind;
import dev.tollgate.server.internal.store.UniqueViolation;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * {@link RevocationStore} on JDBC (H2 or PostgreSQL), schema {@code V12__revocations.sql}. A change takes the next
 * sequence number as {@code MAX(seq) + 1} inside its transaction; two writers that took the same one collide on the
 * unique index, and the second retries (at most {@value #ATTEMPTS} times), so sequences commit in order. Thread-safe.
 */
public final class JdbcRevocationStore implements RevocationStore {
    private static final String COLUMNS =
            "id, application_id, kind, match_value, match_alias, created_at, ends_at, seq";
    private static final int ATTEMPTS = 8;

    private final Jdbi jdbi;

    public JdbcRevocationStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Created create(Revocation entry, Instant at) {
        return retrying(() -> jdbi.inTransaction(handle -> {
            Optional<Revocation> existing = handle.createQuery("SELECT " + COLUMNS
                            + " FROM revocations WHERE application_id = :app AND kind = :kind AND match_value = :value")
                    .bind("app", entry.applicationId())
                    .bind("kind", entry.kind().wireName())
                    .bind("value", entry.value())
                    .map((rs, ctx) -> revocation(rs))
                    .findFirst();
            if (existing.isPresent() && existing.get().activeAt(at)) {
                return new Created(existing.get(), false);
            }
            long seq = nextSequence(handle);
            if (existing.isPresent()) {
                handle.createUpdate("UPDATE revocations SET id = :id, match_alias = :alias, created_at = :createdAt,"
                                + " ends_at = :endsAt, seq = :seq WHERE id = :old")
                        .bind("id", entry.id())
                        .bind("alias", entry.alias().orElse(null))
                        .bind("createdAt", entry.createdAt().toEpochMilli())
                        .bind("endsAt", entry.endsAt().toEpochMilli())
                        .bind("seq", seq)
                        .bind("old", existing.get().id())
                        .execute();
            } else {
                handle.createUpdate("INSERT INTO revocations (" + COLUMNS + ") VALUES (:id, :app, :kind, :value,"
                                + " :alias, :createdAt, :endsAt, :seq)")
                        .bind("id", entry.id())
                        .bind("app", entry.applicationId())
                        .bind("kind", entry.kind().wireName())
                        .bind("value", entry.value())
                        .bind("alias", entry.alias().orElse(null))
                        .bind("createdAt", entry.createdAt().toEpochMilli())
                        .bind("endsAt", entry.endsAt().toEpochMilli())
                        .bind("seq", seq)
                        .execute();
            }
            return new Created(
                    new Revocation(
                            entry.id(),
                            entry.applicationId(),
                            entry.kind(),
                            entry.value(),
                            entry.alias(),
                            entry.createdAt(),
                            entry.endsAt(),
                            seq),
                    true);
        }));
    }

    @Override
    public Optional<Revocation> find(String applicationId, String id) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT " + COLUMNS + " FROM revocations WHERE application_id = :app AND id = :id")
                .bind("app", applicationId)
                .bind("id", id)
                .map((rs, ctx) -> revocation(rs))
                .findFirst());
    }

    @Override
    public List<Revocation> listActive(String applicationId, Instant at, int limit) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM revocations"
                        + " WHERE application_id = :app AND ends_at > :at ORDER BY created_at DESC, id"
                        + " FETCH FIRST " + bounded(limit) + " ROWS ONLY")
                .bind("app", applicationId)
                .bind("at", at.toEpochMilli())
                .map((rs, ctx) -> revocation(rs))
                .list());
    }

    @Override
    public boolean withdraw(String applicationId, String id, Instant at) {
        return retrying(() -> jdbi.inTransaction(handle -> {
            long seq = nextSequence(handle);
            return handle.createUpdate("UPDATE revocations SET ends_at = :at, seq = :seq"
                                    + " WHERE application_id = :app AND id = :id AND ends_at > :at")
                            .bind("app", applicationId)
                            .bind("id", id)
                            .bind("at", at.toEpochMilli())
                            .bind("seq", seq)
                            .execute()
                    > 0;
        }));
    }

    @Override
    public List<Revocation> changedSince(long sequence, int limit) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM revocations"
                        + " WHERE seq > :seq ORDER BY seq FETCH FIRST " + bounded(limit) + " ROWS ONLY")
                .bind("seq", sequence)
                .map((rs, ctx) -> revocation(rs))
                .list());
    }

    @Override
    public int purgeEndedBefore(Instant before, int limit) {
        return jdbi.withHandle(handle -> handle.createUpdate("DELETE FROM revocations WHERE id IN (SELECT id FROM"
                        + " revocations WHERE ends_at < :before ORDER BY ends_at FETCH FIRST " + bounded(limit)
                        + " ROWS ONLY)")
                .bind("before", before.toEpochMilli())
                .execute());
    }

    private static long nextSequence(Handle handle) {
        return handle.createQuery("SELECT COALESCE(MAX(seq), 0) + 1 FROM revocations")
                .mapTo(Long.class)
                .one();
    }

    private static <T> T retrying(java.util.function.Supplier<T> change) {
        for (int attempt = 1; ; attempt++) {
            try {
                return change.get();
            } catch (UnableToExecuteStatementException e) {
                // Another writer took the same sequence number (or made the same match) and committed first.
                if (!UniqueViolation.caused(e) || attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private static int bounded(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        return limit;
    }

    private static Revocation revocation(ResultSet rs) throws SQLException {
        String kind = rs.getString("kind");
        return new Revocation(
                rs.getString("id"),
                rs.getString("application_id"),
                RevocationKind.fromWireName(kind)
                        .orElseThrow(() -> new IllegalStateException("unknown revocation kind in the table: " + kind)),
                rs.getString("match_value"),
                Optional.ofNullable(rs.getString("match_alias")),
                Instant.ofEpochMilli(rs.getLong("created_at")),
                Instant.ofEpochMilli(rs.getLong("ends_at")),
                rs.getLong("seq"));
    }
}
