package dev.tollgate.server.internal.usage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends the usage sessions whose media server stopped reporting them (it crashed, lost its connection to Tollgate, or
 * dropped a {@code done}): every {@code interval}, the open sessions last seen more than {@code timeout} ago are ended
 * at their last sign of life, in batches of at most {@link #BATCH}, at most {@link #MAX_BATCHES} per run. The end is
 * the last sign of life, not the sweep's time, so the timeout and the sweep's delay are never counted as minutes.
 *
 * <p>The media servers in {@code spared} (Icecast, SRS) are never swept: they report every end ({@code
 * listener_remove}, {@code on_stop}) and send nothing in between, so a session of theirs that is quiet is still
 * playing, and ending it at its start would count it as zero minutes. A session of theirs whose end was lost stays
 * open until its client key is reused; it no longer counts against {@code max-sessions} once unseen for the timeout.
 *
 * <p>One virtual thread ({@code tollgate-usage-session-reaper}) on a single-thread scheduler; started and stopped by
 * the server. A failed sweep is one WARN line and is retried at the next interval. Thread-safe.
 */
public final class UsageSessionReaper implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UsageSessionReaper.class);

    /** Sessions ended at most per statement. */
    static final int BATCH = 1_000;

    /** Statements at most per run, so that one run stays short; a larger backlog continues at the next interval. */
    static final int MAX_BATCHES = 10;

    /** How often the server sweeps. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);

    private final UsageSessionStore store;
    private final Duration timeout;
    private final Duration interval;
    private final Clock clock;
    private final Set<String> spared;
    private ScheduledExecutorService scheduler;

    public UsageSessionReaper(UsageSessionStore store, Duration timeout, Duration interval, Clock clock) {
        this(store, timeout, interval, clock, Set.of());
    }

    public UsageSessionReaper(
            UsageSessionStore store, Duration timeout, Duration interval, Clock clock, Set<String> spared) {
        this.spared = Set.copyOf(spared);
        this.store = Objects.requireNonNull(store, "store");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the usage session timeout must be positive, was " + timeout);
        }
        if (interval.toMillis() < 1) {
            throw new IllegalArgumentException("the reaper's interval must be at least 1 ms, was " + interval);
        }
    }

    /** Starts sweeping every interval, the first after one interval. */
    public synchronized void start() {
        if (scheduler != null) {
            throw new IllegalStateException("the usage session reaper was started already");
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofVirtual().name("tollgate-usage-session-reaper").factory());
        long millis = interval.toMillis();
        scheduler.scheduleWithFixedDelay(this::sweep, millis, millis, TimeUnit.MILLISECONDS);
    }

    /**
     * Ends the sessions not seen for longer than the timeout, at most {@link #BATCH} × {@link #MAX_BATCHES}; how many.
     */
    public int reap() {
        Instant seenBefore = clock.instant().minus(timeout);
        int total = 0;
        for (int i = 0; i < MAX_BATCHES; i++) {
            int ended = store.closeStale(seenBefore, spared, BATCH);
            total += ended;
            if (ended < BATCH) {
                break;
            }
        }
        return total;
    }

    private void sweep() {
        try {
            int ended = reap();
            if (ended > 0) {
                LOG.info("ended {} usage sessions not seen for {}, at their last sign of life", ended, timeout);
            }
        } catch (RuntimeException e) {
            // Whatever the database or the pool throws: an exception escaping would cancel the schedule silently.
            LOG.warn("could not end stale usage sessions; retrying in {}: {}", interval, e.toString());
        }
    }

    /** Stops sweeping; a sweep under way finishes first (bounded by the pool's wait). Idempotent. */
    @Override
    public synchronized void close() {
        if (scheduler == null) {
            return;
        }
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(5, TimeUnit.SECONDS)) {
                scheduler.shutdownNow();
            }
        } catch (InterruptedException e) {
            scheduler.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
