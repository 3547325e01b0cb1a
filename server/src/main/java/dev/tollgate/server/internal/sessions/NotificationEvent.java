package dev.tollgate.server.internal.sessions;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An event of an application, as a subscribed session reads it ({@code GET /v1/sessions/{id}/notifications}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param seq the position in the event log; a reader passes the last one it saw as {@code after}
 * @param type one of {@link #TYPES}
 * @param payload the event's data, a JSON object
 * @param at when it happened
 */
public record NotificationEvent(long seq, String type, String payload, Instant at) {
    /** A session created a conference ({@code POST /v1/sessions/{id}/conferences}). */
    public static final String CONFERENCE_CREATED = "conference.created";

    /** A participant changed its name ({@code PATCH /v1/sessions/{id}}). */
    public static final String PARTICIPANT_UPDATED = "participant.updated";

    /** Every event type the server writes; a subscription names only these. */
    public static final List<String> TYPES = List.of(CONFERENCE_CREATED, PARTICIPANT_UPDATED);

    public NotificationEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(at, "at");
    }
}
