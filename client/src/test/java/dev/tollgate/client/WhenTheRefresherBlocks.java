package dev.tollgate.client;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A refresher that blocks its calling thread instead of returning a pending stage, on the session's own threads and
 * real time. Short timeouts keep it fast; every wait is bounded.
 */
class WhenTheRefresherBlocks {
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private final AtomicReference<Thread> timeline = new AtomicReference<>();
    private TokenSession session;

    private final TokenListener recorder = new TokenListener() {
        @Override
        public void onTokenExpired() {
            timeline.set(Thread.currentThread());
            events.add("expired");
        }

        @Override
        public void onTokenRefreshed(String token) {
            events.add("refreshed");
        }

        @Override
        public void onRefreshFailed(Throwable cause, int attempt) {
            events.add("failed#" + attempt + " " + cause.getClass().getSimpleName());
        }
    };

    @AfterEach
    void close() {
        if (session != null) {
            session.close();
        }
    }

    /** Expired ten seconds ago, so the session asks at once, with {@code isExpired = true}. */
    private static String expiredToken() {
        Instant second = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return Tokens.jwt("expired", second.minusSeconds(20), second.minusSeconds(10));
    }

    private static void awaitIgnoringInterrupts(CountDownLatch release) {
        boolean interrupted = false;
        while (true) {
            try {
                release.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // this refresher insists on finishing, as some blocking clients do
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void theTimeoutStillFiresTheBlockedCallIsInterruptedAndTheNextAttemptSucceeds() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        List<Boolean> flags = new CopyOnWriteArrayList<>();
        session = TokenSession.builder()
                .refreshTimeout(Duration.ofMillis(100))
                .initialBackoff(Duration.ofMillis(20))
                .maxBackoff(Duration.ofMillis(20))
                .listener(recorder)
                .initialize(expiredToken(), isExpired -> {
                    flags.add(isExpired);
                    if (calls.incrementAndGet() == 1) {
                        try {
                            Thread.sleep(60_000);
                        } catch (InterruptedException e) {
                            interrupted.countDown();
                            Thread.currentThread().interrupt();
                        }
                        return new CompletableFuture<>();
                    }
                    Instant now = Instant.now();
                    return CompletableFuture.completedFuture(Tokens.jwt("next", now, now.plusSeconds(60)));
                });

        assertThat(events.poll(2, TimeUnit.SECONDS)).isEqualTo("expired");
        assertThat(events.poll(2, TimeUnit.SECONDS)).isEqualTo("failed#1 TimeoutException");
        assertThat(interrupted.await(2, TimeUnit.SECONDS)).isTrue();
        assertThat(events.poll(2, TimeUnit.SECONDS)).isEqualTo("refreshed");
        assertThat(flags).containsExactly(true, true);
    }

    @Test
    void closeDuringARefresherThatIgnoresInterruptsReturnsAtOnceAndStopsTheSessionsThread() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<Thread> caller = new AtomicReference<>();
        session = TokenSession.builder()
                .refreshTimeout(Duration.ofMillis(100))
                .initialBackoff(Duration.ofSeconds(10))
                .listener(recorder)
                .initialize(expiredToken(), isExpired -> {
                    caller.compareAndSet(null, Thread.currentThread());
                    entered.countDown();
                    awaitIgnoringInterrupts(release);
                    return new CompletableFuture<>();
                });
        try {
            assertThat(entered.await(2, TimeUnit.SECONDS)).isTrue();
            assertThat(events.poll(2, TimeUnit.SECONDS)).isEqualTo("expired");
            // The blocked call holds up nothing: its attempt times out on time.
            assertThat(events.poll(2, TimeUnit.SECONDS)).isEqualTo("failed#1 TimeoutException");

            long began = System.nanoTime();
            session.close();
            // "At once" against a refresher that never returns; generous for a shared 2-core machine.
            assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(1));

            Thread sessionThread = timeline.get();
            assertThat(sessionThread.getName()).isEqualTo("tollgate-token-session");
            sessionThread.join(2_000);
            assertThat(sessionThread.isAlive()).isFalse();
            // The application's call ran on a thread of its own, which ends when the application lets it.
            assertThat(caller.get()).isNotSameAs(sessionThread);
            assertThat(caller.get().getName()).isEqualTo("tollgate-token-refresher");
            // A daemon, so a refresher that never returns cannot keep the application's JVM from exiting.
            assertThat(caller.get().isDaemon()).isTrue();
        } finally {
            release.countDown();
        }
        caller.get().join(2000);
        assertThat(caller.get().isAlive()).isFalse();
    }
}
