package dev.tollgate.server.internal;

import java.time.Instant;
import java.util.Optional;

/** Sessions. Implementations are thread-safe. Schema: {@code db/tollgate/V4__sessions.sql}, {@code V7__conferences_and_notifications.sql}. */
public interface SessionStore {
    void insert(Session session);

    Optional<Session> find(String id);

    /**
     * Changes the participant name and writes the {@code participant.updated} event in the same transaction; false
     * when the session does not exist.
     */
    boolean rename(Session session, String name, Instant at);
}
