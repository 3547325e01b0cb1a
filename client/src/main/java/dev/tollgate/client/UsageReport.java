package dev.tollgate.client;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A usage report ({@code GET /v1/usage}): event counts and usage session minutes of one application over {@code [from, to)}, grouped by the
 * columns in {@link #groupBy()}. Immutable and thread-safe.
 *
 * @param applicationId whose usage
 * @param from inclusive start
 * @param to exclusive end
 * @param groupBy the grouped columns, in order ({@code tag}, {@code action}, {@code day}, {@code channel}, {@code application})
 * @param rows the counts, ordered by the grouped columns
 * @param truncated whether the server cut the rows at its limit (narrow the range or the grouping)
 */
public record UsageReport(
        String applicationId, Instant from, Instant to, List<String> groupBy, List<Row> rows, boolean truncated) {

    public UsageReport {
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        groupBy = List.copyOf(groupBy);
        rows = List.copyOf(rows);
    }

    /**
     * One row. A value is empty when the report is not grouped by it; the tag is also empty for events and sessions
     * whose token applied no tag (client access token sessions, untagged EdgeAuth tokens), the channel for those
     * without a channel ID.
     *
     * <p>A usage session counts when it overlaps {@code [from, to)}, with only its minutes inside the window (an open
     * one until its last sign of life), on the UTC day it started or, started before the window, on {@code from}'s.
     *
     * @param tag an applied tag, e.g. {@code customer=acme-corp}
     * @param action {@code authenticate}, {@code subscribe} or {@code publish}
     * @param day the UTC day
     * @param channel the channel's ID
     * @param application the application's ID
     * @param count how many usage events (sessions opened, streams authorised)
     * @param viewerSessions how many play sessions
     * @param viewerMinutes their minutes inside the window, to 3 decimals
     * @param publisherSessions how many publish sessions
     * @param publisherMinutes their minutes inside the window, to 3 decimals
     */
    public record Row(
            Optional<String> tag,
            Optional<String> action,
            Optional<LocalDate> day,
            Optional<String> channel,
            Optional<String> application,
            long count,
            long viewerSessions,
            double viewerMinutes,
            long publisherSessions,
            double publisherMinutes) {
        public Row {
            Objects.requireNonNull(tag, "tag");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(day, "day");
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(application, "application");
        }

        /** A row of usage events only, as servers before usage sessions answered. */
        public Row(Optional<String> tag, Optional<String> action, Optional<LocalDate> day, long count) {
            this(tag, action, day, Optional.empty(), Optional.empty(), count, 0, 0, 0, 0);
        }
    }
}
