package dev.tollgate.server.internal.admin;

import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the database answers {@code SELECT 1}, asked at most once per {@link #MAX_AGE}: a result is reused for
 * that long after the probe that produced it finished, then the next caller probes again while the others wait for
 * its answer. So {@code /health} reports a database that stopped answering at most {@link #MAX_AGE} late (plus the
 * probe's own wait for a connection, up to the pool's 3 s timeout), however many requests ask.
 *
 * <p>Why not ask on every request: under load a probe per request took a pool connection, a JDBI handle and an H2
 * transaction each time, a third of the server's CPU samples under wrk (docs/performance.md), and a health endpoint
 * polled hard by load balancers must not load the database it reports on.
 *
 * <p>Thread-safe.
 */
final class HealthProbe {
    /** How old an answer may be; within what load balancers usually poll at (1–10 s). */
    static final Duration MAX_AGE = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(HealthProbe.class);

    private record Answer(boolean up, long finishedAt) {}

    private final Jdbi jdbi;
    // Monotonic nanoseconds, not the server's Clock: the age bound is elapsed time, and a wall clock set back (or a
    // test's manual clock) must not keep a stale answer alive.
    private final LongSupplier nanoTime;
    // A ReentrantLock, not synchronized: callers are virtual threads that wait here for a probe that may wait for a
    // connection.
    private final ReentrantLock probing = new ReentrantLock();
    private volatile Answer last;

    HealthProbe(Jdbi jdbi, LongSupplier nanoTime) {
        this.jdbi = jdbi;
        this.nanoTime = nanoTime;
    }

    /** Whether the database answered a probe that finished at most {@link #MAX_AGE} before this call. */
    boolean databaseUp() {
        long asked = nanoTime.getAsLong();
        Answer answer = last;
        if (fresh(answer, asked)) {
            return answer.up();
        }
        probing.lock();
        try {
            // A probe that finished while this caller waited for the lock is fresh for it too.
            answer = last;
            if (fresh(answer, asked)) {
                return answer.up();
            }
            boolean up = ask();
            last = new Answer(up, nanoTime.getAsLong());
            return up;
        } finally {
            probing.unlock();
        }
    }

    private static boolean fresh(Answer answer, long asked) {
        return answer != null && asked - answer.finishedAt() <= MAX_AGE.toNanos();
    }

    private boolean ask() {
        try {
            return jdbi.withHandle(handle ->
                            handle.createQuery("SELECT 1").mapTo(Integer.class).one())
                    == 1;
        } catch (RuntimeException e) {
            LOG.warn("health check: the database does not answer: {}", e.getMessage());
            return false;
        }
    }
}
