package dev.tollgate.server.internal.applications;

import dev.tollgate.server.internal.http.JsonFields;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** {@link ApplicationStore} on JDBC (H2 or PostgreSQL). Thread-safe. */
public final class JdbcApplicationStore implements ApplicationStore {
    private static final String SELECT_APPLICATIONS = "SELECT a.id, a.name, a.scopes, a.created_at, a.updated_at,"
            + " (SELECT COUNT(*) FROM application_secrets s WHERE s.application_id = a.id) AS active_secrets"
            + " FROM applications a";

    private final Jdbi jdbi;

    public JdbcApplicationStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void insert(String id, String name, List<String> scopes, StoredSecret firstSecret, Instant now) {
        jdbi.useTransaction(handle -> {
            handle.createUpdate("INSERT INTO applications (id, name, scopes, created_at, updated_at)"
                            + " VALUES (:id, :name, :scopes, :now, :now)")
                    .bind("id", id)
                    .bind("name", name)
                    .bind("scopes", String.join(" ", scopes))
                    .bind("now", now.toEpochMilli())
                    .execute();
            insertSecret(handle, id, firstSecret.id(), firstSecret.generation(), firstSecret.sealed(), now);
        });
    }

    @Override
    public Optional<Application> find(String id) {
        return jdbi.withHandle(handle -> handle.createQuery(SELECT_APPLICATIONS + " WHERE a.id = :id")
                .bind("id", id)
                .map((rs, ctx) -> application(rs))
                .findOne());
    }

    @Override
    public List<Application> list() {
        return jdbi.withHandle(handle -> handle.createQuery(SELECT_APPLICATIONS + " ORDER BY a.created_at, a.id")
                .map((rs, ctx) -> application(rs))
                .list());
    }

    @Override
    public List<StoredSecret> secrets(String id) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT id, generation, sealed, created_at"
                        + " FROM application_secrets WHERE application_id = :id ORDER BY generation DESC")
                .bind("id", id)
                .map((rs, ctx) -> new StoredSecret(
                        rs.getString("id"),
                        rs.getInt("generation"),
                        rs.getString("sealed"),
                        Instant.ofEpochMilli(rs.getLong("created_at"))))
                .list());
    }

    @Override
    public boolean addSecret(String id, String secretId, String sealed, Instant now) {
        return jdbi.inTransaction(handle -> {
            if (touch(handle, id, now) == 0) {
                return false;
            }
            // The UNIQUE (application_id, generation) constraint makes a concurrent rotation fail instead of
            // producing two "current" secrets.
            int generation = handle.createQuery(
                            "SELECT COALESCE(MAX(generation), 0) FROM application_secrets WHERE application_id = :id")
                    .bind("id", id)
                    .mapTo(Integer.class)
                    .one();
            insertSecret(handle, id, secretId, generation + 1, sealed, now);
            return true;
        });
    }

    @Override
    public Optional<Integer> retireOlderSecrets(String id, Instant now) {
        return jdbi.inTransaction(handle -> {
            if (touch(handle, id, now) == 0) {
                return Optional.empty();
            }
            int deleted = handle.createUpdate("DELETE FROM application_secrets WHERE application_id = :id"
                            + " AND generation < (SELECT MAX(generation) FROM application_secrets"
                            + " WHERE application_id = :id)")
                    .bind("id", id)
                    .execute();
            return Optional.of(deleted);
        });
    }

    @Override
    public boolean delete(String id) {
        return jdbi.inTransaction(handle -> {
            handle.createUpdate("DELETE FROM application_secrets WHERE application_id = :id")
                    .bind("id", id)
                    .execute();
            return handle.createUpdate("DELETE FROM applications WHERE id = :id")
                            .bind("id", id)
                            .execute()
                    > 0;
        });
    }

    private static int touch(Handle handle, String id, Instant now) {
        return handle.createUpdate("UPDATE applications SET updated_at = :now WHERE id = :id")
                .bind("id", id)
                .bind("now", now.toEpochMilli())
                .execute();
    }

    private static void insertSecret(
            Handle handle, String id, String secretId, int generation, String sealed, Instant now) {
        handle.createUpdate("INSERT INTO application_secrets (id, application_id, generation, sealed, created_at)"
                        + " VALUES (:secretId, :id, :generation, :sealed, :now)")
                .bind("secretId", secretId)
                .bind("id", id)
                .bind("generation", generation)
                .bind("sealed", sealed)
                .bind("now", now.toEpochMilli())
                .execute();
    }

    private static Application application(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Application(
                rs.getString("id"),
                rs.getString("name"),
                JsonFields.words(rs.getString("scopes")),
                rs.getInt("active_secrets"),
                Instant.ofEpochMilli(rs.getLong("created_at")),
                Instant.ofEpochMilli(rs.getLong("updated_at")));
    }
}
