package dev.tollgate.server.internal.reports;

import dev.tollgate.edge.Action;
import dev.tollgate.server.internal.usage.UsageQuery;
import dev.tollgate.server.internal.usage.UsageRow;
import dev.tollgate.server.internal.usage.UsageSessionRow;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A usage report's rows: the usage events' counts and the usage sessions' viewer and publisher sessions and minutes,
 * merged by their grouped values, ordered by them (no value last), at most {@code limit} rows. Each store returns its
 * first {@code limit + 1} rows in this order, so the first {@code limit} merged rows are the report's whatever the
 * other store held, and "truncated" is exact.
 *
 * <p>Minutes are the milliseconds divided by 60,000, rounded half-even to three decimals (60 ms), once per row.
 *
 * <p>Immutable and thread-safe once built.
 */
final class UsageTable {
    /** The measures after the grouped columns, in this order in JSON and CSV. */
    static final List<String> MEASURES =
            List.of("count", "viewerSessions", "viewerMinutes", "publisherSessions", "publisherMinutes");

    private static final BigDecimal MILLIS_PER_MINUTE = BigDecimal.valueOf(60_000);

    private final List<String> columns;
    private final List<List<Object>> rows;
    private final boolean truncated;

    private UsageTable(List<String> columns, List<List<Object>> rows, boolean truncated) {
        this.columns = columns;
        this.rows = rows;
        this.truncated = truncated;
    }

    static UsageTable of(
            List<UsageQuery.Column> groupBy, List<UsageRow> events, List<UsageSessionRow> sessions, int limit) {
        // The grouped values as text (day as ISO, sorts as the date), null where a row has no value.
        Comparator<List<String>> order = (a, b) -> {
            for (int i = 0; i < a.size(); i++) {
                int c = Comparator.nullsLast(Comparator.<String>naturalOrder()).compare(a.get(i), b.get(i));
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        };
        Map<List<String>, long[]> merged = new TreeMap<>(order);
        for (UsageRow row : events) {
            List<String> key = key(groupBy, row.tag(), row.action(), row.day(), row.channel(), row.application());
            merged.computeIfAbsent(key, k -> new long[5])[0] += row.count();
        }
        for (UsageSessionRow row : sessions) {
            List<String> key = key(groupBy, row.tag(), row.action(), row.day(), row.channel(), row.application());
            long[] measures = merged.computeIfAbsent(key, k -> new long[5]);
            measures[1] += row.viewerSessions();
            measures[2] += row.viewerMillis();
            measures[3] += row.publisherSessions();
            measures[4] += row.publisherMillis();
        }
        List<String> columns =
                new ArrayList<>(groupBy.stream().map(UsageQuery.Column::code).toList());
        columns.addAll(MEASURES);
        List<List<Object>> rows = new ArrayList<>();
        for (Map.Entry<List<String>, long[]> entry : merged.entrySet()) {
            if (rows.size() == limit) {
                break;
            }
            long[] m = entry.getValue();
            List<Object> row = new ArrayList<>(entry.getKey());
            row.addAll(Arrays.asList(m[0], m[1], minutes(m[2]), m[3], minutes(m[4])));
            rows.add(row);
        }
        return new UsageTable(List.copyOf(columns), rows, merged.size() > limit);
    }

    private static List<String> key(
            List<UsageQuery.Column> groupBy,
            Optional<String> tag,
            Optional<Action> action,
            Optional<LocalDate> day,
            Optional<String> channel,
            Optional<String> application) {
        List<String> key = new ArrayList<>(groupBy.size());
        for (UsageQuery.Column column : groupBy) {
            key.add(
                    switch (column) {
                        case TAG -> tag.orElse(null);
                        case ACTION -> action.map(Action::wireName).orElse(null);
                        case DAY -> day.map(LocalDate::toString).orElse(null);
                        case CHANNEL -> channel.orElse(null);
                        case APPLICATION -> application.orElse(null);
                    });
        }
        return key;
    }

    /** Plain decimal, trailing zeros dropped ({@code 0}, {@code 1.5}, {@code 60000}): JSON and CSV print the same. */
    static BigDecimal minutes(long millis) {
        BigDecimal minutes = BigDecimal.valueOf(millis)
                .divide(MILLIS_PER_MINUTE, 3, RoundingMode.HALF_EVEN)
                .stripTrailingZeros();
        return minutes.scale() < 0 ? minutes.setScale(0) : minutes;
    }

    List<String> columns() {
        return columns;
    }

    boolean truncated() {
        return truncated;
    }

    /** The rows as JSON objects: the grouped columns, then the measures. */
    List<Map<String, Object>> json() {
        List<Map<String, Object>> out = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            Map<String, Object> object = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                object.put(columns.get(i), row.get(i));
            }
            out.add(object);
        }
        return out;
    }

    /**
     * RFC 4180: a header row, then one record per row, CRLF after each; a field holding a comma, a double quote, CR or
     * LF is quoted, its quotes doubled; an absent value is an empty field. A text value that a spreadsheet would read
     * as a formula (it starts with {@code =}, {@code +}, {@code -}, {@code @}, a tab or CR; OWASP "CSV Injection") is
     * prefixed with a single quote. Numbers are never prefixed: none is negative.
     */
    String csv() {
        StringBuilder out = new StringBuilder();
        record(out, new ArrayList<>(columns));
        for (List<Object> row : rows) {
            record(out, row);
        }
        return out.toString();
    }

    private static void record(StringBuilder out, List<?> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            Object value = fields.get(i);
            if (value instanceof String text) {
                out.append(field(text));
            } else if (value instanceof BigDecimal decimal) {
                out.append(decimal.toPlainString());
            } else if (value != null) {
                out.append(value);
            }
        }
        out.append("\r\n");
    }

    static String field(String text) {
        String value = text;
        if (!value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0) {
            value = "'" + value;
        }
        if (value.indexOf(',') >= 0
                || value.indexOf('"') >= 0
                || value.indexOf('\r') >= 0
                || value.indexOf('\n') >= 0) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }
}
