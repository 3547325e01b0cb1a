package dev.tollgate.server.internal.usage;

import dev.tollgate.edge.Action;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a usage report counts: one application's events in {@code [from, to)}, optionally only those carrying every
 * tag in {@code tags} and one of {@code actions}, grouped by {@code groupBy}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param applicationId whose events
 * @param from inclusive
 * @param to exclusive
 * @param tags the event must carry each of them; empty for no tag filter
 * @param actions the event's action must be one of them; empty for any
 * @param groupBy the report's columns besides the count, in the order given; at least one
 */
public record UsageQuery(
        String applicationId, Instant from, Instant to, List<String> tags, Set<Action> actions, List<Column> groupBy) {

    /** A column a report can be grouped by. */
    public enum Column {
        TAG("tag"),
        ACTION("action"),
        DAY("day"),
        /** The channel's ID: a session's channel, an event's when its token named the channel by ID. */
        CHANNEL("channel"),
        APPLICATION("application");

        private final String code;

        Column(String code) {
            this.code = code;
        }

        /** The wire name, as in {@code groupBy=tag,day}. */
        public String code() {
            return code;
        }
    }

    public UsageQuery {
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("to must be after from");
        }
        tags = List.copyOf(tags);
        actions = Set.copyOf(actions);
        groupBy = List.copyOf(groupBy);
        if (groupBy.isEmpty()) {
            throw new IllegalArgumentException("groupBy needs at least one column");
        }
    }
}
