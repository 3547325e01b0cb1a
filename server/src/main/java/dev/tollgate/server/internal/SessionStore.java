package dev.tollgate.server.internal;

import java.util.Optional;

/** Sessions. Implementations are thread-safe. Schema: {@code db/tollgate/V4__sessions.sql}. */
public interface SessionStore {
    void insert(Session session);

    Optional<Session> find(String id);

    /** Changes the participant name; false when the session does not exist. */
    boolean rename(String id, String name);
}
