package dev.tollgate.client;

import java.util.concurrent.CompletionStage;

/**
 * The application's callback that obtains a new token, typically from its own backend (the Dolby SDKs'
 * {@code initializeToken(token, refreshCallback)}). Return a stage that completes later. The session calls it on a
 * new daemon thread per attempt (or on {@link TokenSession.Builder#refresherExecutor}), never on its timeline thread,
 * so even a refresher that blocks cannot delay checkpoints, timeouts or {@code close()}; an attempt abandoned while
 * it still blocks on the session's own thread is interrupted. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface TokenRefresher {

    /**
     * Asks for a new token.
     *
     * @param isExpired true when the current token has already expired (the last chance), false when it is
     *     merely nearing expiry
     * @return the new token (a client access token or a DIGEST token)
     */
    CompletionStage<String> refresh(boolean isExpired);
}
