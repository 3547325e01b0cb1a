package dev.tollgate.server.internal.usage;

import dev.tollgate.edge.Action;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of the usage sessions' part of a report: the grouped values, and the viewer ({@code subscribe}) and publisher
 * ({@code publish}) sessions and milliseconds they cover inside the report's window. A value is empty when the report
 * is not grouped by it; the tag is also empty for sessions without a tag, the channel for sessions without a channel.
 *
 * <p>A session counts when it overlaps the window: it started inside {@code [from, to)}, or started before {@code
 * from} and its end (its last sign of life while open) lies after {@code from}. Its milliseconds are those of {@code
 * [start, end)} inside {@code [from, to)}; its day is the UTC day of {@code max(start, from)}.
 *
 * <p>Immutable and thread-safe.
 */
public record UsageSessionRow(
        Optional<String> tag,
        Optional<Action> action,
        Optional<LocalDate> day,
        Optional<String> channel,
        Optional<String> application,
        long viewerSessions,
        long viewerMillis,
        long publisherSessions,
        long publisherMillis) {
    public UsageSessionRow {
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(application, "application");
    }
}
