package dev.tollgate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** With the default scheduler, real time: short lifetimes keep this fast; close() leaves no thread behind. */
class WhenATokenSessionRunsOnItsOwnThread {

    private static java.util.Set<Thread> sessionThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("tollgate-token-session") && thread.isAlive())
                .collect(java.util.stream.Collectors.toSet());
    }

    /**
     * A JWT issued 10 s ago that expires at the next whole second but one: its ½ and ¾ checkpoints have passed, so
     * expiry, within two seconds, is the only one left. JWTs carry whole seconds, so the instants do too.
     */
    private static String tokenWithOnlyExpiryAhead(Clock clock) {
        Instant second = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        return Tokens.jwt("short", second.minusSeconds(10), second.plusSeconds(2));
    }

    @Test
    void itRefreshesInTheBackgroundAndCloseStopsItsThread() throws Exception {
        // Threads of sessions other tests closed may still be ending: this test follows its own session's thread.
        java.util.Set<Thread> before = sessionThreads();
        CountDownLatch refreshed = new CountDownLatch(1);
        List<String> events = new CopyOnWriteArrayList<>();
        String token = tokenWithOnlyExpiryAhead(Clock.systemUTC());
        TokenSession session = TokenSession.initialize(token, isExpired -> {
            events.add("refresh(" + isExpired + ")");
            Instant issued = Instant.now();
            return CompletableFuture.completedFuture(Tokens.jwt("next", issued, issued.plusSeconds(60)));
        });
        session.addListener(new TokenListener() {
            @Override
            public void onTokenExpired() {
                events.add("expired");
            }

            @Override
            public void onTokenRefreshed(String newToken) {
                events.add("refreshed");
                refreshed.countDown();
            }
        });

        assertThat(refreshed.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(events).containsExactly("expired", "refresh(true)", "refreshed");
        assertThat(session.token()).isNotEqualTo(token);
        java.util.Set<Thread> mine = sessionThreads();
        mine.removeAll(before);
        assertThat(mine).hasSize(1);

        session.close();
        Thread thread = mine.iterator().next();
        thread.join(TimeUnit.SECONDS.toMillis(5));
        assertThat(thread.isAlive()).isFalse();
    }

    @Test
    void atExpiryTheRefresherIsToldTheTokenExpiredEvenWithAClockBehindTheScheduler() throws Exception {
        // The scheduler waits on System.nanoTime; the wall clock may trail it by a fraction of a millisecond, so the
        // expiry checkpoint can fire while the clock still reads just before expiry.
        Clock behind = Clock.offset(Clock.systemUTC(), Duration.ofNanos(-900_000));
        BlockingQueue<Boolean> flags = new LinkedBlockingQueue<>();
        TokenSession session = TokenSession.builder()
                .clock(behind)
                .initialize(tokenWithOnlyExpiryAhead(behind), isExpired -> {
                    flags.add(isExpired);
                    return new CompletableFuture<>();
                });
        try {
            assertThat(flags.poll(5, TimeUnit.SECONDS)).isTrue();
        } finally {
            session.close();
        }
    }

    @Test
    void aTokenWithoutAReadableExpiryIsRefusedAtOnce() {
        assertThatThrownBy(() -> TokenSession.initialize("opaque", isExpired -> new CompletableFuture<>()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expiry");
    }
}
