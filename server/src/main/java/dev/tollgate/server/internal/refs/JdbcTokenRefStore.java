package dev.tollgate.server.internal.refs;

import dev.tollgate.server.internal.store.UniqueViolation;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** {@link TokenRefStore} on JDBC (H2 or PostgreSQL). Thread-safe. */
public final class JdbcTokenRefStore implements TokenRefStore {
    private static final String COLUMNS =
            "ref_hash, token_hash, sealed_ref, sealed_token, application_id, expires_at, created_at";

    private final Jdbi jdbi;

    public JdbcTokenRefStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public boolean insert(Stored stored) {
        try {
            jdbi.useHandle(handle -> handle.createUpdate("INSERT INTO token_refs (" + COLUMNS + ") VALUES (:refHash,"
                            + " :tokenHash, :sealedRef, :sealedToken, :app, :expiresAt, :createdAt)")
                    .bind("refHash", stored.refHash())
                    .bind("tokenHash", stored.tokenHash())
                    .bind("sealedRef", stored.sealedRef())
                    .bind("sealedToken", stored.sealedToken())
                    .bind("app", stored.applicationId())
                    .bind("expiresAt", stored.expiresAt().toEpochMilli())
                    .bind("createdAt", stored.createdAt().toEpochMilli())
                    .execute());
            return true;
        } catch (UnableToExecuteStatementException e) {
            if (UniqueViolation.caused(e)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Optional<Stored> findByRefHash(String refHash) {
        return find("ref_hash", refHash);
    }

    @Override
    public Optional<Stored> findByTokenHash(String tokenHash) {
        return find("token_hash", tokenHash);
    }

    @Override
    public void delete(String refHash) {
        jdbi.useHandle(handle -> handle.createUpdate("DELETE FROM token_refs WHERE ref_hash = :hash")
                .bind("hash", refHash)
                .execute());
    }

    private Optional<Stored> find(String column, String hash) {
        return jdbi.withHandle(
                handle -> handle.createQuery("SELECT " + COLUMNS + " FROM token_refs WHERE " + column + " = :hash")
                        .bind("hash", hash)
                        .map((rs, ctx) -> stored(rs))
                        .findOne());
    }

    @Override
    public int purgeExpired(Instant before, int limit) {
        // Bounded: a purge never holds locks on more than `limit` rows, whatever piled up.
        return jdbi.withHandle(handle -> handle.createUpdate("DELETE FROM token_refs WHERE ref_hash IN (SELECT"
                        + " ref_hash FROM token_refs WHERE expires_at < :before ORDER BY expires_at"
                        + " FETCH FIRST " + limit + " ROWS ONLY)")
                .bind("before", before.toEpochMilli())
                .execute());
    }

    private static Stored stored(ResultSet rs) throws SQLException {
        return new Stored(
                rs.getString("ref_hash"),
                rs.getString("token_hash"),
                rs.getString("sealed_ref"),
                rs.getString("sealed_token"),
                rs.getString("application_id"),
                Instant.ofEpochMilli(rs.getLong("expires_at")),
                Instant.ofEpochMilli(rs.getLong("created_at")));
    }
}
