package dev.tollgate.server.internal.reports;

import dev.tollgate.edge.Action;
import dev.tollgate.server.internal.access.Gates;
import dev.tollgate.server.internal.applications.Applications;
import dev.tollgate.server.internal.http.Endpoint;
import dev.tollgate.server.internal.http.ErrorCode;
import dev.tollgate.server.internal.http.FormEncoding;
import dev.tollgate.server.internal.http.JsonFields;
import dev.tollgate.server.internal.http.JsonResponses;
import dev.tollgate.server.internal.http.Rejection;
import dev.tollgate.server.internal.http.RequestBody;
import dev.tollgate.server.internal.http.Routes;
import dev.tollgate.server.internal.http.ServerRequest;
import dev.tollgate.server.internal.http.ServerResponse;
import dev.tollgate.server.internal.usage.UsageEvent;
import dev.tollgate.server.internal.usage.UsageQuery;
import dev.tollgate.server.internal.usage.UsageSessionRow;
import dev.tollgate.server.internal.usage.UsageSessionStore;
import dev.tollgate.server.internal.usage.UsageStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /v1/usage?from=&to=&tag=&action=&groupBy=&format=}: counts of usage events, and the viewer and publisher
 * sessions and minutes of the media servers' usage sessions (seed "Using EdgeAuth": tags "will be available for
 * filtering and as an output column in usage reports"). Authenticated by the application's Basic credentials (its own
 * usage only) or by the admin credential with {@code applicationId=}. How a session crossing the window counts: {@link
 * UsageSessionRow}; how rows merge and minutes round: {@link UsageTable}.
 *
 * <p>The query string is read as {@code application/x-www-form-urlencoded} ({@code +} is a space, {@code %2B} a plus),
 * so a tag such as {@code customer=acme corp} travels as {@code tag=customer%3Dacme+corp}. Answer {@code
 * {"applicationId","from","to","groupBy","rows":[{<grouped columns>,"count","viewerSessions","viewerMinutes",
 * "publisherSessions","publisherMinutes"}],"truncated"}} with only the grouped columns in each row; with {@code
 * format=csv} the rows as RFC 4180 CSV ({@link UsageTable#csv()}), truncation in the {@code Tollgate-Truncated} header.
 * Thread-safe.
 */
final class UsageEndpoint implements Endpoint {
    static final Duration DEFAULT_RANGE = Duration.ofHours(24);
    /** A leap year and a day: enough for a yearly bill, small enough to bound the scan. */
    static final Duration MAX_RANGE = Duration.ofDays(366);

    /**
     * The instants a query may name. Usage is stored as epoch milliseconds from the server's clock, so nothing lies
     * before 1970; and {@link Instant#parse} accepts years up to ±1,000,000,000, whose epoch milliseconds overflow a
     * long and whose {@code minus(24h)} leaves {@link Instant}'s range. Bounded here, no arithmetic below can throw.
     */
    static final Instant EARLIEST = Instant.EPOCH;

    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    static final int MAX_ROWS = 1000;
    static final int MAX_TAG_FILTERS = 10;
    private static final Set<String> PARAMETERS =
            Set.of("from", "to", "tag", "action", "groupBy", "applicationId", "format");
    private static final Set<String> REPEATABLE = Set.of("tag", "action");

    private final Gates gates;
    private final Applications applications;
    private final UsageStore usage;
    private final UsageSessionStore sessions;
    private final JsonResponses responses;
    private final Clock clock;

    UsageEndpoint(
            Gates gates,
            Applications applications,
            UsageStore usage,
            UsageSessionStore sessions,
            JsonResponses responses,
            Clock clock) {
        this.gates = gates;
        this.applications = applications;
        this.usage = usage;
        this.sessions = sessions;
        this.responses = responses;
        this.clock = clock;
    }

    @Override
    public void routes(Routes routes) {
        routes.get("/v1/usage", this::report);
    }

    private void report(ServerRequest request, ServerResponse response) {
        // Who asks comes first: an unauthenticated caller learns nothing, not even which parameters are wrong.
        String applicationId = gates.actingApplication(request);
        Map<String, List<String>> parameters = parameters(request.rawQuery());
        UsageQuery query = query(parameters, applicationId);
        boolean csv = switch (single(parameters, "format").orElse("json")) {
            case "json" -> false;
            case "csv" -> true;
            default -> throw Rejection.badRequest(ErrorCode.INVALID_PARAMETER, "format must be json or csv");
        };
        UsageTable table = UsageTable.of(
                query.groupBy(), usage.report(query, MAX_ROWS + 1), sessions.report(query, MAX_ROWS + 1), MAX_ROWS);
        // Usage is business data of one customer: no shared cache may keep it.
        response.header("Cache-Control", "no-store");
        if (csv) {
            response.header("Tollgate-Truncated", Boolean.toString(table.truncated()));
            responses.sendText(response, "text/csv; charset=utf-8", table.csv());
            return;
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("applicationId", applicationId);
        answer.put("from", query.from().toString());
        answer.put("to", query.to().toString());
        answer.put(
                "groupBy", query.groupBy().stream().map(UsageQuery.Column::code).toList());
        answer.put("rows", table.json());
        answer.put("truncated", table.truncated());
        responses.send(response, 200, answer);
    }

    private UsageQuery query(Map<String, List<String>> parameters, String applicationId) {
        Optional<Instant> from = single(parameters, "from").map(value -> instant("from", value));
        Optional<Instant> to = single(parameters, "to").map(value -> instant("to", value));
        Instant end = to.orElseGet(clock::instant);
        Instant start = from.orElseGet(() -> end.minus(DEFAULT_RANGE));
        if (!end.isAfter(start)) {
            throw Rejection.badRequest(ErrorCode.INVALID_TIME_RANGE, "to must be after from");
        }
        if (Duration.between(start, end).compareTo(MAX_RANGE) > 0) {
            throw Rejection.badRequest(
                    ErrorCode.INVALID_TIME_RANGE, "the range from..to is limited to " + MAX_RANGE.toDays() + " days");
        }
        List<String> tags = parameters.getOrDefault("tag", List.of());
        if (tags.size() > MAX_TAG_FILTERS) {
            throw Rejection.badRequest(ErrorCode.INVALID_PARAMETER, "at most " + MAX_TAG_FILTERS + " tag filters");
        }
        for (String tag : tags) {
            // A stored tag never holds a control character (UsageEvent), and PostgreSQL refuses U+0000 in a bound
            // value: refused here, before it reaches the query.
            if (tag.isEmpty() || tag.length() > UsageEvent.MAX_TAG_LENGTH || JsonFields.hasControl(tag)) {
                throw Rejection.badRequest(
                        ErrorCode.INVALID_PARAMETER,
                        "a tag is 1 to " + UsageEvent.MAX_TAG_LENGTH + " characters without control characters");
            }
        }
        Set<Action> actions = EnumSet.noneOf(Action.class);
        for (String value : parameters.getOrDefault("action", List.of())) {
            for (String action : value.split(",", -1)) {
                actions.add(Action.fromWire(action.strip())
                        .orElseThrow(() -> Rejection.badRequest(
                                ErrorCode.INVALID_PARAMETER, "action must be authenticate, subscribe or publish")));
            }
        }
        List<UsageQuery.Column> groupBy = new ArrayList<>();
        for (String name : single(parameters, "groupBy").orElse("tag").split(",", -1)) {
            UsageQuery.Column column = switch (name.strip()) {
                case "tag" -> UsageQuery.Column.TAG;
                case "action" -> UsageQuery.Column.ACTION;
                case "day" -> UsageQuery.Column.DAY;
                case "channel" -> UsageQuery.Column.CHANNEL;
                case "application" -> UsageQuery.Column.APPLICATION;
                default ->
                    throw Rejection.badRequest(
                            ErrorCode.INVALID_PARAMETER,
                            "groupBy must be tag, action, day, channel, application or a comma-separated list of"
                                    + " them");
            };
            if (groupBy.contains(column)) {
                throw Rejection.badRequest(ErrorCode.INVALID_PARAMETER, "groupBy names " + column.code() + " twice");
            }
            groupBy.add(column);
        }
        return new UsageQuery(applicationId, start, end, tags, actions, groupBy);
    }

    /** An ISO-8601 instant ({@code 2026-11-22T10:00:00Z}, an offset is fine) or a UTC date (its midnight). */
    private static Instant instant(String name, String value) {
        Instant instant;
        try {
            instant = value.length() == 10
                    ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw Rejection.badRequest(
                    ErrorCode.INVALID_PARAMETER,
                    name + " must be an ISO-8601 instant such as 2026-11-22T00:00:00Z, or a date such as 2026-11-22");
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw Rejection.badRequest(
                    ErrorCode.INVALID_PARAMETER,
                    name + " must lie between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z");
        }
        return instant;
    }

    private static Optional<String> single(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.getOrDefault(name, List.of());
        return values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    /** The query string's parameters: known names only, single-valued ones at most once, values decoded. */
    private static Map<String, List<String>> parameters(String raw) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return parameters;
        }
        for (FormEncoding.Field field : FormEncoding.fields(raw, ErrorCode.INVALID_PARAMETER, "the query string")) {
            String name = field.name();
            if (!PARAMETERS.contains(name)) {
                throw Rejection.badRequest(
                        ErrorCode.UNKNOWN_PARAMETER,
                        "unknown parameter '" + RequestBody.printable(name) + "'; allowed: "
                                + String.join(", ", PARAMETERS.stream().sorted().toList()));
            }
            List<String> values = parameters.computeIfAbsent(name, n -> new ArrayList<>());
            if (!values.isEmpty() && !REPEATABLE.contains(name)) {
                throw Rejection.badRequest(ErrorCode.DUPLICATE_PARAMETER, "the parameter '" + name + "' is repeated");
            }
            values.add(field.value());
        }
        return parameters;
    }
}
