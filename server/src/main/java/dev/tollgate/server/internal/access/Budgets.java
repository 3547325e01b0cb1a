package dev.tollgate.server.internal.access;

import dev.tollgate.server.internal.changes.Changes;
import dev.tollgate.server.internal.changes.Topic;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.CustomColumnProvider;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.remote.RemoteBucketState;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the server's token buckets live (the failure budgets of {@link FailedAttempts}, the request limits of {@link
 * RateLimit}): in this node's memory on H2, where one node is the whole server, or in the PostgreSQL several nodes
 * share, so that N nodes do not give an attacker N times the attempts (issue 12). Both run on the injected clock.
 *
 * <p>Shared buckets are Bucket4j's PostgreSQL proxies ({@link SharedBuckets}). Bucket4j reads its own time source,
 * {@code System.currentTimeMillis()}, unless given one: the proxies get the server's clock ({@link ClockTimeMeter}) as
 * their client clock, and the row's {@code expires_at} and its purge are computed here on the same clock rather than
 * by Bucket4j's built-in expiry (which stamps and purges on the system time), so a test or a replay on a fixed clock
 * sees the same budgets on both databases. The purge deletes rows whose bucket is full again, every {@link
 * #PURGE_INTERVAL}, in batches, on one virtual thread ({@value #THREAD_NAME}) that {@link #close()} stops.
 *
 * <p>Thread-safe.
 */
public final class Budgets implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Budgets.class);

    /** The name of the purging thread of shared budgets. */
    public static final String THREAD_NAME = "tollgate-budget-purge";

    /** How often rows of full buckets are deleted. */
    static final Duration PURGE_INTERVAL = Duration.ofMinutes(1);

    static final int PURGE_BATCH = 1_000;

    private static final String TABLE = "rate_limit_buckets";

    private final Clock clock;
    private final ClockTimeMeter time;
    private final DataSource shared;
    private final ProxyManager<String> proxies;
    private final ScheduledExecutorService purger;
    private final Map<String, SharedBuckets> tables = new ConcurrentHashMap<>();
    private final Changes changes;

    private Budgets(Clock clock, DataSource shared, Changes changes) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.changes = Objects.requireNonNull(changes, "changes");
        this.time = new ClockTimeMeter(clock);
        this.shared = shared;
        if (shared == null) {
            this.proxies = null;
            this.purger = null;
            return;
        }
        // Full again at: the server's "now" plus Bucket4j's time to refill up to the capacity.
        ExpirationAfterWriteStrategy untilFull =
                ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ZERO);
        this.proxies = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(shared)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table(TABLE)
                .addCustomColumn(new CustomColumnProvider<String>() {
                    @Override
                    public void setCustomField(
                            String key, int index, PreparedStatement statement, RemoteBucketState state, long nanos)
                            throws SQLException {
                        long ttl = untilFull.calculateTimeToLiveMillis(state, nanos);
                        statement.setLong(index, nanos / 1_000_000 + Math.max(0, ttl));
                    }

                    @Override
                    public String getCustomFieldName() {
                        return "expires_at";
                    }
                })
                .clientClock(time)
                .build();
        this.purger = Executors.newSingleThreadScheduledExecutor(
                Thread.ofVirtual().name(THREAD_NAME).factory());
        long millis = PURGE_INTERVAL.toMillis();
        purger.scheduleWithFixedDelay(this::purgeSafely, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Buckets in this node's memory: one node on H2. */
    public static Budgets local(Clock clock) {
        return new Budgets(clock, null, Changes.NONE);
    }

    /**
     * Buckets in the database several nodes share (PostgreSQL, schema {@code V13__rate_limit_buckets.sql}); a bucket
     * emptied here is announced through {@code changes}, so that the other nodes check it before they let its key try
     * again, and theirs are heard of.
     */
    public static Budgets shared(DataSource database, Clock clock, Changes changes) {
        Budgets budgets = new Budgets(clock, Objects.requireNonNull(database, "database"), changes);
        changes.subscribe(Topic.BUDGET, new Changes.Listener() {
            @Override
            public void changed(String bucket) {
                budgets.heardOfExhausted(bucket);
            }

            @Override
            public void missed() {
                // Nothing to re-read: an empty bucket this node has no word of costs it one more checked attempt.
            }
        });
        return budgets;
    }

    /** Whether the buckets are shared between nodes. */
    public boolean isShared() {
        return shared != null;
    }

    /** Another node emptied this bucket ({@code "<table>:<key>"}). */
    private void heardOfExhausted(String bucket) {
        int colon = bucket.indexOf(':');
        if (colon < 0) {
            return;
        }
        SharedBuckets table = tables.get(bucket.substring(0, colon));
        if (table != null) {
            table.heardOfExhausted(bucket.substring(colon + 1));
        }
    }

    /**
     * A table of buckets of {@code capacity} tokens refilled evenly over {@code period}.
     *
     * @param name the table's name, unique per server, the prefix of its rows
     * @param readThrough shared buckets only: whether asking reads the database each time (for a budget asked only
     *     after a failure) rather than this node's memory of empty buckets
     * @param maxTracked how many keys are kept in memory at most
     */
    BucketTable table(String name, int capacity, Duration period, boolean readThrough, int maxTracked) {
        if (capacity < 1 || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("a budget needs a positive capacity and period");
        }
        if (name.indexOf(':') >= 0) {
            throw new IllegalArgumentException("a budget's name cannot hold ':', was " + name);
        }
        Bandwidth limit = Bandwidth.builder()
                .capacity(capacity)
                .refillGreedy(capacity, period)
                .build();
        if (shared == null) {
            return new LocalBuckets(limit, time, maxTracked);
        }
        SharedBuckets table = new SharedBuckets(
                proxies,
                name,
                BucketConfiguration.builder().addLimit(limit).build(),
                clock,
                readThrough,
                maxTracked,
                bucket -> changes.publish(Topic.BUDGET, bucket));
        if (tables.putIfAbsent(name, table) != null) {
            throw new IllegalArgumentException("a budget named " + name + " exists already");
        }
        return table;
    }

    /** Deletes at most {@link #PURGE_BATCH} rows of buckets full again by the clock's now; returns how many. */
    int purgeFull() {
        if (shared == null) {
            return 0;
        }
        try (Connection connection = shared.getConnection();
                PreparedStatement delete = connection.prepareStatement("DELETE FROM " + TABLE
                        + " WHERE id IN (SELECT id FROM " + TABLE
                        + " WHERE expires_at < ? LIMIT ? FOR UPDATE SKIP LOCKED)")) {
            delete.setLong(1, clock.millis());
            delete.setInt(2, PURGE_BATCH);
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot purge the rate-limit buckets: " + e.getMessage(), e);
        }
    }

    private void purgeSafely() {
        try {
            for (int batch = 0; batch < 100 && purgeFull() == PURGE_BATCH; batch++) {
                // Bounded per run; a larger backlog is worked off at the next.
            }
        } catch (RuntimeException e) {
            if (!purger.isShutdown()) {
                LOG.warn("could not purge the rate-limit buckets; retrying in {}: {}", PURGE_INTERVAL, e.toString());
            }
        }
    }

    /** Stops the purge; before the database pool closes. */
    @Override
    public void close() {
        if (purger == null) {
            return;
        }
        purger.shutdownNow();
        try {
            if (!purger.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("the rate-limit purge thread did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
