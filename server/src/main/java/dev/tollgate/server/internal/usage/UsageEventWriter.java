package dev.tollgate.server.internal.usage;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The usage tables' insert ({@code V6__usage.sql}), for the JDBC stores that record an event inside a transaction of
 * their own: {@link JdbcUsageStore}, and the session store, which stores a session and its usage together. Other code
 * records through {@link UsageStore}. Stateless.
 */
public final class UsageEventWriter {
    private UsageEventWriter() {}

    /** Writes the event and its tags inside the caller's transaction, so that a change and its usage commit together. */
    public static void insert(Handle handle, UsageEvent event) {
        handle.createUpdate("INSERT INTO usage_events (id, application_id, action, target_kind, target_value,"
                        + " occurred_at) VALUES (:id, :app, :action, :kind, :value, :at)")
                .bind("id", event.id())
                .bind("app", event.applicationId())
                .bind("action", event.action().wireName())
                .bind("kind", event.targetKind())
                .bind("value", event.targetValue().orElse(null))
                .bind("at", event.occurredAt().toEpochMilli())
                .execute();
        if (event.tags().isEmpty()) {
            return;
        }
        PreparedBatch batch = handle.prepareBatch("INSERT INTO usage_event_tags (event_id, application_id,"
                + " occurred_at, tag) VALUES (:id, :app, :at, :tag)");
        for (String tag : event.tags()) {
            batch.bind("id", event.id())
                    .bind("app", event.applicationId())
                    .bind("at", event.occurredAt().toEpochMilli())
                    .bind("tag", tag)
                    .add();
        }
        batch.execute();
    }
}
