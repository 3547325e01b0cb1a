package dev.tollgate.server.internal.hooks;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The HLS subscriptions confirmed open in the last {@link #window()}, so that a segment fetch within it is allowed
 * without asking the database. A player fetches a segment every few seconds and a playlist as often; without this,
 * each fetch would be a usage-session write ({@code touch}). With it, each open subscription costs at most one write
 * per window, and an ended subscription keeps passing for at most one window. A revoked one does not: what its token
 * was is kept with it, and every fetch checks that against the revocation list in memory.
 *
 * <p>Bounded in time (entries older than the window are ignored and swept) and in size ({@link #capacity()}): at the
 * bound, expired entries are swept first and, if none had expired, every entry is dropped; each subscription then
 * pays one database touch again. Thread-safe.
 */
final class RecentChecks {
    private final ConcurrentHashMap<String, Confirmed> confirmedAt = new ConcurrentHashMap<>();
    private final Duration window;
    private final int capacity;
    private final Clock clock;

    RecentChecks(Duration window, int capacity, Clock clock) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the window must be positive, was " + window);
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("the capacity must be at least 1, was " + capacity);
        }
        this.window = window;
        this.capacity = capacity;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** When a subscription was confirmed open, and what its token was (checked against revocations every fetch). */
    private record Confirmed(long at, StreamGate.Streamed streamed) {}

    /** What {@code key}'s token was, when it was confirmed open within the window. */
    Optional<StreamGate.Streamed> fresh(String key) {
        Confirmed confirmed = confirmedAt.get(key);
        return confirmed != null && clock.millis() - confirmed.at() < window.toMillis()
                ? Optional.of(confirmed.streamed())
                : Optional.empty();
    }

    /** Records that {@code key} was confirmed open now, with what its token was. */
    void confirmed(String key, StreamGate.Streamed streamed) {
        if (confirmedAt.size() >= capacity) {
            long oldest = clock.millis() - window.toMillis();
            confirmedAt.values().removeIf(confirmed -> confirmed.at() <= oldest);
            if (confirmedAt.size() >= capacity) {
                confirmedAt.clear();
            }
        }
        confirmedAt.put(key, new Confirmed(clock.millis(), streamed));
    }

    /** Forgets {@code key}, so that its next fetch asks the database. */
    void forget(String key) {
        confirmedAt.remove(key);
    }

    Duration window() {
        return window;
    }

    int capacity() {
        return capacity;
    }

    int size() {
        return confirmedAt.size();
    }
}
