package dev.tollgate.server.internal.access;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;

/**
 * A {@link BucketTable} in this node's memory ({@link RecentBuckets}: at most {@code maxTracked} keys, the least
 * recently used forgotten first), on the injected clock. What one node on H2 uses. Thread-safe.
 */
final class LocalBuckets implements BucketTable {
    private final RecentBuckets buckets;

    LocalBuckets(Bandwidth limit, ClockTimeMeter time, int maxTracked) {
        this.buckets = new RecentBuckets(
                maxTracked,
                () -> Bucket.builder()
                        .addLimit(limit)
                        .withCustomTimePrecision(time)
                        .build());
    }

    @Override
    public Taken take(String key) {
        ConsumptionProbe probe = buckets.bucket(key).tryConsumeAndReturnRemaining(1);
        return new Taken(probe.isConsumed(), Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    @Override
    public boolean exhausted(String key) {
        return buckets.find(key).map(bucket -> bucket.getAvailableTokens() < 1).orElse(false);
    }

    @Override
    public Duration untilNext(String key) {
        // Estimated, not consumed: asking how long to wait must not itself cost a token.
        return buckets.find(key)
                .map(bucket ->
                        Duration.ofNanos(bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill()))
                .orElse(Duration.ZERO);
    }
}
