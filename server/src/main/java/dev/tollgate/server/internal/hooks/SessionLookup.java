package dev.tollgate.server.internal.hooks;

import java.time.Instant;

/**
 * Whether a platform session ({@code POST /v1/sessions}) is open: a token bound to a session ({@code sessionId}) is
 * accepted at a hook only when the client names that session, and it is open and of the same application. The wiring
 * implements it over the sessions family's store, which the hooks do not reach directly.
 */
@FunctionalInterface
public interface SessionLookup {

    /** Whether the session exists, belongs to {@code applicationId} and has not expired at {@code at}. */
    boolean isOpen(String applicationId, String sessionId, Instant at);
}
