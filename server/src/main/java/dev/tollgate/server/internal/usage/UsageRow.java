package dev.tollgate.server.internal.usage;

import dev.tollgate.edge.Action;
import java.time.LocalDate;
import java.util.Optional;

/**
 * One row of a usage report: the grouped values and how many events they cover. A value is empty when the report is
 * not grouped by it, and the tag is also empty for the events that carry no tag; the channel is the event's channel ID
 * when its token named the channel by ID, empty otherwise.
 *
 * <p>Immutable and thread-safe.
 */
public record UsageRow(
        Optional<String> tag,
        Optional<Action> action,
        Optional<LocalDate> day,
        Optional<String> channel,
        Optional<String> application,
        long count) {}
