package dev.tollgate.client;

/**
 * Observes a {@link TokenSession}. Methods run on the session's scheduler thread and must return quickly. A runtime
 * exception they throw is logged (WARNING, {@link System.Logger} {@code dev.tollgate.client.TokenSession}, with the
 * exception) and goes no further, so one listener cannot stall the session or keep the others from hearing the event.
 * The session never puts the token in that log; keep it out of your exceptions' messages too. Implementations must
 * be thread-safe.
 */
public interface TokenListener {

    /** A new token replaced the old one. */
    default void onTokenRefreshed(String token) {}

    /** The current token expired before a new one arrived. Called once per token. */
    default void onTokenExpired() {}

    /**
     * A refresh attempt failed, timed out or returned an unusable token; the session retries with backoff.
     *
     * @param cause what went wrong
     * @param attempt how many attempts failed in a row for the current token, from 1
     */
    default void onRefreshFailed(Throwable cause, int attempt) {}
}
