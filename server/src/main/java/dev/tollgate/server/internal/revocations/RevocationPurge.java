package dev.tollgate.server.internal.revocations;

import dev.tollgate.server.internal.store.BackgroundTask;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the revocation entries that ended, so that the list stays bounded by what is revoked now rather than by
 * everything ever revoked. An entry is deleted {@link #GRACE} after its end, not at once: a withdrawal is an end
 * that other nodes learn by re-reading the changed row, and a row deleted before they read it would leave their copy
 * matching until the entry's original end. A {@link BackgroundTask} on one virtual thread ({@value #THREAD_NAME}), as {@code
 * usage.UsageRetention}: every {@link #PURGE_INTERVAL} (fixed delay) it deletes batches of at most {@link #PURGE_BATCH}
 * until none is left or {@link #MAX_BATCHES_PER_RUN} were deleted. Requests never wait for it.
 *
 * <p>A failed run is one WARN line and is retried at the next run. {@link #close()} stops the thread; the server calls
 * it before it closes the database pool. Thread-safe: the runs are serial on the one thread.
 */
public final class RevocationPurge implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RevocationPurge.class);

    /** The name of the purging thread, as thread dumps show it. */
    public static final String THREAD_NAME = "tollgate-revocation-purge";

    /** How long after its end an entry is kept, so that every node has read its end first. */
    public static final Duration GRACE = Duration.ofHours(1);

    /** How long a node waits between the end of one run and the start of the next. */
    public static final Duration PURGE_INTERVAL = Duration.ofMinutes(1);

    static final int PURGE_BATCH = 1_000;
    static final int MAX_BATCHES_PER_RUN = 100;

    private final Revocations revocations;
    private final Clock clock;
    private BackgroundTask task;

    private RevocationPurge(Revocations revocations, Clock clock) {
        this.revocations = Objects.requireNonNull(revocations, "revocations");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Starts purging every {@code interval}, the first run one interval after the start. */
    public static RevocationPurge start(Revocations revocations, Clock clock, Duration interval) {
        RevocationPurge purge = new RevocationPurge(revocations, clock);
        purge.task = BackgroundTask.start(
                THREAD_NAME, interval, LOG, "could not delete ended revocation entries", purge::purge);
        return purge;
    }

    /** One run; the number of entries deleted. */
    public int purge() {
        Instant before = clock.instant().minus(GRACE);
        int total = BackgroundTask.inBatches(
                PURGE_BATCH, MAX_BATCHES_PER_RUN, limit -> revocations.purgeEndedBefore(before, limit));
        if (total > 0) {
            LOG.info("deleted {} revocation entries that ended before {}", total, before);
        }
        return total;
    }

    /** Stops the purging thread, interrupting a run in progress, and waits briefly for it to end. */
    @Override
    public void close() {
        task.close();
    }
}
