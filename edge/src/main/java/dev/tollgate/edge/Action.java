package dev.tollgate.edge;

/**
 * What a client asks the edge to do with a token. "Using EdgeAuth": an authToken permits "creation of a session", a
 * streamToken "consumption of a stream", a publishToken "creation of a stream".
 *
 * <p>Immutable and thread-safe.
 */
public enum Action {
    /** Create a session (initialise the SDK, join). */
    AUTHENTICATE,
    /** Consume a stream (view, play). */
    SUBSCRIBE,
    /** Create a stream (publish). */
    PUBLISH;

    /** Whether the action streams media and therefore needs a designation. */
    public boolean streams() {
        return this != AUTHENTICATE;
    }
}
