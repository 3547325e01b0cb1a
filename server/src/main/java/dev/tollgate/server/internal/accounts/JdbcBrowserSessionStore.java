package dev.tollgate.server.internal.accounts;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** {@link BrowserSessionStore} on JDBC (H2 or PostgreSQL). Thread-safe. */
public final class JdbcBrowserSessionStore implements BrowserSessionStore {
    private final Jdbi jdbi;

    public JdbcBrowserSessionStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void insert(String digest, String accountId, Instant now, Instant expiresAt) {
        jdbi.useHandle(handle -> handle.createUpdate(
                        "INSERT INTO browser_sessions (digest, account_id, created_at, last_seen_at, expires_at)"
                                + " VALUES (:digest, :account, :now, :now, :expires)")
                .bind("digest", digest)
                .bind("account", accountId)
                .bind("now", now.toEpochMilli())
                .bind("expires", expiresAt.toEpochMilli())
                .execute());
    }

    @Override
    public Optional<Stored> find(String digest) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT digest, account_id, created_at, last_seen_at, expires_at FROM browser_sessions"
                                + " WHERE digest = :digest")
                .bind("digest", digest)
                .map((rs, ctx) -> new Stored(
                        rs.getString("digest"),
                        rs.getString("account_id"),
                        Instant.ofEpochMilli(rs.getLong("created_at")),
                        Instant.ofEpochMilli(rs.getLong("last_seen_at")),
                        Instant.ofEpochMilli(rs.getLong("expires_at"))))
                .findOne());
    }

    @Override
    public void touch(String digest, Instant at) {
        jdbi.useHandle(handle -> handle.createUpdate(
                        "UPDATE browser_sessions SET last_seen_at = :at WHERE digest = :digest AND last_seen_at < :at")
                .bind("digest", digest)
                .bind("at", at.toEpochMilli())
                .execute());
    }

    @Override
    public boolean delete(String digest) {
        return jdbi.withHandle(handle -> handle.createUpdate("DELETE FROM browser_sessions WHERE digest = :digest")
                        .bind("digest", digest)
                        .execute())
                > 0;
    }

    @Override
    public int deleteAll(String accountId) {
        return jdbi.withHandle(handle -> handle.createUpdate("DELETE FROM browser_sessions WHERE account_id = :account")
                .bind("account", accountId)
                .execute());
    }

    @Override
    public int deleteEnded(String accountId, Instant now, Instant idleSince) {
        return jdbi.withHandle(handle -> handle.createUpdate("DELETE FROM browser_sessions WHERE account_id = :account"
                        + " AND (expires_at <= :now OR last_seen_at <= :idle)")
                .bind("account", accountId)
                .bind("now", now.toEpochMilli())
                .bind("idle", idleSince.toEpochMilli())
                .execute());
    }
}
