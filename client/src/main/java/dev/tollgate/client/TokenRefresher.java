package dev.tollgate.client;

import java.util.concurrent.CompletionStage;

/**
 * The application's callback that obtains a new token, typically from its own backend (the Dolby SDKs'
 * {@code initializeToken(token, refreshCallback)}). It must not block: return a stage that completes later.
 * Implementations must be thread-safe; the session calls them from its scheduler thread.
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
