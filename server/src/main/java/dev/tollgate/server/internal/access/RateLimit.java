package dev.tollgate.server.internal.access;

import dev.tollgate.server.internal.http.ErrorCode;
import dev.tollgate.server.internal.http.Rejection;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Clock;
import java.time.Duration;

/**
 * A token bucket (Bucket4j) per client address for requests that cost a write, such as creating a token reference.
 * Every request consumes, successful or not. An IPv6 address counts as its /64 ({@link AddressKey}); at most {@link
 * #MAX_TRACKED} keys are kept, the least recently used forgotten first ({@link RecentBuckets}), as in {@link
 * FailedAttempts}. The buckets run on the injected clock ({@link ClockTimeMeter}). Thread-safe.
 */
public final class RateLimit {
    static final int MAX_TRACKED = 100_000;

    private final RecentBuckets byAddress;

    /** What {@link #tryAcquire} found: a permit taken, or none, with the wait until the next one. */
    public sealed interface Acquisition {}

    /** One request was taken from the address's allowance. */
    public record Acquired() implements Acquisition {}

    /** The allowance is used up; {@code retryAfter} is the bucket's own wait until it holds a permit again. */
    public record Refused(Duration retryAfter) implements Acquisition {}

    /** {@code capacity} requests per address, refilled evenly over {@code period}, on {@code clock}'s time. */
    public RateLimit(int capacity, Duration period, Clock clock) {
        this(capacity, period, clock, MAX_TRACKED);
    }

    RateLimit(int capacity, Duration period, Clock clock, int maxTracked) {
        if (capacity < 1 || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("a rate limit needs a positive capacity and period");
        }
        ClockTimeMeter time = new ClockTimeMeter(clock);
        this.byAddress = new RecentBuckets(
                maxTracked,
                () -> Bucket.builder()
                        .addLimit(Bandwidth.builder()
                                .capacity(capacity)
                                .refillGreedy(capacity, period)
                                .build())
                        .withCustomTimePrecision(time)
                        .build());
    }

    /** Takes one request from the address's allowance, or says how long until one is left. */
    public Acquisition tryAcquire(String address) {
        ConsumptionProbe probe = byAddress.bucket(AddressKey.of(address)).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? new Acquired() : new Refused(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /**
     * Takes one request from the address's allowance.
     *
     * @throws Rejection 429 {@code too-many-requests} with {@code message} and {@code Retry-After} the real wait, when
     *     the allowance is used up
     */
    public void require(String address, String message) {
        if (tryAcquire(address) instanceof Refused refused) {
            throw Rejection.tooManyRequests(ErrorCode.TOO_MANY_REQUESTS, message, refused.retryAfter())
                    .logDetail("address " + address);
        }
    }
}
