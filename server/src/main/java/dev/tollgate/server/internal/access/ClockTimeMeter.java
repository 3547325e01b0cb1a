package dev.tollgate.server.internal.access;

import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * Bucket4j's time source read from the server's injected {@link Clock}, so that a bucket refills, and reports its
 * wait for {@code Retry-After}, on the same time as every expiry the server checks, and a test that moves its clock
 * moves the limiter with it. Wall-clock based, as Bucket4j's own {@link TimeMeter#SYSTEM_MILLISECONDS} is: a clock set
 * back makes a bucket refill later, never sooner. Thread-safe when the clock is.
 */
final class ClockTimeMeter implements TimeMeter {
    private final Clock clock;

    ClockTimeMeter(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public long currentTimeNanos() {
        Instant now = clock.instant();
        // Nanoseconds since the epoch fit a long until 2262.
        return Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000_000L), now.getNano());
    }

    @Override
    public boolean isWallClockBased() {
        return true;
    }
}
