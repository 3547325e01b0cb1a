package dev.tollgate.server.internal.access;

import io.github.bucket4j.Bucket;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Token buckets by key, at most {@code maxTracked} of them; past that the least recently used is forgotten. This
 * bounds memory under a spray of keys without the old "clear everything" reset: a key that is being refused is read
 * at every attempt, so it stays recent, and pushing it out takes {@code maxTracked} other keys (with IPv6 keyed by
 * /64, {@link AddressKey}) within one refill period, after which its bucket would have refilled anyway.
 *
 * <p>Thread-safe: one lock around the map (a lookup and at most one removal); the buckets themselves are
 * thread-safe and consumed outside it.
 */
final class RecentBuckets {
    private final int maxTracked;
    private final Supplier<Bucket> newBucket;
    // Access order: iteration starts at the least recently used entry.
    private final LinkedHashMap<String, Bucket> buckets = new LinkedHashMap<>(16, 0.75f, true);

    RecentBuckets(int maxTracked, Supplier<Bucket> newBucket) {
        if (maxTracked < 1) {
            throw new IllegalArgumentException("maxTracked must be positive, was " + maxTracked);
        }
        this.maxTracked = maxTracked;
        this.newBucket = newBucket;
    }

    /** The key's bucket, created full when it has none; marks the key as recently used. */
    synchronized Bucket bucket(String key) {
        Bucket bucket = buckets.get(key);
        if (bucket == null) {
            bucket = newBucket.get();
            buckets.put(key, bucket);
            if (buckets.size() > maxTracked) {
                Iterator<String> eldest = buckets.keySet().iterator();
                eldest.next();
                eldest.remove();
            }
        }
        return bucket;
    }

    /** The key's bucket if it has one; marks the key as recently used. */
    synchronized Optional<Bucket> find(String key) {
        return Optional.ofNullable(buckets.get(key));
    }
}
