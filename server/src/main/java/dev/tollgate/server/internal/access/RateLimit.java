package dev.tollgate.server.internal.access;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;

/**
 * A token bucket (Bucket4j) per client address for requests that cost a write, such as creating a token reference.
 * Every request consumes, successful or not. An IPv6 address counts as its /64 ({@link AddressKey}); at most {@link
 * #MAX_TRACKED} keys are kept, the least recently used forgotten first ({@link RecentBuckets}), as in {@link
 * FailedAttempts}. Thread-safe.
 */
public final class RateLimit {
    static final int MAX_TRACKED = 100_000;

    private final int capacity;
    private final Duration period;
    private final RecentBuckets byAddress;

    /** {@code capacity} requests per address, refilled evenly over {@code period}. */
    public RateLimit(int capacity, Duration period) {
        this(capacity, period, MAX_TRACKED);
    }

    RateLimit(int capacity, Duration period, int maxTracked) {
        if (capacity < 1 || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("a rate limit needs a positive capacity and period");
        }
        this.capacity = capacity;
        this.period = period;
        this.byAddress = new RecentBuckets(
                maxTracked,
                () -> Bucket.builder()
                        .addLimit(Bandwidth.builder()
                                .capacity(capacity)
                                .refillGreedy(capacity, period)
                                .build())
                        .build());
    }

    /** Takes one request from the address's allowance; false when none is left. */
    public boolean tryAcquire(String address) {
        return byAddress.bucket(AddressKey.of(address)).tryConsume(1);
    }

    /** Seconds until one more request is allowed, for {@code Retry-After}. */
    public long retryAfterSeconds() {
        return Math.max(1, period.toSeconds() / capacity);
    }
}
