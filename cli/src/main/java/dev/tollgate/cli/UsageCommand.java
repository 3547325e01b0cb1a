package dev.tollgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tollgate usage}: an application's usage report from the running server ({@code GET /v1/usage}), with the
 * admin credential found as for {@code tollgate app}. Prints the JSON answer on one line. Exit 0 done, 1 refused by the
 * server, 2 usage.
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
    JsonNode run() {
        List<String> parameters = new ArrayList<>();
        parameters.add("applicationId=" + encode(applicationId));
        if (from != null) {
            parameters.add("from=" + encode(from));
        }
        if (to != null) {
            parameters.add("to=" + encode(to));
        }
        tags.forEach(tag -> parameters.add("tag=" + encode(tag)));
        actions.forEach(action -> parameters.add("action=" + encode(action)));
        if (groupBy != null) {
            parameters.add("groupBy=" + encode(groupBy));
        }
        return client.call("GET", "/v1/usage?" + String.join("&", parameters), null, System::getenv);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
