package dev.tollgate.edge;

import java.util.List;
import java.util.Optional;

/**
 * What a client asks the edge to do with a token. "Using EdgeAuth": an authToken permits "creation of a session", a
 * streamToken "consumption of a stream", a publishToken "creation of a stream".
 *
 * <p>Immutable and thread-safe.
 */
public enum Action {
    /** Create a session (initialise the SDK, join). */
    AUTHENTICATE("authenticate"),
    /** Consume a stream (view, play). */
    SUBSCRIBE("subscribe"),
    /** Create a stream (publish). */
    PUBLISH("publish");

    private final String wireName;

    Action(String wireName) {
        this.wireName = wireName;
    }

    /**
     * The action's name on the wire and in the store: {@code authenticate}, {@code subscribe}, {@code publish}. Stored
     * usage rows hold it, so it never changes with a constant's name.
     */
    public String wireName() {
        return wireName;
    }

    /** The action named {@code wireName} (exactly, in lower case), empty for any other text. */
    public static Optional<Action> fromWire(String wireName) {
        for (Action action : ALL) {
            if (action.wireName.equals(wireName)) {
                return Optional.of(action);
            }
        }
        return Optional.empty();
    }

    /** Whether the action streams media and therefore needs a designation. */
    public boolean streams() {
        return this != AUTHENTICATE;
    }

    // Built once: fromWire runs for every request, and values() copies its array on each call.
    private static final List<Action> ALL = List.of(values());
}
