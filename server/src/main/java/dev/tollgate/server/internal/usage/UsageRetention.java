package dev.tollgate.server.internal.usage;

import dev.tollgate.server.internal.store.BackgroundTask;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes usage events older than the retention, and the media servers' usage sessions that ended before it, so that
 * the usage tables stay proportional to the traffic of the retention period rather than growing forever. A session
 * still open is kept however long ago it started: it is still being used (the reaper ends those its media server
 * forgot). A {@link BackgroundTask} on one virtual thread ({@value #THREAD_NAME}), not
 * the requests: every {@link #PURGE_INTERVAL} (fixed delay, counted from the end of the previous run) it deletes
 * batches of at most {@link #PURGE_BATCH} of the oldest expired events (their tags go with them, {@code ON DELETE
 * CASCADE}, each batch one bounded DELETE on an index, {@code V9__usage_retention.sql}) until none is left or {@link
 * #MAX_BATCHES_PER_RUN} were deleted; a larger backlog is worked off over the next runs. Requests never wait for it,
 * and a write's answer never depends on it.
 *
 * <p>A failed run is logged as one WARN line without a stack trace (a database that is down is the usual cause, and
 * the requests already report it) and retried at the next run. {@link #close()} stops the thread; the server calls it
 * before it closes the database pool, so that no run meets a closed pool. With several nodes on one database each
 * node purges; a batch finds what another node left.
 *
 * <p>Thread-safe: the runs are serial on the one thread.
 */
public final class UsageRetention implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UsageRetention.class);

    /** The name of the purging thread, as thread dumps show it. */
    public static final String THREAD_NAME = "tollgate-usage-retention";

    /** Events deleted at most per batch. */
    static final int PURGE_BATCH = 1_000;

    /** Batches deleted at most per run: a run is bounded however large the backlog. */
    static final int MAX_BATCHES_PER_RUN = 100;

    /** How long a node waits between the end of one run and the start of the next. */
    public static final Duration PURGE_INTERVAL = Duration.ofMinutes(1);

    private final UsageStore store;
    private final UsageSessionStore sessions;
    private final Duration retention;
    private final Clock clock;
    private BackgroundTask task;

    private UsageRetention(UsageStore store, UsageSessionStore sessions, Duration retention, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.retention = Objects.requireNonNull(retention, "retention");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("the usage retention must be positive, was " + retention);
        }
    }

    /**
     * Starts purging every {@code interval}, the first run one interval after the start (a start is busy enough).
     *
     * @param clock what "older than the retention" is measured on
     */
    public static UsageRetention start(
            UsageStore store, UsageSessionStore sessions, Duration retention, Clock clock, Duration interval) {
        UsageRetention retentionTask = new UsageRetention(store, sessions, retention, clock);
        retentionTask.task = BackgroundTask.start(
                THREAD_NAME, interval, LOG, "could not delete expired usage events", retentionTask::purge);
        return retentionTask;
    }

    /**
     * One run: for the events, then for the ended sessions, batches until none expired is left or {@link
     * #MAX_BATCHES_PER_RUN} were deleted.
     *
     * @return the number of events and sessions deleted
     */
    int purge() {
        Instant before = clock.instant().minus(retention);
        int events =
                BackgroundTask.inBatches(PURGE_BATCH, MAX_BATCHES_PER_RUN, limit -> store.purgeBefore(before, limit));
        int ended = BackgroundTask.inBatches(
                PURGE_BATCH, MAX_BATCHES_PER_RUN, limit -> sessions.purgeEndedBefore(before, limit));
        if (events + ended > 0) {
            LOG.info(
                    "deleted {} usage events and {} usage sessions older than {} (retention {})",
                    events,
                    ended,
                    before,
                    retention);
        }
        return events + ended;
    }

    /** Stops the purging thread, interrupting a run in progress, and waits briefly for it to end. */
    @Override
    public void close() {
        task.close();
    }
}
