package dev.tollgate.server.internal.usage;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The usage sessions of the media servers' hooks. Implementations are thread-safe and durable: a method that returns
 * has committed, so a hook answers only after its session is stored. Schema: {@code V11__usage_sessions.sql}; JDBC:
 * {@link JdbcUsageSessionStore}; sessions the media server stopped reporting are ended by {@link UsageSessionReaper}.
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

    /**
     * As {@link #closeStale(Instant, int)}, but never ends a session of the media servers in {@code spared}: those
     * report every end and send no sign of life in between, so their silence means nothing.
     */
    int closeStale(Instant seenBefore, Set<String> spared, int limit);

    /**
     * Deletes at most {@code limit} of the sessions that ended before {@code before}, the earliest end first, with
     * their tags (the usage retention); an open session is never deleted, however old. How many were deleted.
     */
    int purgeEndedBefore(Instant before, int limit);

    /**
     * The viewer and publisher sessions and milliseconds of the sessions the query selects inside its window, grouped
     * as it asks and ordered by the grouped columns (no tag, no channel last); at most {@code limit} rows. How a
     * session that crosses the window's bounds counts: {@link UsageSessionRow}. Sessions are plays and publishes, so
     * a query for authentications only selects none.
     */
    List<UsageSessionRow> report(UsageQuery query, int limit);
}
