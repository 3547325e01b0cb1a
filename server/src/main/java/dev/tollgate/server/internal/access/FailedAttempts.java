package dev.tollgate.server.internal.access;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Clock;
import java.time.Duration;

/**
 * Limits failed credential checks with token buckets (Bucket4j), one per client address and one per application ID.
 * Only failures consume.
 *
 * <p>The two budgets act differently, because an application ID is public (every DIGEST token carries it): an address
 * that is {@link #addressBlocked blocked} is refused before its credentials are even checked, but an application whose
 * budget is {@link #applicationExhausted exhausted} is only a reason to refuse a <em>wrong</em> secret with 429. The
 * right secret still gets through, so that anyone who sends wrong secrets for an application from many addresses
 * cannot lock its backend out of token issuance. Secrets are 256-bit random values: guessing is not the threat that
 * the per-application budget answers; it bounds the noise and makes the attack visible.
 *
 * <p>Per address: {@link #PER_ADDRESS} failures, refilled over a minute; per application: {@link #PER_APPLICATION}.
 * An IPv6 address counts as its /64 ({@link AddressKey}). Each table keeps at most {@link #MAX_TRACKED} keys and
 * forgets the least recently used first ({@link RecentBuckets}): a spray of addresses can no longer wipe every
 * budget at once, as clearing the whole map did. The buckets run on the injected clock ({@link ClockTimeMeter}), and
 * {@code Retry-After} is the refusing bucket's own wait ({@link #addressRetryAfter}, {@link #applicationRetryAfter}).
 * Thread-safe.
 */
public final class FailedAttempts {
    static final int PER_ADDRESS = 10;
    static final int PER_APPLICATION = 20;
    static final int MAX_TRACKED = 100_000;
    private static final Duration PERIOD = Duration.ofMinutes(1);

    private final RecentBuckets byAddress;
    private final RecentBuckets byApplication;

    /** Budgets that refill on {@code clock}'s time. */
    public FailedAttempts(Clock clock) {
        this(clock, MAX_TRACKED);
    }

    FailedAttempts(Clock clock, int maxTracked) {
        ClockTimeMeter time = new ClockTimeMeter(clock);
        byAddress = new RecentBuckets(maxTracked, () -> bucket(PER_ADDRESS, time));
        byApplication = new RecentBuckets(maxTracked, () -> bucket(PER_APPLICATION, time));
    }

    /** Whether this address has no failed attempts left: it is refused before its credentials are checked. */
    public boolean addressBlocked(String address) {
        return exhausted(byAddress, AddressKey.of(address));
    }

    /**
     * Whether this application has no failed attempts left: a wrong secret for it is then refused with 429, a right
     * one still authenticates.
     */
    public boolean applicationExhausted(String applicationId) {
        return applicationId != null && exhausted(byApplication, applicationId);
    }

    /** Records a failure. */
    public void failed(String address, String applicationId) {
        byAddress.bucket(AddressKey.of(address)).tryConsume(1);
        if (applicationId != null) {
            byApplication.bucket(applicationId).tryConsume(1);
        }
    }

    /** How long until a {@link #addressBlocked blocked} address has an attempt again; zero when it has one. */
    public Duration addressRetryAfter(String address) {
        return untilRefilled(byAddress, AddressKey.of(address));
    }

    /** How long until an {@link #applicationExhausted exhausted} application has an attempt again; zero when it has. */
    public Duration applicationRetryAfter(String applicationId) {
        return untilRefilled(byApplication, applicationId);
    }

    private static Duration untilRefilled(RecentBuckets buckets, String key) {
        // Estimated, not consumed: asking how long to wait must not itself cost an attempt.
        return buckets.find(key)
                .map(bucket ->
                        Duration.ofNanos(bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill()))
                .orElse(Duration.ZERO);
    }

    private static boolean exhausted(RecentBuckets buckets, String key) {
        return buckets.find(key).map(bucket -> bucket.getAvailableTokens() < 1).orElse(false);
    }

    private static Bucket bucket(int capacity, ClockTimeMeter time) {
        return Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(capacity)
                        .refillGreedy(capacity, PERIOD)
                        .build())
                .withCustomTimePrecision(time)
                .build();
    }
}
