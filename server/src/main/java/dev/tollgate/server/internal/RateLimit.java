package dev.tollgate.server.internal;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket (Bucket4j) per client address for requests that cost a write, such as creating a token reference.
 * Every request consumes, successful or not. The map is cleared when it exceeds {@link #MAX_TRACKED} addresses,
 * which bounds memory under a spray of addresses at the cost of forgetting some counts, as {@link FailedAttempts}
 * does. Thread-safe.
 */
public final class RateLimit {
    static final int MAX_TRACKED = 100_000;

    private final int capacity;
    private final Duration period;
    private final Map<String, Bucket> byAddress = new ConcurrentHashMap<>();

    /** {@code capacity} requests per address, refilled evenly over {@code period}. */
    public RateLimit(int capacity, Duration period) {
        if (capacity < 1 || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("a rate limit needs a positive capacity and period");
        }
        this.capacity = capacity;
        this.period = period;
    }

    /** Takes one request from the address's allowance; false when none is left. */
    public boolean tryAcquire(String address) {
        if (byAddress.size() > MAX_TRACKED) {
            byAddress.clear();
        }
        return byAddress
                .computeIfAbsent(
                        address,
                        k -> Bucket.builder()
                                .addLimit(Bandwidth.builder()
                                        .capacity(capacity)
                                        .refillGreedy(capacity, period)
                                        .build())
                                .build())
                .tryConsume(1);
    }

    /** Seconds until one more request is allowed, for {@code Retry-After}. */
    public long retryAfterSeconds() {
        return Math.max(1, period.toSeconds() / capacity);
    }
}
