package dev.tollgate.server.internal.sessions;

import java.time.Instant;
import java.util.List;

/**
 * Notification subscriptions of sessions, and the event log they read. Events are written by the stores whose change
 * they report, in the same transaction ({@link JdbcNotificationStore#append}). Implementations are thread-safe.
 * Schema: {@code db/tollgate/V7__conferences_and_notifications.sql}.
 */
public interface NotificationStore {
    /** Replaces what the session subscribes to (an empty list unsubscribes). */
    void subscribe(String sessionId, List<String> types, Instant at);

    /** What the session subscribes to; empty when it never subscribed. */
    List<String> subscription(String sessionId);

    /** The application's events of the given types after {@code after}, oldest first, at most {@code limit}. */
    List<NotificationEvent> events(String applicationId, List<String> types, long after, int limit);
}
