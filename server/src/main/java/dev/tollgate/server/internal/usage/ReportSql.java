package dev.tollgate.server.internal.usage;

import dev.tollgate.edge.Action;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * The SQL both usage reports share (events in {@link JdbcUsageStore}, sessions in {@link JdbcUsageSessionStore}): the
 * grouped columns with their order, and the action and tag filters, over a row alias and a tag table. Explicit
 * {@code NULLS LAST} on the nullable columns, since H2 sorts NULL first by default and PostgreSQL last. Stateless.
 */
final class ReportSql {
    /** The grouped expressions, in the query's order, and the matching {@code ORDER BY} terms. */
    record Grouping(List<String> select, List<String> order) {

        /** {@code SELECT e0 AS c0, e1 AS c1, ... , } — the grouped columns as the row readers name them. */
        String selectList() {
            StringBuilder sql = new StringBuilder();
            for (int i = 0; i < select.size(); i++) {
                sql.append(select.get(i)).append(" AS c").append(i).append(", ");
            }
            return sql.toString();
        }

        String groupAndOrder() {
            return " GROUP BY " + String.join(", ", select) + " ORDER BY " + String.join(", ", order);
        }
    }

    private ReportSql() {}

    /**
     * The grouping of {@code query}; {@code expression} gives each column's SQL for the report's table (the tag column
     * is always {@code t.tag}, from the LEFT JOIN of the tag table).
     */
    static Grouping grouping(UsageQuery query, Function<UsageQuery.Column, String> expression) {
        List<String> select = new ArrayList<>();
        List<String> order = new ArrayList<>();
        for (UsageQuery.Column column : query.groupBy()) {
            String sql = column == UsageQuery.Column.TAG ? "t.tag" : expression.apply(column);
            boolean nullable = column == UsageQuery.Column.TAG || column == UsageQuery.Column.CHANNEL;
            select.add(sql);
            order.add(sql + (nullable ? " ASC NULLS LAST" : " ASC"));
        }
        return new Grouping(select, order);
    }

    /** {@code AND <alias>.action IN (:action0, ...)}, empty for no action; {@link #bindFilters} binds them. */
    static String actionFilter(String alias, List<Action> actions) {
        if (actions.isEmpty()) {
            return "";
        }
        StringBuilder sql = new StringBuilder(" AND " + alias + ".action IN (");
        for (int i = 0; i < actions.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(":action").append(i);
        }
        return sql.append(')').toString();
    }

    /** The query's actions in a stable order, as {@link #actionFilter} numbers them. */
    static List<Action> actions(UsageQuery query) {
        return query.actions().stream().sorted().toList();
    }

    /** Binds the {@code :action<i>} and {@code :tag<i>} of {@link #actionFilter} and {@link #tagFilters}. */
    static <T extends SqlStatement<T>> T bindFilters(T statement, List<Action> actions, UsageQuery query) {
        for (int i = 0; i < actions.size(); i++) {
            statement.bind("action" + i, actions.get(i).wireName());
        }
        for (int i = 0; i < query.tags().size(); i++) {
            statement.bind("tag" + i, query.tags().get(i));
        }
        return statement;
    }

    /**
     * One {@code AND EXISTS} per required tag ({@code :tag0, ...}): the row carries every tag asked for.
     *
     * @param tagTable the tag table ({@code usage_event_tags}, {@code usage_session_tags})
     * @param link how a tag row {@code f<i>} names the report's row, e.g. {@code "%s.event_id = e.id"} with {@code %s}
     *     for the tag row's alias
     */
    static String tagFilters(UsageQuery query, String tagTable, String link) {
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < query.tags().size(); i++) {
            String alias = "f" + i;
            sql.append(" AND EXISTS (SELECT 1 FROM ")
                    .append(tagTable)
                    .append(' ')
                    .append(alias)
                    .append(" WHERE ")
                    .append(link.formatted(alias))
                    .append(" AND ")
                    .append(alias)
                    .append(".tag = :tag")
                    .append(i)
                    .append(')');
        }
        return sql.toString();
    }
}
