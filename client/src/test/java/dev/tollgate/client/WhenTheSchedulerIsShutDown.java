package dev.tollgate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;

/** The caller's own scheduler was shut down: the session stops as if closed and keeps its token; nothing throws. */
class WhenTheSchedulerIsShutDown {
    private static final Instant T0 = Instant.parse("2026-11-22T12:00:00Z");

    @Test
    void aSessionStartedOnAShutDownSchedulerHoldsItsTokenAndNeverRefreshes() {
        ScheduledExecutorService shutDown = Executors.newSingleThreadScheduledExecutor();
        shutDown.shutdown();
        Instant now = Instant.now();
        String token = Tokens.jwt("first", now.minusSeconds(60), now.plusSeconds(60));
        List<Boolean> calls = new CopyOnWriteArrayList<>();

        try (TokenSession session = TokenSession.builder().scheduler(shutDown).initialize(token, isExpired -> {
            calls.add(isExpired);
            return new CompletableFuture<>();
        })) {
            assertThat(session.token()).isEqualTo(token);
            assertThat(session.expiresAt()).isEqualTo(Instant.ofEpochSecond(now.getEpochSecond() + 60));
        }
        assertThat(calls).isEmpty();
    }

    @Test
    void aSchedulerShutDownMidwayStopsTheTimelineWithoutThrowingOutOfItsTasks() {
        ManualClock clock = new ManualClock(T0);
        ManualScheduler scheduler = new ManualScheduler(clock, clock::advance);
        String first = Tokens.jwt("first", T0, T0.plusSeconds(8));
        List<Long> calls = new CopyOnWriteArrayList<>();
        List<String> events = new CopyOnWriteArrayList<>();
        TokenSession session = TokenSession.builder()
                .clock(clock)
                .scheduler(scheduler)
                .refresherExecutor(scheduler)
                .listener(new TokenListener() {
                    @Override
                    public void onRefreshFailed(Throwable cause, int attempt) {
                        events.add("failed#" + attempt);
                    }

                    @Override
                    public void onTokenExpired() {
                        events.add("expired");
                    }
                })
                .initialize(first, isExpired -> {
                    calls.add(Duration.between(T0, clock.instant()).toSeconds());
                    return CompletableFuture.failedFuture(new IllegalStateException("backend down"));
                });
        scheduler.advance(Duration.ofSeconds(4));

        // Like ScheduledThreadPoolExecutor by default, tasks already queued still run; new ones are refused.
        scheduler.shutdown();
        assertThatCode(() -> scheduler.advance(Duration.ofSeconds(10))).doesNotThrowAnyException();

        assertThat(calls).containsExactly(4L);
        assertThat(events).containsExactly("failed#1");
        assertThat(session.token()).isEqualTo(first);
        assertThat(scheduler.pending()).isZero();
        session.close();
    }
}
