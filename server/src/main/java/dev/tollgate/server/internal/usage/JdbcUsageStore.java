package dev.tollgate.server.internal.usage;

import dev.tollgate.edge.Action;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/** {@link UsageStore} on JDBC (H2 or PostgreSQL); the same SQL serves both. Thread-safe. */
public final class JdbcUsageStore implements UsageStore {
    private static final long DAY_MILLIS = 86_400_000L;

    private final Jdbi jdbi;

    public JdbcUsageStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void record(UsageEvent event) {
        jdbi.useTransaction(handle -> UsageEventWriter.insert(handle, event));
    }

    @Override
    public int purgeBefore(Instant before, int limit) {
        // Bounded, oldest first, through usage_events_by_time; the tags go by ON DELETE CASCADE.
        return jdbi.withHandle(handle -> handle.createUpdate("DELETE FROM usage_events WHERE id IN (SELECT id FROM"
                        + " usage_events WHERE occurred_at < :before ORDER BY occurred_at FETCH FIRST " + limit
                        + " ROWS ONLY)")
                .bind("before", before.toEpochMilli())
                .execute());
    }

    @Override
    public List<UsageRow> report(UsageQuery query, int limit) {
        ReportSql.Grouping grouping = ReportSql.grouping(query, column -> switch (column) {
            case ACTION -> "e.action";
            // Integer division of epoch milliseconds: the UTC day number, the same on both databases.
            case DAY -> "e.occurred_at / " + DAY_MILLIS;
            // Only a channel named by its ID is the channel's ID; an alias is another namespace.
            case CHANNEL -> "CASE WHEN e.target_kind = 'channelId' THEN e.target_value END";
            case APPLICATION -> "e.application_id";
            case TAG -> "t.tag";
        });
        List<Action> actions = ReportSql.actions(query);
        StringBuilder sql =
                new StringBuilder("SELECT ").append(grouping.selectList()).append("COUNT(*) AS n FROM usage_events e");
        if (query.groupBy().contains(UsageQuery.Column.TAG)) {
            // LEFT JOIN: an event without tags still counts, in the row whose tag is NULL.
            sql.append(" LEFT JOIN usage_event_tags t ON t.event_id = e.id");
        }
        sql.append(" WHERE e.application_id = :app AND e.occurred_at >= :from AND e.occurred_at < :to")
                .append(ReportSql.actionFilter("e", actions))
                .append(ReportSql.tagFilters(
                        query, "usage_event_tags", "%1$s.event_id = e.id AND %1$s.application_id = :app"))
                .append(grouping.groupAndOrder())
                .append(" LIMIT ")
                .append(limit);
        return jdbi.withHandle(handle -> {
            Query statement = ReportSql.bindFilters(
                    handle.createQuery(sql.toString())
                            .bind("app", query.applicationId())
                            .bind("from", query.from().toEpochMilli())
                            .bind("to", query.to().toEpochMilli()),
                    actions,
                    query);
            return statement
                    .map((rs, ctx) -> {
                        Optional<String> tag = Optional.empty();
                        Optional<Action> action = Optional.empty();
                        Optional<LocalDate> day = Optional.empty();
                        Optional<String> channel = Optional.empty();
                        Optional<String> application = Optional.empty();
                        for (int i = 0; i < query.groupBy().size(); i++) {
                            switch (query.groupBy().get(i)) {
                                case TAG -> tag = Optional.ofNullable(rs.getString("c" + i));
                                case ACTION -> action = Optional.of(storedAction(rs.getString("c" + i)));
                                case DAY -> day = Optional.of(LocalDate.ofEpochDay(rs.getLong("c" + i)));
                                case CHANNEL -> channel = Optional.ofNullable(rs.getString("c" + i));
                                case APPLICATION -> application = Optional.ofNullable(rs.getString("c" + i));
                            }
                        }
                        return new UsageRow(tag, action, day, channel, application, rs.getLong("n"));
                    })
                    .list();
        });
    }

    /** The action a stored row names; a row no version of Tollgate wrote is a fault of the store, not of a caller. */
    private static Action storedAction(String wireName) {
        return Action.fromWire(wireName)
                .orElseThrow(
                        () -> new IllegalStateException("usage_events holds an unknown action '" + wireName + "'"));
    }
}
