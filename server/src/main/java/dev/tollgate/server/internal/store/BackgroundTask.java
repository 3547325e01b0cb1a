package dev.tollgate.server.internal.store;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntUnaryOperator;
import org.slf4j.Logger;

/**
 * A housekeeping task the server repeats on one named virtual thread at a fixed delay (the usage retention, the
 * revocation purge): requests never wait for it, a failed run is one WARN line in its owner's log and is retried at
 * the next run, and {@link #close()} stops it before the server closes the database pool. Thread-safe: the runs are
 * serial on the one thread.
 */
public final class BackgroundTask implements AutoCloseable {
    private final String threadName;
    private final Duration interval;
    private final Logger log;
    private final String failure;
    private final Runnable run;
    private final ScheduledExecutorService scheduler;

    private BackgroundTask(String threadName, Duration interval, Logger log, String failure, Runnable run) {
        this.threadName = Objects.requireNonNull(threadName, "threadName");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.log = Objects.requireNonNull(log, "log");
        this.failure = Objects.requireNonNull(failure, "failure");
        this.run = Objects.requireNonNull(run, "run");
        this.scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofVirtual().name(threadName).factory());
    }

    /**
     * Starts running {@code run} every {@code interval}, the first run one interval after the start (a start is busy
     * enough); a run that throws logs {@code failure} (what could not be done) with the cause's one-line description.
     */
    public static BackgroundTask start(String threadName, Duration interval, Logger log, String failure, Runnable run) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the interval of " + threadName + " must be positive, was " + interval);
        }
        BackgroundTask task = new BackgroundTask(threadName, interval, log, failure, run);
        long millis = Math.max(1, interval.toMillis());
        task.scheduler.scheduleWithFixedDelay(task::runSafely, millis, millis, TimeUnit.MILLISECONDS);
        return task;
    }

    /**
     * Deletes in batches of at most {@code batch} rows until a batch deletes fewer or {@code maxBatches} ran, so that
     * one run never holds a long transaction; the rows deleted.
     */
    public static int inBatches(int batch, int maxBatches, IntUnaryOperator deleteAtMost) {
        int total = 0;
        for (int done = 0; done < maxBatches; done++) {
            int deleted = deleteAtMost.applyAsInt(batch);
            total += deleted;
            if (deleted < batch) {
                break;
            }
        }
        return total;
    }

    private void runSafely() {
        try {
            run.run();
        } catch (RuntimeException e) {
            if (scheduler.isShutdown()) {
                // Interrupted by close(): the server is stopping, not failing.
                return;
            }
            // Caught, or the executor would cancel every later run. One line: the cause is in its toString.
            log.warn("{}; retrying in {}: {}", failure, interval, e.toString());
        }
    }

    /** Stops the thread, interrupting a run in progress, and waits briefly for it to end. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            if (!scheduler.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("the {} thread did not stop within 5 s", threadName);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
