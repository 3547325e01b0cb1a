package dev.tollgate.server.internal.access;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A {@link BucketTable} in the PostgreSQL that several nodes share (Bucket4j's {@code SELECT ... FOR UPDATE} proxy,
 * table {@code rate_limit_buckets}, {@code V13__rate_limit_buckets.sql}): a token taken on one node is gone on every
 * node. Each bucket's row is {@code "<name>:<key>"}.
 *
 * <p>Taking is a transaction on the bucket's row, on every call. Asking ({@link #exhausted}) is on the path of every
 * authenticated request, so it is answered from memory unless the table reads through ({@code readThrough}, for
 * budgets asked only after a failure): this node remembers, for at most {@code maxTracked} keys, until when a key's
 * bucket was found empty, here or by another node whose notice named it ({@code Topic.BUDGET}), and reads the shared
 * bucket again once that time has passed. A key this node has no word of is not asked about, at no cost to the
 * requests that never fail. The price: a key exhausted elsewhere is refused here from the moment the notice arrives
 * (within the propagation bound, {@code docs/security.md}), not before. Thread-safe.
 */
final class SharedBuckets implements BucketTable {
    private final ProxyManager<String> proxies;
    private final String name;
    private final BucketConfiguration configuration;
    private final Clock clock;
    private final boolean readThrough;
    private final int maxTracked;
    private final Consumer<String> onExhausted;
    // Access order: the least recently asked key is forgotten first.
    private final LinkedHashMap<String, Instant> emptyUntil = new LinkedHashMap<>(16, 0.75f, true);

    SharedBuckets(
            ProxyManager<String> proxies,
            String name,
            BucketConfiguration configuration,
            Clock clock,
            boolean readThrough,
            int maxTracked,
            Consumer<String> onExhausted) {
        this.proxies = proxies;
        this.name = name;
        this.configuration = configuration;
        this.clock = clock;
        this.readThrough = readThrough;
        this.maxTracked = maxTracked;
        this.onExhausted = onExhausted;
    }

    @Override
    public Taken take(String key) {
        BucketProxy bucket = bucket(key);
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            Duration wait = Duration.ofNanos(probe.getNanosToWaitForRefill());
            remember(key, wait);
            return new Taken(false, wait);
        }
        if (probe.getRemainingTokens() < 1) {
            // The last token: from now on the key is refused, here at once and on the others once they hear of it.
            Duration wait = Duration.ofNanos(bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill());
            remember(key, wait);
            onExhausted.accept(name + ":" + key);
        }
        return new Taken(true, Duration.ZERO);
    }

    @Override
    public boolean exhausted(String key) {
        if (!readThrough) {
            Instant until = known(key);
            if (until == null) {
                return false;
            }
            if (clock.instant().isBefore(until)) {
                return true;
            }
        }
        EstimationProbe probe = bucket(key).estimateAbilityToConsume(1);
        if (probe.canBeConsumed()) {
            forget(key);
            return false;
        }
        remember(key, Duration.ofNanos(probe.getNanosToWaitForRefill()));
        return true;
    }

    @Override
    public Duration untilNext(String key) {
        if (readThrough) {
            return Duration.ofNanos(bucket(key).estimateAbilityToConsume(1).getNanosToWaitForRefill());
        }
        Instant until = known(key);
        if (until == null) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(clock.instant(), until);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /**
     * Another node found this key's bucket empty: the next check of the key reads the shared bucket instead of
     * trusting that this node has no word of it.
     */
    void heardOfExhausted(String key) {
        synchronized (emptyUntil) {
            // An instant already past: "ask the database", not "refused".
            emptyUntil.putIfAbsent(key, Instant.MIN);
            trim();
        }
    }

    private BucketProxy bucket(String key) {
        return proxies.builder().build(name + ":" + key, () -> configuration);
    }

    private Instant known(String key) {
        synchronized (emptyUntil) {
            return emptyUntil.get(key);
        }
    }

    private void remember(String key, Duration wait) {
        synchronized (emptyUntil) {
            emptyUntil.put(key, clock.instant().plus(wait));
            trim();
        }
    }

    private void forget(String key) {
        synchronized (emptyUntil) {
            emptyUntil.remove(key);
        }
    }

    private void trim() {
        if (emptyUntil.size() > maxTracked) {
            Iterator<Map.Entry<String, Instant>> eldest = emptyUntil.entrySet().iterator();
            eldest.next();
            eldest.remove();
        }
    }
}
