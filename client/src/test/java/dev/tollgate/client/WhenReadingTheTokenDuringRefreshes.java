package dev.tollgate.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Another thread reads the session while the timeline switches tokens thousands of times. */
class WhenReadingTheTokenDuringRefreshes {
    private static final Instant T0 = Instant.parse("2026-11-22T12:00:00Z");
    private static final int REFRESHES = 20_000;

    @Test
    void theTokenAndItsExpiryAreAlwaysReadAsAPair() throws Exception {
        ManualClock clock = new ManualClock(T0);
        ManualScheduler scheduler = new ManualScheduler(clock, clock::advance);
        Map<String, Instant> expiryOf = new ConcurrentHashMap<>();
        String first = Tokens.jwt("t0", T0, T0.plusSeconds(2));
        expiryOf.put(first, T0.plusSeconds(2));
        TokenSession session = TokenSession.builder()
                .clock(clock)
                .scheduler(scheduler)
                .refresherExecutor(scheduler)
                .initialize(first, isExpired -> {
                    Instant now = clock.instant();
                    String next = Tokens.jwt("t" + now.getEpochSecond(), now, now.plusSeconds(2));
                    expiryOf.put(next, now.plusSeconds(2));
                    return CompletableFuture.completedFuture(next);
                });
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong reads = new AtomicLong();
        List<String> mismatches = new CopyOnWriteArrayList<>();
        Thread reader = Thread.ofPlatform().start(() -> {
            while (!done.get()) {
                CurrentToken current = session.current();
                reads.incrementAndGet();
                if (!current.expiresAt().equals(expiryOf.get(current.token()))) {
                    mismatches.add(
                            current.expiresAt() + " paired with a token expiring at " + expiryOf.get(current.token()));
                }
            }
        });

        try {
            // Each token lives 2 s and is replaced at half-life, one second later.
            for (int i = 0; i < REFRESHES; i++) {
                scheduler.advance(Duration.ofSeconds(1));
            }
        } finally {
            done.set(true);
            reader.join();
            session.close();
        }

        assertThat(session.expiresAt()).isEqualTo(T0.plusSeconds(REFRESHES + 2L));
        assertThat(reads.get()).isPositive();
        assertThat(mismatches).isEmpty();
    }
}
