package dev.tollgate.server.internal.access;

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
 * With PostgreSQL the budgets are shared by every node ({@link Budgets}): a failure on one counts on all.
 * Thread-safe.
 */
public final class FailedAttempts {
    static final int PER_ADDRESS = 10;
    static final int PER_APPLICATION = 20;
    static final int MAX_TRACKED = 100_000;
    private static final Duration PERIOD = Duration.ofMinutes(1);

    private final BucketTable byAddress;
    private final BucketTable byApplication;

    /** Budgets of this node alone that refill on {@code clock}'s time. */
    public FailedAttempts(Clock clock) {
        this(Budgets.local(clock));
    }

    /** Budgets kept where {@code budgets} keeps them: shared by the nodes of one PostgreSQL, or this node's. */
    public FailedAttempts(Budgets budgets) {
        this(budgets, "failed", MAX_TRACKED);
    }

    /**
     * Budgets of their own, named {@code purpose}, kept where {@code budgets} keeps them: the dashboard's sign-in
     * failures ({@code "sign-in"}) neither spend nor are spent by the application credentials' failures.
     */
    public FailedAttempts(Budgets budgets, String purpose) {
        this(budgets, purpose, MAX_TRACKED);
    }

    FailedAttempts(Clock clock, int maxTracked) {
        this(Budgets.local(clock), "failed", maxTracked);
    }

    private FailedAttempts(Budgets budgets, String purpose, int maxTracked) {
        // The address is asked before every credential check, so a shared table answers it from memory; the
        // application only after a wrong secret, so it reads the shared bucket each time.
        byAddress = budgets.table(purpose + "-address", PER_ADDRESS, PERIOD, false, maxTracked);
        byApplication = budgets.table(purpose + "-application", PER_APPLICATION, PERIOD, true, maxTracked);
    }

    /** Whether this address has no failed attempts left: it is refused before its credentials are checked. */
    public boolean addressBlocked(String address) {
        return byAddress.exhausted(AddressKey.of(address));
    }

    /**
     * Whether this application has no failed attempts left: a wrong secret for it is then refused with 429, a right
     * one still authenticates.
     */
    public boolean applicationExhausted(String applicationId) {
        return applicationId != null && byApplication.exhausted(applicationId);
    }

    /** Records a failure. */
    public void failed(String address, String applicationId) {
        byAddress.take(AddressKey.of(address));
        if (applicationId != null) {
            byApplication.take(applicationId);
        }
    }

    /** How long until a {@link #addressBlocked blocked} address has an attempt again; zero when it has one. */
    public Duration addressRetryAfter(String address) {
        return byAddress.untilNext(AddressKey.of(address));
    }

    /** How long until an {@link #applicationExhausted exhausted} application has an attempt again; zero when it has. */
    public Duration applicationRetryAfter(String applicationId) {
        return byApplication.untilNext(applicationId);
    }
}
