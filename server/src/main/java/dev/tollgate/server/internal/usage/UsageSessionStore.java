package dev.tollgate.server.internal.usage;

import java.time.Instant;
import java.util.Optional;

/**
 * The usage sessions of the media servers' hooks. Implementations are thread-safe and durable: a method that returns
 * has committed, so a hook answers only after its session is stored.
 */
public interface UsageSessionStore {

    /** Stores a session that was just allowed, with its tags, atomically. */
    void open(UsageSession session);

    /** The open session a media server knows by {@code clientKey}. */
    Optional<UsageSession> findOpen(String mediaServer, String clientKey);

    /** Records a sign of life ({@code update}); false when no such session is open. */
    boolean touch(String mediaServer, String clientKey, Instant at);

    /** Ends the open session; the session as ended, or empty when none was open. */
    Optional<UsageSession> close(String mediaServer, String clientKey, Instant at);

    /**
     * How many sessions of the token (by {@link UsageSession#tokenDigest()}) are open and were seen at or after {@code
     * seenSince}: what a {@code max-sessions} capability limits.
     */
    int countOpen(String tokenDigest, Instant seenSince);

    /**
     * Ends at most {@code limit} open sessions last seen before {@code seenBefore}, each at its last sign of life (the
     * media server stopped reporting it: crashed, or lost the hook); how many were ended.
     */
    int closeStale(Instant seenBefore, int limit);
}
