package dev.tollgate.server.internal.accounts;

import dev.tollgate.server.internal.store.UniqueViolation;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** {@link AccountStore} on JDBC (H2 or PostgreSQL). Thread-safe. */
public final class JdbcAccountStore implements AccountStore {
    private static final String SELECT_ACCOUNTS =
            "SELECT id, email, role, password_hash IS NOT NULL AS password_set, created_at FROM accounts";

    private final Jdbi jdbi;

    public JdbcAccountStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public boolean insert(Account account) {
        try {
            jdbi.useHandle(handle -> handle.createUpdate(
                            "INSERT INTO accounts (id, email, role, password_hash, created_at, updated_at)"
                                    + " VALUES (:id, :email, :role, NULL, :now, :now)")
                    .bind("id", account.id())
                    .bind("email", account.email())
                    .bind("role", account.role().wireName())
                    .bind("now", account.createdAt().toEpochMilli())
                    .execute());
            return true;
        } catch (RuntimeException e) {
            if (UniqueViolation.caused(e)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Optional<Account> find(String id) {
        return jdbi.withHandle(handle -> handle.createQuery(SELECT_ACCOUNTS + " WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> account(rs))
                .findOne());
    }

    @Override
    public Optional<Account> findByEmail(String email) {
        return jdbi.withHandle(handle -> handle.createQuery(SELECT_ACCOUNTS + " WHERE email = :email")
                .bind("email", email)
                .map((rs, ctx) -> account(rs))
                .findOne());
    }

    @Override
    public Optional<String> passwordHash(String id) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT password_hash FROM accounts WHERE id = :id AND password_hash IS NOT NULL")
                .bind("id", id)
                .mapTo(String.class)
                .findOne());
    }

    @Override
    public List<Account> list() {
        return jdbi.withHandle(handle -> handle.createQuery(SELECT_ACCOUNTS + " ORDER BY created_at, id")
                .map((rs, ctx) -> account(rs))
                .list());
    }

    @Override
    public long count() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM accounts")
                .mapTo(Long.class)
                .one());
    }

    @Override
    public void addPasswordLink(String accountId, String digest, Instant now, Instant expiresAt) {
        jdbi.useHandle(
                handle -> handle.createUpdate("INSERT INTO password_links (digest, account_id, created_at, expires_at)"
                                + " VALUES (:digest, :account, :now, :expires)")
                        .bind("digest", digest)
                        .bind("account", accountId)
                        .bind("now", now.toEpochMilli())
                        .bind("expires", expiresAt.toEpochMilli())
                        .execute());
    }

    @Override
    public boolean passwordLinkLive(String digest, Instant now) {
        return jdbi.withHandle(handle -> handle.createQuery(
                                "SELECT COUNT(*) FROM password_links WHERE digest = :digest AND expires_at > :now")
                        .bind("digest", digest)
                        .bind("now", now.toEpochMilli())
                        .mapTo(Long.class)
                        .one())
                > 0;
    }

    @Override
    public Optional<String> usePasswordLink(String digest, String passwordHash, Instant now) {
        return jdbi.inTransaction(handle -> {
            Optional<String> accountId = handle.createQuery(
                            "SELECT account_id FROM password_links WHERE digest = :digest AND expires_at > :now")
                    .bind("digest", digest)
                    .bind("now", now.toEpochMilli())
                    .mapTo(String.class)
                    .findOne();
            if (accountId.isEmpty()) {
                handle.createUpdate("DELETE FROM password_links WHERE digest = :digest")
                        .bind("digest", digest)
                        .execute();
                return Optional.<String>empty();
            }
            // The delete decides, not the select: of two requests racing with one link, only one deletes its row.
            int deleted = handle.createUpdate("DELETE FROM password_links WHERE digest = :digest")
                    .bind("digest", digest)
                    .execute();
            if (deleted != 1) {
                return Optional.<String>empty();
            }
            handle.createUpdate("DELETE FROM password_links WHERE account_id = :account")
                    .bind("account", accountId.get())
                    .execute();
            handle.createUpdate("UPDATE accounts SET password_hash = :hash, updated_at = :now WHERE id = :account")
                    .bind("hash", passwordHash)
                    .bind("now", now.toEpochMilli())
                    .bind("account", accountId.get())
                    .execute();
            return accountId;
        });
    }

    @Override
    public boolean grant(String applicationId, String accountId, Instant now) {
        try {
            jdbi.useHandle(handle -> handle.createUpdate(
                            "INSERT INTO application_members (application_id, account_id, created_at)"
                                    + " VALUES (:application, :account, :now)")
                    .bind("application", applicationId)
                    .bind("account", accountId)
                    .bind("now", now.toEpochMilli())
                    .execute());
            return true;
        } catch (RuntimeException e) {
            if (UniqueViolation.caused(e)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public boolean isMember(String applicationId, String accountId) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM application_members"
                                + " WHERE application_id = :application AND account_id = :account")
                        .bind("application", applicationId)
                        .bind("account", accountId)
                        .mapTo(Long.class)
                        .one())
                > 0;
    }

    @Override
    public List<String> applicationsOf(String accountId) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT application_id FROM application_members WHERE account_id = :account"
                                + " ORDER BY application_id")
                .bind("account", accountId)
                .mapTo(String.class)
                .list());
    }

    @Override
    public List<String> membersOf(String applicationId) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT account_id FROM application_members WHERE application_id = :application"
                                + " ORDER BY created_at, account_id")
                .bind("application", applicationId)
                .mapTo(String.class)
                .list());
    }

    private static Account account(ResultSet rs) throws SQLException {
        return new Account(
                rs.getString("id"),
                rs.getString("email"),
                Role.fromWire(rs.getString("role"))
                        .orElseThrow(() -> new IllegalStateException("unknown role in the accounts table")),
                rs.getBoolean("password_set"),
                Instant.ofEpochMilli(rs.getLong("created_at")));
    }
}
