package dev.tollgate.server.internal.access;

import java.time.Duration;

/**
 * Token buckets by key, all of one size: a table of one budget (failures per address, token references per address…).
 * {@link Budgets} makes them, in this node's memory ({@link LocalBuckets}) or in the database several nodes share
 * ({@link SharedBuckets}). Thread-safe.
 */
interface BucketTable {
    /** What {@link #take} did: took one token, or found none; {@code untilNext} is the wait for one when none is left. */
    record Taken(boolean consumed, Duration untilNext) {}

    /** Takes one token from the key's bucket, which starts full. */
    Taken take(String key);

    /** Whether the key's bucket holds no token. Asking takes none. */
    boolean exhausted(String key);

    /** How long until the key's bucket holds a token again; zero when it holds one. Asking takes none. */
    Duration untilNext(String key);
}
