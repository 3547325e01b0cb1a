package dev.tollgate.server.internal.sessions;

import dev.tollgate.server.internal.usage.UsageEvent;
import java.time.Instant;
import java.util.Optional;

/** Sessions. Implementations are thread-safe. Schema: {@code db/tollgate/V4__sessions.sql}, {@code V7__conferences_and_notifications.sql}. */
public interface SessionStore {
    /**
     * Inserts the session and its usage event in one transaction: a session is never stored unrecorded, and a usage
     * event never counts a session that was not stored.
     */
    void insert(Session session, UsageEvent opened);

    Optional<Session> find(String id);

    /**
     * Changes the participant name and writes the {@code participant.updated} event in the same transaction; false
     * when the session does not exist.
     */
    boolean rename(Session session, String name, Instant at);
}
