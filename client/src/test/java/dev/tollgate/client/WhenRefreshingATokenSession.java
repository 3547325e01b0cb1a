package dev.tollgate.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Dolby SDK timeline: refresh at ½ and ¾ of the lifetime and at expiry, exactly, on a manual clock. The refresher
 * runs on the same manual scheduler (as its own task, off the timeline's), so every call happens in the test thread.
 */
class WhenRefreshingATokenSession {
    private static final Instant T0 = Instant.parse("2026-11-22T12:00:00Z");

    private final ManualClock clock = new ManualClock(T0);
    private final ManualScheduler scheduler = new ManualScheduler(clock, clock::advance);
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final TokenListener recorder = new TokenListener() {
        @Override
        public void onTokenRefreshed(String token) {
            events.add(at() + " refreshed");
        }

        @Override
        public void onTokenExpired() {
            events.add(at() + " expired");
        }

        @Override
        public void onRefreshFailed(Throwable cause, int attempt) {
            events.add(at() + " failed#" + attempt + " " + cause.getClass().getSimpleName());
        }
    };
    private TokenSession session;

    private long at() {
        return Duration.between(T0, clock.instant()).toSeconds();
    }

    private TokenSession start(String token, TokenRefresher refresher) {
        session = TokenSession.builder()
                .clock(clock)
                .scheduler(scheduler)
                .refresherExecutor(scheduler)
                .listener(recorder)
                .refreshTimeout(Duration.ofSeconds(30))
                .initialize(token, refresher);
        return session;
    }

    @AfterEach
    void close() {
        if (session != null) {
            session.close();
        }
    }

    @Test
    void aSuccessfulRefreshAtHalfLifeSwitchesTokensAndRestartsTheTimeline() {
        String first = Tokens.jwt("first", T0, T0.plusSeconds(8));
        List<String> calls = new ArrayList<>();
        start(first, isExpired -> {
            calls.add(at() + (isExpired ? " expired" : " nearing"));
            Instant now = clock.instant();
            return CompletableFuture.completedFuture(Tokens.jwt("next-" + at(), now, now.plusSeconds(8)));
        });

        scheduler.advance(Duration.ofMillis(3999));
        assertThat(calls).isEmpty();
        assertThat(session.token()).isEqualTo(first);

        scheduler.advance(Duration.ofMillis(1));
        assertThat(calls).containsExactly("4 nearing");
        assertThat(session.token()).isEqualTo(Tokens.jwt("next-4", T0.plusSeconds(4), T0.plusSeconds(12)));
        assertThat(session.expiresAt()).isEqualTo(T0.plusSeconds(12));

        scheduler.advance(Duration.ofSeconds(6));
        assertThat(calls).containsExactly("4 nearing", "8 nearing");
        assertThat(events).containsExactly("4 refreshed", "8 refreshed");
    }

    @Test
    void aRefresherThatKeepsFailingIsCalledAtHalfThreeQuartersAndExpiryWithBackoffBetween() {
        List<String> calls = new ArrayList<>();
        start(Tokens.jwt("first", T0, T0.plusSeconds(8)), isExpired -> {
            calls.add(at() + (isExpired ? " expired" : " nearing"));
            return CompletableFuture.failedFuture(new IllegalStateException("backend down"));
        });

        scheduler.advance(Duration.ofSeconds(9));

        // ½ at 4 s, retry after 1 s, ¾ at 6 s, expiry at 8 s (the 4 s backoff would overshoot it).
        assertThat(calls).containsExactly("4 nearing", "5 nearing", "6 nearing", "8 expired");
        assertThat(events)
                .containsExactly(
                        "4 failed#1 IllegalStateException",
                        "5 failed#2 IllegalStateException",
                        "6 failed#3 IllegalStateException",
                        "8 expired",
                        "8 failed#4 IllegalStateException");

        scheduler.advance(Duration.ofSeconds(30));
        assertThat(calls)
                .containsExactly("4 nearing", "5 nearing", "6 nearing", "8 expired", "16 expired", "32 expired");
    }

    @Test
    void aRefresherThatRecoversAfterExpiryRestoresTheSession() {
        int[] count = {0};
        start(Tokens.jwt("first", T0, T0.plusSeconds(4)), isExpired -> {
            if (!isExpired) {
                return CompletableFuture.failedFuture(new IllegalStateException("not yet"));
            }
            count[0]++;
            Instant now = clock.instant();
            return CompletableFuture.completedFuture(Tokens.jwt("renewed", now, now.plusSeconds(60)));
        });

        scheduler.advance(Duration.ofSeconds(5));

        assertThat(count[0]).isEqualTo(1);
        assertThat(events).endsWith("4 expired", "4 refreshed");
        assertThat(session.expiresAt()).isEqualTo(T0.plusSeconds(64));
    }

    @Test
    void aHangingRefresherIsAbandonedAtTheNextCheckpointAndNeverBlocksTheCaller() {
        List<CompletableFuture<String>> pending = new ArrayList<>();
        start(Tokens.jwt("first", T0, T0.plusSeconds(8)), isExpired -> {
            CompletableFuture<String> never = new CompletableFuture<>();
            pending.add(never);
            return never;
        });

        scheduler.advance(Duration.ofSeconds(9));

        assertThat(pending).hasSize(3); // ½, ¾, expiry
        assertThat(events).containsExactly("6 failed#1 TimeoutException", "8 failed#2 TimeoutException", "8 expired");
        // A late answer to an abandoned attempt changes nothing.
        pending.get(0).complete(Tokens.jwt("late", T0, T0.plusSeconds(100)));
        scheduler.advance(Duration.ZERO);
        assertThat(session.token()).isEqualTo(Tokens.jwt("first", T0, T0.plusSeconds(8)));
    }

    @Test
    void aRefreshThatTakesLongerThanTheTimeoutFails() {
        session = TokenSession.builder()
                .clock(clock)
                .scheduler(scheduler)
                .refresherExecutor(scheduler)
                .listener(recorder)
                .refreshTimeout(Duration.ofMillis(500))
                .initialize(Tokens.jwt("first", T0, T0.plusSeconds(60)), isExpired -> new CompletableFuture<>());

        scheduler.advance(Duration.ofMillis(30_600));

        assertThat(events).containsExactly("30 failed#1 TimeoutException");
    }

    @Test
    void aRefresherReturningAnExpiredOrUnreadableTokenCountsAsAFailure() {
        List<String> answers = new ArrayList<>(List.of("not a token", Tokens.jwt("old", T0, T0.plusSeconds(1))));
        start(Tokens.jwt("first", T0, T0.plusSeconds(8)), isExpired -> {
            return CompletableFuture.completedFuture(answers.isEmpty() ? "x" : answers.remove(0));
        });

        scheduler.advance(Duration.ofSeconds(5));

        assertThat(events)
                .containsExactly("4 failed#1 IllegalArgumentException", "5 failed#2 IllegalArgumentException");
    }

    @Test
    void aDigestTokenIsRefreshedFromItsExpiresClaim() {
        String digest = new dev.tollgate.token.TokenBuilder()
                .withApplicationId("app")
                .withSecret("secret")
                .expiresAt(T0.plusSeconds(20))
                .forAuthenticationOnly()
                .build();
        List<Long> calls = new ArrayList<>();
        start(digest, isExpired -> {
            calls.add(at());
            return new CompletableFuture<>();
        });

        scheduler.advance(Duration.ofSeconds(10));

        assertThat(calls).containsExactly(10L);
    }

    @Test
    void closingDuringARefreshCancelsEverythingAndIgnoresTheAnswer() {
        CompletableFuture<String> inFlight = new CompletableFuture<>();
        String first = Tokens.jwt("first", T0, T0.plusSeconds(8));
        start(first, isExpired -> inFlight);
        scheduler.advance(Duration.ofSeconds(4));

        session.close();
        inFlight.complete(Tokens.jwt("after-close", T0, T0.plusSeconds(100)));
        scheduler.advance(Duration.ofSeconds(60));

        assertThat(session.token()).isEqualTo(first);
        assertThat(events).isEmpty();
        assertThat(scheduler.pending()).isZero();
    }

    @Test
    void aListenerThatThrowsIsLoggedAndStopsNeitherTheOtherListenersNorTheTimeline() {
        // System.Logger goes to java.util.logging here: the client's tests have no other logging on the class path.
        java.util.logging.Logger log = java.util.logging.Logger.getLogger(TokenSession.class.getName());
        List<java.util.logging.LogRecord> records = new CopyOnWriteArrayList<>();
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        boolean parents = log.getUseParentHandlers();
        log.addHandler(capture);
        log.setUseParentHandlers(false);
        List<String> issued = new CopyOnWriteArrayList<>();
        try {
            session = TokenSession.builder()
                    .clock(clock)
                    .scheduler(scheduler)
                    .refresherExecutor(scheduler)
                    .listener(new TokenListener() {
                        @Override
                        public void onTokenRefreshed(String token) {
                            throw new IllegalStateException("listener bug");
                        }
                    })
                    .listener(recorder)
                    .initialize(Tokens.jwt("first", T0, T0.plusSeconds(4)), isExpired -> {
                        Instant now = clock.instant();
                        String next = Tokens.jwt("n" + issued.size(), now, now.plusSeconds(4));
                        issued.add(next);
                        return CompletableFuture.completedFuture(next);
                    });

            scheduler.advance(Duration.ofSeconds(5));
        } finally {
            log.removeHandler(capture);
            log.setUseParentHandlers(parents);
        }

        assertThat(events).containsExactly("2 refreshed", "4 refreshed");
        assertThat(records).hasSize(2).allSatisfy(record -> {
            assertThat(record.getLevel()).isEqualTo(java.util.logging.Level.WARNING);
            assertThat(record.getThrown())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("listener bug");
            assertThat(record.getMessage()).contains("onTokenRefreshed");
            assertThat(issued)
                    .isNotEmpty()
                    .allSatisfy(token -> assertThat(record.getMessage()).doesNotContain(token));
        });
    }

    @Test
    void atExpiryTheRefresherIsToldSoEvenWhenTheSessionsClockHasFallenBehindTheScheduler() {
        // The system clock can be stepped back or slewed while the scheduler waits on System.nanoTime: the expiry
        // checkpoint then fires when the session's clock still reads a moment before expiry.
        Duration[] behind = {Duration.ZERO};
        Clock drifting = new Clock() {
            @Override
            public Instant instant() {
                return clock.instant().minus(behind[0]);
            }

            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }
        };
        List<String> calls = new ArrayList<>();
        session = TokenSession.builder()
                .clock(drifting)
                .scheduler(scheduler)
                .refresherExecutor(scheduler)
                .listener(recorder)
                .initialize(Tokens.jwt("first", T0, T0.plusSeconds(8)), isExpired -> {
                    calls.add(at() + (isExpired ? " expired" : " nearing"));
                    return CompletableFuture.failedFuture(new IllegalStateException("backend down"));
                });
        scheduler.advance(Duration.ofSeconds(7));

        behind[0] = Duration.ofMillis(2);
        scheduler.advance(Duration.ofSeconds(1));

        assertThat(calls).containsExactly("4 nearing", "5 nearing", "6 nearing", "8 expired");
        assertThat(events).endsWith("8 expired", "8 failed#4 IllegalStateException");
    }

    @Test
    void aRefresherThatThrowsIsRetriedWithBackoffLikeOneWhoseStageFails() {
        List<Long> calls = new ArrayList<>();
        start(Tokens.jwt("first", T0, T0.plusSeconds(8)), isExpired -> {
            calls.add(at());
            throw new IllegalStateException("backend down");
        });

        scheduler.advance(Duration.ofSeconds(6));

        assertThat(calls).containsExactly(4L, 5L, 6L);
        assertThat(events)
                .containsExactly(
                        "4 failed#1 IllegalStateException",
                        "5 failed#2 IllegalStateException",
                        "6 failed#3 IllegalStateException");
    }

    @Test
    void aRefresherThatAnswersNothingOrATokenBeyondTimeIsRetriedEvenAfterExpiry() {
        // A stage completed with null, then a JWT whose exp lies beyond what an Instant can hold: both are failed
        // attempts like any other, retried with backoff; the timeline must not stall after its last checkpoint.
        String beyondTime = Base64.getUrlEncoder().withoutPadding().encodeToString("{}".getBytes(UTF_8)) + "."
                + Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString("{\"exp\":9223372036854775807}".getBytes(UTF_8))
                + ".c2ln";
        List<Long> calls = new ArrayList<>();
        start(Tokens.jwt("first", T0, T0.plusSeconds(8)), isExpired -> {
            calls.add(at());
            return CompletableFuture.completedFuture(calls.size() % 2 == 1 ? null : beyondTime);
        });

        scheduler.advance(Duration.ofSeconds(20));

        // ½ at 4 s and retries after 1 s and 2 s, expiry at 8 s, then the backoff (8 s after the fourth failure):
        // still asking after expiry.
        assertThat(calls).containsExactly(4L, 5L, 6L, 8L, 16L);
        assertThat(events)
                .contains("8 expired", "8 failed#4 IllegalArgumentException", "16 failed#5 IllegalArgumentException");
        assertThat(session.token()).isEqualTo(Tokens.jwt("first", T0, T0.plusSeconds(8)));
    }

    @Test
    void aRefresherThatReturnsTheCurrentTokenChangesNothingAndIsAskedAgainAtTheNextCheckpoint() {
        String first = Tokens.jwt("first", T0, T0.plusSeconds(8));
        List<Long> calls = new ArrayList<>();
        start(first, isExpired -> {
            calls.add(at());
            return CompletableFuture.completedFuture(first);
        });

        scheduler.advance(Duration.ofSeconds(7));

        assertThat(calls).containsExactly(4L, 6L);
        assertThat(events).isEmpty();
        assertThat(session.token()).isEqualTo(first);
    }

    @Test
    void aDigestTokenIsAskedForAtHalfThreeQuartersAndExpiryAndReplacedByTheNextDigestToken() {
        List<String> calls = new ArrayList<>();
        start(digest(T0.plusSeconds(20)), isExpired -> {
            calls.add(at() + (isExpired ? " expired" : " nearing"));
            // The backend is too slow until the last chance.
            return isExpired
                    ? CompletableFuture.completedFuture(digest(clock.instant().plusSeconds(40)))
                    : new CompletableFuture<>();
        });

        scheduler.advance(Duration.ofSeconds(20));

        assertThat(calls).containsExactly("10 nearing", "15 nearing", "20 expired");
        assertThat(events)
                .containsExactly(
                        "15 failed#1 TimeoutException", "20 failed#2 TimeoutException", "20 expired", "20 refreshed");
        assertThat(session.token()).isEqualTo(digest(T0.plusSeconds(60)));
        assertThat(session.expiresAt()).isEqualTo(T0.plusSeconds(60));

        // DIGEST tokens carry no issue time: the new timeline starts when the session received the token.
        scheduler.advance(Duration.ofSeconds(20));
        assertThat(calls).containsExactly("10 nearing", "15 nearing", "20 expired", "40 nearing");
    }

    private static String digest(Instant expiresAt) {
        return new dev.tollgate.token.TokenBuilder()
                .withApplicationId("app")
                .withSecret("secret")
                .expiresAt(expiresAt)
                .forAuthenticationOnly()
                .build();
    }
}
