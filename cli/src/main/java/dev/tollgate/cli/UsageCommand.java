package dev.tollgate.cli;

import dev.tollgate.client.UsageQuery;
import dev.tollgate.client.UsageReport;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tollgate usage}: an application's usage report from the running server ({@code GET /v1/usage}), with the
 * admin credential found as for {@code tollgate app}, through the SDK's {@code usage}. Prints a table with aligned
 * columns (text left, numbers right, {@code -} where a row has no tag or channel) by default; {@code --format json} the
 * report as the server answered it, on one line; {@code --format csv} the server's CSV ({@code format=csv}) as is. Exit 0 done, 1 refused (a bad parameter, by the SDK before sending or by the server,
 * with the server's code), 2 usage.
 */
@Command(
        name = "usage",
        mixinStandardHelpOptions = true,
        description = "Print an application's usage report: sessions and streams counted, and viewer and publisher"
                + " minutes, by applied tag, action, UTC day, channel or application.")
final class UsageCommand extends AppCommand.Base {
    @Option(names = "--application", required = true, paramLabel = "APPLICATION_ID", description = "Whose usage.")
    String applicationId;

    @Option(
            names = "--from",
            paramLabel = "INSTANT",
            description = "Start, inclusive: 2026-11-22T00:00:00Z or 2026-11-22 (default: 24 hours before --to).")
    String from;

    @Option(names = "--to", paramLabel = "INSTANT", description = "End, exclusive (default: now).")
    String to;

    @Option(
            names = "--tag",
            paramLabel = "TAG",
            description = "Only events carrying this tag, e.g. customer=acme-corp; repeat to narrow further.")
    List<String> tags = new ArrayList<>();

    @Option(
            names = "--action",
            paramLabel = "ACTION",
            description = "Only this action: authenticate, subscribe or publish; repeat for more.")
    List<String> actions = new ArrayList<>();

    @Option(
            names = "--group-by",
            paramLabel = "COLUMNS",
            description = "tag (default), action, day, channel, application, or a comma-separated list of them.")
    String groupBy;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            description = "table (default: aligned columns), json (the server's answer) or csv (RFC 4180).")
    String format = "table";

    /** The measures after the grouped columns, as the server names them. */
    private static final List<String> MEASURES =
            List.of("count", "viewerSessions", "viewerMinutes", "publisherSessions", "publisherMinutes");

    /** The table's heading for each column. */
    private static final Map<String, String> HEADINGS = Map.of(
            "tag", "TAG",
            "action", "ACTION",
            "day", "DAY",
            "channel", "CHANNEL",
            "application", "APPLICATION",
            "count", "EVENTS",
            "viewerSessions", "VIEWERS",
            "viewerMinutes", "VIEWER MIN",
            "publisherSessions", "PUBLISHERS",
            "publisherMinutes", "PUBLISHER MIN");

    @Override
    void run(PrintWriter out) {
        if (!List.of("table", "json", "csv").contains(format)) {
            throw new AdminClient.Failure("invalid-parameter: --format must be table, json or csv");
        }
        UsageQuery query = query();
        if (format.equals("csv")) {
            String csv = client.call(System::getenv, (sdk, admin) -> sdk.usageCsv(admin, query));
            out.print(csv);
            return;
        }
        UsageReport report = client.call(System::getenv, (sdk, admin) -> sdk.usage(admin, query));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (UsageReport.Row row : report.rows()) {
            // As the server writes a row: only the grouped columns, null where an event had no tag, then the measures.
            Map<String, Object> wire = new LinkedHashMap<>();
            for (String column : report.groupBy()) {
                switch (column) {
                    case "tag" -> wire.put("tag", row.tag().orElse(null));
                    case "action" -> wire.put("action", row.action().orElse(null));
                    case "day" ->
                        wire.put("day", row.day().map(LocalDate::toString).orElse(null));
                    case "channel" -> wire.put("channel", row.channel().orElse(null));
                    case "application" ->
                        wire.put("application", row.application().orElse(null));
                    default -> {
                        // A column this CLI does not know yet: the SDK's row has no value for it either.
                    }
                }
            }
            wire.put("count", row.count());
            wire.put("viewerSessions", row.viewerSessions());
            wire.put("viewerMinutes", minutes(row.viewerMinutes()));
            wire.put("publisherSessions", row.publisherSessions());
            wire.put("publisherMinutes", minutes(row.publisherMinutes()));
            rows.add(wire);
        }
        if (format.equals("table")) {
            out.print(table(report, rows));
            return;
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("applicationId", report.applicationId());
        answer.put("from", report.from().toString());
        answer.put("to", report.to().toString());
        answer.put("groupBy", report.groupBy());
        answer.put("rows", rows);
        answer.put("truncated", report.truncated());
        out.println(json(answer));
    }

    /** As the server prints minutes: a plain decimal without trailing zeros ({@code 0}, {@code 1.5}). */
    private static BigDecimal minutes(double minutes) {
        BigDecimal value = BigDecimal.valueOf(minutes).stripTrailingZeros();
        return value.scale() < 0 ? value.setScale(0) : value;
    }

    /**
     * A title line, a heading row, then one line per row; each column as wide as its widest cell, two spaces apart,
     * text left-aligned and numbers right-aligned; {@code -} for no value.
     */
    static String table(UsageReport report, List<Map<String, Object>> rows) {
        List<String> columns = new ArrayList<>();
        for (String column : report.groupBy()) {
            if (HEADINGS.containsKey(column)) {
                columns.add(column);
            }
        }
        columns.addAll(MEASURES);
        List<List<String>> cells = new ArrayList<>();
        cells.add(columns.stream().map(HEADINGS::get).toList());
        for (Map<String, Object> row : rows) {
            List<String> line = new ArrayList<>();
            for (String column : columns) {
                Object value = row.get(column);
                line.add(value == null ? "-" : value instanceof BigDecimal d ? d.toPlainString() : value.toString());
            }
            cells.add(line);
        }
        int[] widths = new int[columns.size()];
        for (List<String> line : cells) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(
                        widths[i], line.get(i).codePointCount(0, line.get(i).length()));
            }
        }
        StringBuilder out = new StringBuilder();
        out.append("Usage of ")
                .append(report.applicationId())
                .append(" from ")
                .append(report.from())
                .append(" to ")
                .append(report.to())
                .append('\n');
        for (List<String> line : cells) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                String cell = line.get(i);
                String pad = " ".repeat(widths[i] - cell.codePointCount(0, cell.length()));
                boolean number = MEASURES.contains(columns.get(i));
                text.append(i == 0 ? "" : "  ").append(number ? pad + cell : cell + pad);
            }
            out.append(text.toString().stripTrailing()).append('\n');
        }
        if (rows.isEmpty()) {
            out.append("(no usage in this range)\n");
        }
        if (report.truncated()) {
            out.append("(truncated at ").append(rows.size()).append(" rows: narrow the range or the grouping)\n");
        }
        return out.toString();
    }

    /**
     * The options as the SDK's query. What the SDK refuses before sending is what the server would refuse: it is
     * reported with the server's code, so a script sees the same line either way.
     */
    private UsageQuery query() {
        UsageQuery.Builder builder = UsageQuery.builder().applicationId(applicationId);
        Instant start = from == null ? null : instant("from", from);
        Instant end = to == null ? null : instant("to", to);
        if (start != null && end != null && !end.isAfter(start)) {
            throw new AdminClient.Failure("invalid-time-range: to must be after from");
        }
        try {
            if (start != null) {
                builder.from(start);
            }
            if (end != null) {
                builder.to(end);
            }
            tags.forEach(builder::tag);
            // The server takes "authenticate,publish" and " day" as well; the SDK takes one clean value each.
            for (String value : actions) {
                for (String action : value.split(",", -1)) {
                    builder.action(action.strip());
                }
            }
            if (groupBy != null) {
                builder.groupBy(List.of(groupBy.split(",", -1)).stream()
                        .map(String::strip)
                        .toArray(String[]::new));
            }
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new AdminClient.Failure("invalid-parameter: " + e.getMessage());
        }
    }

    /** As the server reads it: a UTC date ({@code 2026-11-22}, its midnight) or an ISO-8601 instant. */
    private static Instant instant(String name, String value) {
        try {
            return value.length() == 10
                    ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new AdminClient.Failure("invalid-parameter: " + name
                    + " must be an ISO-8601 instant such as 2026-11-22T00:00:00Z, or a date such as 2026-11-22");
        }
    }
}
