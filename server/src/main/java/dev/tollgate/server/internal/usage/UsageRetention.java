package dev.tollgate.server.internal.usage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes usage events older than the retention, so that the usage tables stay proportional to the traffic of the
 * retention period rather than growing forever. A scheduled task on one virtual thread ({@value #THREAD_NAME}), not
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
    private final Duration retention;
    private final Clock clock;
    private final Duration interval;
    private final ScheduledExecutorService scheduler;

    private UsageRetention(UsageStore store, Duration retention, Clock clock, Duration interval) {
        this.store = Objects.requireNonNull(store, "store");
        this.retention = Objects.requireNonNull(retention, "retention");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.interval = Objects.requireNonNull(interval, "interval");
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("the usage retention must be positive, was " + retention);
        }
        this.scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofVirtual().name(THREAD_NAME).factory());
    }

    /**
     * Starts purging every {@code interval}, the first run one interval after the start (a start is busy enough).
     *
     * @param clock what "older than the retention" is measured on
     */
    public static UsageRetention start(UsageStore store, Duration retention, Clock clock, Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the purge interval must be positive, was " + interval);
        }
        UsageRetention retentionTask = new UsageRetention(store, retention, clock, interval);
        long millis = Math.max(1, interval.toMillis());
        retentionTask.scheduler.scheduleWithFixedDelay(
                retentionTask::purgeSafely, millis, millis, TimeUnit.MILLISECONDS);
        return retentionTask;
    }

    /**
     * One run: batches until no expired event is left or {@link #MAX_BATCHES_PER_RUN} were deleted.
     *
     * @return the number of events deleted
     */
    int purge() {
        Instant before = clock.instant().minus(retention);
        int total = 0;
        for (int batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
            int deleted = store.purgeBefore(before, PURGE_BATCH);
            total += deleted;
            if (deleted < PURGE_BATCH) {
                break;
            }
        }
        if (total > 0) {
            LOG.info("deleted {} usage events older than {} (retention {})", total, before, retention);
        }
        return total;
    }

    private void purgeSafely() {
        try {
            purge();
        } catch (RuntimeException e) {
            if (scheduler.isShutdown()) {
                // Interrupted by close(): the server is stopping, not failing.
                return;
            }
            // Caught, or the executor would cancel every later run. One line: the cause is in its toString.
            LOG.warn("could not delete expired usage events; retrying in {}: {}", interval, e.toString());
        }
    }

    /** Stops the purging thread, interrupting a run in progress, and waits briefly for it to end. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            if (!scheduler.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("the usage retention thread did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
