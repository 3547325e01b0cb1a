package dev.tollgate.server.internal.sessions;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.server.internal.access.SessionScopes;
import dev.tollgate.server.internal.http.Endpoint;
import dev.tollgate.server.internal.http.ErrorCode;
import dev.tollgate.server.internal.http.JsonFields;
import dev.tollgate.server.internal.http.JsonResponses;
import dev.tollgate.server.internal.http.Rejection;
import dev.tollgate.server.internal.http.RequestBody;
import dev.tollgate.server.internal.http.Routes;
import dev.tollgate.server.internal.http.ServerRequest;
import dev.tollgate.server.internal.http.ServerResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A session's event notifications, pull-style. {@code PUT /v1/sessions/{id}/notifications} with {@code
 * {"events":[…]}} sets what the session subscribes to (types from {@link NotificationEvent#TYPES}; an unknown one is
 * 400 {@code unknown-event}; an empty list unsubscribes). {@code GET /v1/sessions/{id}/notifications?after=<seq>}
 * returns the application's events of those types after {@code seq}, oldest first, at most {@link #MAX_PAGE} (or
 * {@code limit}); the answer's {@code next} is the {@code after} of the following call. Both need the session scope
 * {@code notifications:set} in the session and its token, from the session's own opener ({@link SessionAccess}).
 *
 * <p>Thread-safe.
 */
final class NotificationEndpoint implements Endpoint {
    static final int MAX_PAGE = 100;
    private static final Set<String> FIELDS = Set.of("events");

    private final SessionAccess access;
    private final NotificationStore notifications;
    private final JsonResponses responses;
    private final ObjectMapper mapper;
    private final Clock clock;

    NotificationEndpoint(
            SessionAccess access,
            NotificationStore notifications,
            JsonResponses responses,
            ObjectMapper mapper,
            Clock clock) {
        this.access = access;
        this.notifications = notifications;
        this.responses = responses;
        this.mapper = mapper;
        this.clock = clock;
    }

    @Override
    public void routes(Routes routes) {
        routes.put("/v1/sessions/{id}/notifications", this::subscribe)
                .get("/v1/sessions/{id}/notifications", this::read);
    }

    private void subscribe(ServerRequest request, ServerResponse response) {
        Session session = access.require(request, SessionScopes.NOTIFICATIONS_SET);
        JsonFields body = JsonFields.of(RequestBody.jsonObject(request, mapper, false), FIELDS);
        if (!body.has("events")) {
            throw Rejection.badRequest(ErrorCode.MISSING_FIELD, "the field 'events' is required");
        }
        Set<String> types = new LinkedHashSet<>();
        for (String type : body.strings("events")) {
            if (!NotificationEvent.TYPES.contains(type)) {
                throw Rejection.badRequest(
                        ErrorCode.UNKNOWN_EVENT,
                        "unknown event '" + RequestBody.printable(type) + "'; known: "
                                + String.join(", ", NotificationEvent.TYPES));
            }
            types.add(type);
        }
        notifications.subscribe(session.id(), List.copyOf(types), clock.instant());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("sessionId", session.id());
        answer.put("events", List.copyOf(types));
        responses.send(response, 200, answer);
    }

    private void read(ServerRequest request, ServerResponse response) {
        Session session = access.require(request, SessionScopes.NOTIFICATIONS_SET);
        long after = number(request, "after", 0, Long.MAX_VALUE).orElse(0L);
        int limit = Math.toIntExact(number(request, "limit", 1, MAX_PAGE).orElse((long) MAX_PAGE));
        List<String> types = notifications.subscription(session.id());
        // One more than the page tells whether there is more, without a count query.
        List<NotificationEvent> events = notifications.events(session.applicationId(), types, after, limit + 1);
        boolean more = events.size() > limit;
        List<Map<String, Object>> page = new ArrayList<>();
        long next = after;
        for (NotificationEvent event : events.subList(0, Math.min(limit, events.size()))) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("seq", event.seq());
            entry.put("type", event.type());
            entry.put("at", event.at().toString());
            entry.put("data", json(event.payload()));
            page.add(entry);
            next = event.seq();
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("sessionId", session.id());
        answer.put("subscribed", types);
        answer.put("events", page);
        answer.put("next", next);
        answer.put("more", more);
        responses.send(response, 200, answer);
    }

    private static java.util.Optional<Long> number(ServerRequest request, String name, long min, long max) {
        List<String> values = request.queryValues(name);
        if (values.isEmpty()) {
            return java.util.Optional.empty();
        }
        if (values.size() > 1) {
            throw Rejection.badRequest(ErrorCode.DUPLICATE_PARAMETER, "the parameter '" + name + "' is repeated");
        }
        long value;
        try {
            value = Long.parseLong(values.getFirst());
        } catch (NumberFormatException e) {
            value = -1;
        }
        if (value < min || value > max) {
            throw Rejection.badRequest(
                    ErrorCode.INVALID_VALUE,
                    "the parameter '" + name + "' must be a whole number from " + min + " to " + max);
        }
        return java.util.Optional.of(value);
    }

    private Object json(String text) {
        try {
            return mapper.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("damaged payload in notification_events", e);
        }
    }
}
