package dev.tollgate.server.internal.keys;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** {@link SigningKeyStore} on JDBC (H2 or PostgreSQL). Thread-safe. */
public final class JdbcSigningKeyStore implements SigningKeyStore {
    private static final String SELECT =
            "SELECT kid, algorithm, public_jwk, sealed_private_jwk, created_at, retired_at,"
                    + " published_until FROM signing_keys";

    private final Jdbi jdbi;

    public JdbcSigningKeyStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Optional<StoredSigningKey> current() {
        return jdbi.withHandle(
                handle -> handle.createQuery(SELECT + " WHERE retired_at IS NULL ORDER BY created_at DESC, kid")
                        .map((rs, ctx) -> key(rs))
                        .findFirst());
    }

    @Override
    public Optional<StoredSigningKey> find(String kid) {
        return jdbi.withHandle(handle -> handle.createQuery(SELECT + " WHERE kid = :kid")
                .bind("kid", kid)
                .map((rs, ctx) -> key(rs))
                .findOne());
    }

    @Override
    public List<StoredSigningKey> published(Instant now) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        SELECT + " WHERE published_until IS NULL OR published_until > :now ORDER BY created_at DESC")
                .bind("now", now.toEpochMilli())
                .map((rs, ctx) -> key(rs))
                .list());
    }

    @Override
    public void insert(StoredSigningKey key) {
        jdbi.useHandle(handle -> handle.createUpdate("INSERT INTO signing_keys (kid, algorithm, public_jwk,"
                        + " sealed_private_jwk, created_at) VALUES (:kid, :algorithm, :publicJwk, :sealed, :createdAt)")
                .bind("kid", key.kid())
                .bind("algorithm", key.algorithm())
                .bind("publicJwk", key.publicJwk())
                .bind("sealed", key.sealedPrivateJwk())
                .bind("createdAt", key.createdAt().toEpochMilli())
                .execute());
    }

    @Override
    public List<String> retireCurrent(Instant now, Instant publishedUntil) {
        return jdbi.inTransaction(handle -> {
            List<String> kids = handle.createQuery("SELECT kid FROM signing_keys WHERE retired_at IS NULL")
                    .mapTo(String.class)
                    .list();
            handle.createUpdate("UPDATE signing_keys SET retired_at = :now, published_until = :until"
                            + " WHERE retired_at IS NULL")
                    .bind("now", now.toEpochMilli())
                    .bind("until", publishedUntil.toEpochMilli())
                    .execute();
            return kids;
        });
    }

    private static StoredSigningKey key(ResultSet rs) throws SQLException {
        long retired = rs.getLong("retired_at");
        boolean retiredNull = rs.wasNull();
        long until = rs.getLong("published_until");
        boolean untilNull = rs.wasNull();
        return new StoredSigningKey(
                rs.getString("kid"),
                rs.getString("algorithm"),
                rs.getString("public_jwk"),
                rs.getString("sealed_private_jwk"),
                Instant.ofEpochMilli(rs.getLong("created_at")),
                retiredNull ? Optional.empty() : Optional.of(Instant.ofEpochMilli(retired)),
                untilNull ? Optional.empty() : Optional.of(Instant.ofEpochMilli(until)));
    }
}
