package dev.tollgate.server.internal;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limits failed credential checks with token buckets (Bucket4j), one per client address and one per application ID,
 * so neither one address guessing many applications nor many addresses guessing one application get far. Only
 * failures consume; a client that is blocked is refused before its credentials are even checked.
 *
 * <p>Per address: {@link #PER_ADDRESS} failures, refilled over a minute; per application: {@link #PER_APPLICATION}.
 * The maps are cleared when they exceed {@link #MAX_TRACKED} keys, which bounds memory under a spray of addresses at
 * the cost of forgetting some counts. Thread-safe.
 */
public final class FailedAttempts {
    static final int PER_ADDRESS = 10;
    static final int PER_APPLICATION = 20;
    static final int MAX_TRACKED = 100_000;
    private static final Duration PERIOD = Duration.ofMinutes(1);

    private final Map<String, Bucket> byAddress = new ConcurrentHashMap<>();
    private final Map<String, Bucket> byApplication = new ConcurrentHashMap<>();

    /** Whether this address, or this application, has no failed attempts left. */
    public boolean blocked(String address, String applicationId) {
        return exhausted(byAddress, address) || (applicationId != null && exhausted(byApplication, applicationId));
    }

    /** Records a failure. */
    public void failed(String address, String applicationId) {
        bucket(byAddress, address, PER_ADDRESS).tryConsume(1);
        if (applicationId != null) {
            bucket(byApplication, applicationId, PER_APPLICATION).tryConsume(1);
        }
    }

    /** Seconds until the next attempt is allowed, for {@code Retry-After}. */
    public long retryAfterSeconds() {
        return Math.max(1, PERIOD.toSeconds() / PER_ADDRESS);
    }

    private static boolean exhausted(Map<String, Bucket> buckets, String key) {
        Bucket bucket = buckets.get(key);
        return bucket != null && bucket.getAvailableTokens() < 1;
    }

    private static Bucket bucket(Map<String, Bucket> buckets, String key, int capacity) {
        if (buckets.size() > MAX_TRACKED) {
            buckets.clear();
        }
        return buckets.computeIfAbsent(
                key,
                k -> Bucket.builder()
                        .addLimit(Bandwidth.builder()
                                .capacity(capacity)
                                .refillGreedy(capacity, PERIOD)
                                .build())
                        .build());
    }
}
