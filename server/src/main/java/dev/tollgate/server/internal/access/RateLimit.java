package dev.tollgate.server.internal.access;

import dev.tollgate.server.internal.http.ErrorCode;
import dev.tollgate.server.internal.http.Rejection;
import java.time.Clock;
import java.time.Duration;

/**
 * A token bucket (Bucket4j) per client address for requests that cost a write, such as creating a token reference.
 * Every request consumes, successful or not. An IPv6 address counts as its /64 ({@link AddressKey}); at most {@link
 * #MAX_TRACKED} keys are kept, the least recently used forgotten first ({@link RecentBuckets}), as in {@link
 * FailedAttempts}. The buckets run on the injected clock ({@link ClockTimeMeter}); with PostgreSQL every node shares
 * them ({@link Budgets}). Thread-safe.
 */
public final class RateLimit {
    static final int MAX_TRACKED = 100_000;

    private final BucketTable byAddress;

    /** What {@link #tryAcquire} found: a permit taken, or none, with the wait until the next one. */
    public sealed interface Acquisition {}

    /** One request was taken from the address's allowance. */
    public record Acquired() implements Acquisition {}

    /** The allowance is used up; {@code retryAfter} is the bucket's own wait until it holds a permit again. */
    public record Refused(Duration retryAfter) implements Acquisition {}

    /** {@code capacity} requests per address, refilled evenly over {@code period}, on {@code clock}'s time. */
    public RateLimit(int capacity, Duration period, Clock clock) {
        this(capacity, period, Budgets.local(clock), "rate", MAX_TRACKED);
    }

    /**
     * {@code capacity} requests per address, refilled evenly over {@code period}, kept where {@code budgets} keeps
     * them (shared by the nodes of one PostgreSQL, or this node's).
     *
     * @param name the budget's name, unique per server
     */
    public RateLimit(int capacity, Duration period, Budgets budgets, String name) {
        this(capacity, period, budgets, name, MAX_TRACKED);
    }

    RateLimit(int capacity, Duration period, Clock clock, int maxTracked) {
        this(capacity, period, Budgets.local(clock), "rate", maxTracked);
    }

    private RateLimit(int capacity, Duration period, Budgets budgets, String name, int maxTracked) {
        // Every request takes a token, so asking first would buy nothing: no memory of empty buckets is read.
        this.byAddress = budgets.table(name, capacity, period, true, maxTracked);
    }

    /** Takes one request from the address's allowance, or says how long until one is left. */
    public Acquisition tryAcquire(String address) {
        BucketTable.Taken taken = byAddress.take(AddressKey.of(address));
        return taken.consumed() ? new Acquired() : new Refused(taken.untilNext());
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
