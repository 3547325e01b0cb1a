package dev.tollgate.client;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A usage report ({@code GET /v1/usage}): event counts of one application over {@code [from, to)}, grouped by the
 * columns in {@link #groupBy()}. Immutable and thread-safe.
 *
 * @param applicationId whose usage
 * @param from inclusive start
 * @param to exclusive end
 * @param groupBy the grouped columns, in order ({@code tag}, {@code action}, {@code day})
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
     * One row. A value is empty when the report is not grouped by it; the tag is also empty for events whose token
     * applied no tag (client access token sessions, untagged EdgeAuth tokens).
     *
     * @param tag an applied tag, e.g. {@code customer=acme-corp}
     * @param action {@code authenticate}, {@code subscribe} or {@code publish}
     * @param day the UTC day
     * @param count how many events
     */
    public record Row(Optional<String> tag, Optional<String> action, Optional<LocalDate> day, long count) {
        public Row {
            Objects.requireNonNull(tag, "tag");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(day, "day");
        }
    }
}
