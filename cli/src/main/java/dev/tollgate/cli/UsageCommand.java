package dev.tollgate.cli;

import dev.tollgate.client.UsageQuery;
import dev.tollgate.client.UsageReport;
import java.io.PrintWriter;
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
 * admin credential found as for {@code tollgate app}, through the SDK's {@code usage}. Prints the report as the server
 * answered it, on one line. Exit 0 done, 1 refused (a bad parameter, by the SDK before sending or by the server,
 * with the server's code), 2 usage.
 */
@Command(
        name = "usage",
        mixinStandardHelpOptions = true,
        description = "Print an application's usage report: sessions and streams counted by applied tag, action or"
                + " UTC day.")
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
            description = "tag (default), action, day, or a comma-separated list of them.")
    String groupBy;

    @Override
    void run(PrintWriter out) {
        UsageQuery query = query();
        UsageReport report = client.call(System::getenv, (sdk, admin) -> sdk.usage(admin, query));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (UsageReport.Row row : report.rows()) {
            // As the server writes a row: only the grouped columns, null where an event had no tag.
            Map<String, Object> wire = new LinkedHashMap<>();
            for (String column : report.groupBy()) {
                switch (column) {
                    case "tag" -> wire.put("tag", row.tag().orElse(null));
                    case "action" -> wire.put("action", row.action().orElse(null));
                    case "day" ->
                        wire.put("day", row.day().map(LocalDate::toString).orElse(null));
                    default -> {
                        // A column this CLI does not know yet: the SDK's row has no value for it either.
                    }
                }
            }
            wire.put("count", row.count());
            rows.add(wire);
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
