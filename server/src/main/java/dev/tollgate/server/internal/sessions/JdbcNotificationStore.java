package dev.tollgate.server.internal.sessions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.server.internal.http.JsonFields;
import dev.tollgate.server.internal.store.UniqueViolation;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementException;

/**
 * {@link NotificationStore} on JDBC (H2 or PostgreSQL). Thread-safe.
 *
 * <p>Readers page by {@code seq}. On PostgreSQL two transactions can commit their events out of sequence order, so a
 * reader that polls exactly between the two commits could step past the later-committed, lower-numbered event; the
 * writes here are single short transactions, which makes that window small, and a reader that must not miss one
 * re-reads from a little before its last {@code seq}.
 */
public final class JdbcNotificationStore implements NotificationStore {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Jdbi jdbi;

    public JdbcNotificationStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Writes an event inside the caller's transaction, so that the change and its event commit together. */
    static void append(Handle handle, String applicationId, String type, Map<String, Object> payload, Instant at) {
        String json;
        try {
            json = JSON.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the payload of " + type, e);
        }
        handle.createUpdate("INSERT INTO notification_events (application_id, event_type, payload, created_at)"
                        + " VALUES (:app, :type, :payload, :at)")
                .bind("app", applicationId)
                .bind("type", type)
                .bind("payload", json)
                .bind("at", at.toEpochMilli())
                .execute();
    }

    @Override
    public void subscribe(String sessionId, List<String> types, Instant at) {
        // UPDATE, else INSERT, rather than MERGE (PostgreSQL 15 only) or DELETE + INSERT: two concurrent requests both
        // deleted nothing and the second INSERT broke the primary key. When a concurrent INSERT wins, its row exists
        // and the UPDATE that follows overwrites it: the last writer wins, as for any PUT.
        String events = String.join(" ", types);
        for (int attempt = 0; attempt < 3; attempt++) {
            if (update(sessionId, events, at) > 0) {
                return;
            }
            try {
                jdbi.useHandle(handle -> handle.createUpdate("INSERT INTO notification_subscriptions (session_id,"
                                + " events, updated_at) VALUES (:id, :events, :at)")
                        .bind("id", sessionId)
                        .bind("events", events)
                        .bind("at", at.toEpochMilli())
                        .execute());
                return;
            } catch (StatementException e) {
                if (!UniqueViolation.caused(e)) {
                    throw e;
                }
            }
        }
        throw new IllegalStateException("the subscription of session " + sessionId + " was neither updated nor"
                + " inserted in three attempts");
    }

    private int update(String sessionId, String events, Instant at) {
        return jdbi.withHandle(handle -> handle.createUpdate(
                        "UPDATE notification_subscriptions SET events = :events, updated_at = :at WHERE session_id = :id")
                .bind("id", sessionId)
                .bind("events", events)
                .bind("at", at.toEpochMilli())
                .execute());
    }

    @Override
    public List<String> subscription(String sessionId) {
        return jdbi.withHandle(handle -> handle.createQuery(
                                "SELECT events FROM notification_subscriptions WHERE session_id = :id")
                        .bind("id", sessionId)
                        .mapTo(String.class)
                        .findOne())
                .map(JsonFields::words)
                .orElse(List.of());
    }

    @Override
    public List<NotificationEvent> events(String applicationId, List<String> types, long after, int limit) {
        if (types.isEmpty()) {
            return List.of();
        }
        return jdbi.withHandle(handle -> handle.createQuery("SELECT seq, event_type, payload, created_at"
                        + " FROM notification_events WHERE application_id = :app AND seq > :after"
                        + " AND event_type IN (<types>) ORDER BY seq LIMIT :limit")
                .bind("app", applicationId)
                .bind("after", after)
                .bindList("types", types)
                .bind("limit", limit)
                .map((rs, ctx) -> new NotificationEvent(
                        rs.getLong("seq"),
                        rs.getString("event_type"),
                        rs.getString("payload"),
                        Instant.ofEpochMilli(rs.getLong("created_at"))))
                .list());
    }
}
