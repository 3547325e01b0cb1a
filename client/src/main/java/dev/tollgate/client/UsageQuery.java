package dev.tollgate.client;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link TollgateClient#usage(Credentials, UsageQuery)} asks {@code GET /v1/usage} for: a time range, tag and
 * action filters, and the columns to group by. Every part is optional: the server defaults to the last 24 hours,
 * grouped by tag. Immutable and thread-safe; built with {@link #builder()}.
 *
 * @param from inclusive start (server default: 24 hours before {@code to})
 * @param to exclusive end (server default: now)
 * @param tags only events carrying every one of these tags
 * @param actions only these actions ({@code authenticate}, {@code subscribe}, {@code publish}); empty for all
 * @param groupBy {@code tag}, {@code action}, {@code day}, {@code channel}, {@code application}, in the order wanted; empty for the server's default (tag)
 * @param applicationId whose usage, for the admin credential; application credentials see only their own
 */
public record UsageQuery(
        Optional<Instant> from,
        Optional<Instant> to,
        List<String> tags,
        List<String> actions,
        List<String> groupBy,
        Optional<String> applicationId) {

    public UsageQuery {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        tags = List.copyOf(tags);
        actions = List.copyOf(actions);
        groupBy = List.copyOf(groupBy);
        Objects.requireNonNull(applicationId, "applicationId");
        // Checked here too, not only in the builder: the values travel in a URL.
        for (String action : actions) {
            if (!Builder.ACTIONS.contains(action)) {
                throw new IllegalArgumentException("action must be one of " + Builder.ACTIONS + ", was " + action);
            }
        }
        for (String column : groupBy) {
            if (!Builder.COLUMNS.contains(column)) {
                throw new IllegalArgumentException("groupBy columns are " + Builder.COLUMNS + ", was " + column);
            }
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link UsageQuery}s; reusable, not thread-safe. */
    public static final class Builder {
        private static final List<String> ACTIONS = List.of("authenticate", "subscribe", "publish");
        private static final List<String> COLUMNS = List.of("tag", "action", "day", "channel", "application");

        private Instant from;
        private Instant to;
        private final List<String> tags = new ArrayList<>();
        private final List<String> actions = new ArrayList<>();
        private final List<String> groupBy = new ArrayList<>();
        private String applicationId;

        private Builder() {}

        /** The range {@code [from, to)}; at most 366 days. */
        public Builder between(Instant from, Instant to) {
            Objects.requireNonNull(from, "from must not be null");
            Objects.requireNonNull(to, "to must not be null");
            if (!to.isAfter(from)) {
                throw new IllegalArgumentException("to (" + to + ") must be after from (" + from + ")");
            }
            this.from = from;
            this.to = to;
            return this;
        }

        /** Inclusive start; without {@link #to}, the range ends now (the server's clock). */
        public Builder from(Instant from) {
            this.from = Objects.requireNonNull(from, "from must not be null");
            return this;
        }

        /** Exclusive end; without {@link #from}, the range starts 24 hours before it. */
        public Builder to(Instant to) {
            this.to = Objects.requireNonNull(to, "to must not be null");
            return this;
        }

        /** Only events carrying {@code tag} (for example {@code customer=acme-corp}); repeat to narrow further. */
        public Builder tag(String tag) {
            Objects.requireNonNull(tag, "tag must not be null");
            if (tag.isEmpty()) {
                throw new IllegalArgumentException("tag must not be empty");
            }
            tags.add(tag);
            return this;
        }

        /** Only this action: {@code authenticate}, {@code subscribe} or {@code publish}; repeat for more. */
        public Builder action(String action) {
            if (!ACTIONS.contains(action)) {
                throw new IllegalArgumentException("action must be one of " + ACTIONS + ", was " + action);
            }
            actions.add(action);
            return this;
        }

        /** Group by these columns, in order: {@code tag}, {@code action}, {@code day}. */
        public Builder groupBy(String... columns) {
            groupBy.clear();
            for (String column : columns) {
                if (!COLUMNS.contains(column)) {
                    throw new IllegalArgumentException("groupBy takes " + COLUMNS + ", was " + column);
                }
                if (groupBy.contains(column)) {
                    throw new IllegalArgumentException("groupBy names " + column + " twice");
                }
                groupBy.add(column);
            }
            return this;
        }

        /** Whose usage, when calling with the admin credential. */
        public Builder applicationId(String applicationId) {
            this.applicationId = Objects.requireNonNull(applicationId, "applicationId must not be null");
            return this;
        }

        public UsageQuery build() {
            if (from != null && to != null && !to.isAfter(from)) {
                throw new IllegalArgumentException("to (" + to + ") must be after from (" + from + ")");
            }
            return new UsageQuery(
                    Optional.ofNullable(from),
                    Optional.ofNullable(to),
                    tags,
                    actions,
                    groupBy,
                    Optional.ofNullable(applicationId));
        }
    }
}
