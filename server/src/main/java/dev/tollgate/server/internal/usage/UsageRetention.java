package dev.tollgate.server.internal.usage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes usage events older than the retention, so that the usage tables stay proportional to the traffic of the
 * retention period rather than growing forever. No background task: after a usage write, at most once per {@link
 * #PURGE_INTERVAL} per node, one batch of at most {@link #PURGE_BATCH} of the oldest events is deleted (their tags
 * go with them, {@code ON DELETE CASCADE}); while a backlog remains, every write deletes one more batch. A write thus
 * costs at most one bounded DELETE on an index ({@code V9__usage_retention.sql}).
 *
 * <p>A failed purge is logged and retried later: the event was recorded already, and its answer must not change
 * because old rows could not be deleted. Thread-safe: one purge runs at a time per node.
 */
public final class UsageRetention {
    private static final Logger LOG = LoggerFactory.getLogger(UsageRetention.class);

    /** Events deleted at most per purge. */
    static final int PURGE_BATCH = 1_000;

    /** How often a node purges when there is no backlog. */
    static final Duration PURGE_INTERVAL = Duration.ofMinutes(1);

    // Long.MAX_VALUE while a purge runs, so that concurrent writers skip it.
    private final AtomicLong nextPurgeAt = new AtomicLong(Long.MIN_VALUE);
    private final UsageStore store;
    private final Duration retention;
    private final Clock clock;

    public UsageRetention(UsageStore store, Duration retention, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.retention = Objects.requireNonNull(retention, "retention");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("the usage retention must be positive, was " + retention);
        }
    }

    /** Called after a usage event was recorded: deletes one batch of expired events when one is due. */
    public void afterWrite() {
        long now = clock.millis();
        long due = nextPurgeAt.get();
        if (now < due || !nextPurgeAt.compareAndSet(due, Long.MAX_VALUE)) {
            return;
        }
        long next = now + PURGE_INTERVAL.toMillis();
        try {
            Instant before = Instant.ofEpochMilli(now).minus(retention);
            int deleted = store.purgeBefore(before, PURGE_BATCH);
            if (deleted > 0) {
                LOG.info("deleted {} usage events older than {} (retention {})", deleted, before, retention);
            }
            if (deleted == PURGE_BATCH) {
                next = now;
            }
        } catch (JdbiException e) {
            LOG.warn("could not delete expired usage events; retrying after {}: {}", PURGE_INTERVAL, e.toString());
        } finally {
            nextPurgeAt.set(next);
        }
    }
}
