package dev.tollgate.server.internal.usage;

import java.time.Instant;
import java.util.List;

/**
 * Usage events and the reports over them. Implementations are thread-safe. Schema: {@code V6__usage.sql}, {@code
 * V9__usage_retention.sql}.
 */
public interface UsageStore {
    /** Stores the event and its tags atomically. */
    void record(UsageEvent event);

    /**
     * Counts the events the query selects, grouped as it asks, ordered by the grouped columns (events without a tag
     * last); at most {@code limit} rows.
     */
    List<UsageRow> report(UsageQuery query, int limit);

    /** Deletes at most {@code limit} of the oldest events that occurred before {@code before}, with their tags. */
    int purgeBefore(Instant before, int limit);
}
