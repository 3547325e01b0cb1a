package dev.tollgate.server.internal.sessions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.server.internal.usage.UsageEvent;
import dev.tollgate.server.internal.usage.UsageEventWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** {@link SessionStore} on JDBC (H2 or PostgreSQL). Thread-safe. */
public final class JdbcSessionStore implements SessionStore {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Jdbi jdbi;

    public JdbcSessionStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void insert(Session session, UsageEvent opened) {
        jdbi.useTransaction(handle -> {
            handle.createUpdate("INSERT INTO sessions (id, application_id, external_id,"
                            + " participant_name, avatar_url, tags, identity_source, scope, opener, created_at, expires_at) VALUES (:id,"
                            + " :app, :externalId, :name, :avatarUrl, :tags, :source, :scope, :opener, :createdAt,"
                            + " :expiresAt)")
                    .bind("id", session.id())
                    .bind("app", session.applicationId())
                    .bind("externalId", session.externalId().orElse(null))
                    .bind("name", session.name().orElse(null))
                    .bind("avatarUrl", session.avatarUrl().orElse(null))
                    .bind("tags", tags(session.tags()))
                    .bind("source", session.identitySource())
                    .bind("scope", session.scope())
                    .bind("opener", session.opener())
                    .bind("createdAt", session.createdAt().toEpochMilli())
                    .bind("expiresAt", session.expiresAt().toEpochMilli())
                    .execute();
            UsageEventWriter.insert(handle, opened);
        });
    }

    @Override
    public Optional<Session> find(String id) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT id, application_id, external_id, participant_name,"
                        + " avatar_url, tags, identity_source, scope, opener, created_at, expires_at FROM sessions"
                        + " WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> new Session(
                        rs.getString("id"),
                        rs.getString("application_id"),
                        Optional.ofNullable(rs.getString("external_id")),
                        Optional.ofNullable(rs.getString("participant_name")),
                        Optional.ofNullable(rs.getString("avatar_url")),
                        tags(rs.getString("tags")),
                        rs.getString("identity_source"),
                        rs.getString("scope"),
                        Optional.ofNullable(rs.getString("opener")).orElse(""),
                        Instant.ofEpochMilli(rs.getLong("created_at")),
                        Instant.ofEpochMilli(rs.getLong("expires_at"))))
                .findOne());
    }

    // Tags are free text (spaces, commas), so they are kept as a JSON array.
    private static String tags(List<String> tags) {
        try {
            return JSON.writeValueAsString(tags);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> tags(String json) {
        try {
            return List.of(JSON.readValue(json, String[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("damaged tags in the sessions table", e);
        }
    }

    @Override
    public boolean rename(Session session, String name, Instant at) {
        return jdbi.inTransaction(handle -> {
            int updated = handle.createUpdate("UPDATE sessions SET participant_name = :name WHERE id = :id")
                    .bind("id", session.id())
                    .bind("name", name)
                    .execute();
            if (updated == 0) {
                return false;
            }
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("sessionId", session.id());
            session.externalId().ifPresent(id -> payload.put("externalId", id));
            payload.put("name", name);
            JdbcNotificationStore.append(
                    handle, session.applicationId(), NotificationEvent.PARTICIPANT_UPDATED, payload, at);
            return true;
        });
    }
}
