package dev.tollgate.server.internal.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.client.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecentChecksTest {
    final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T10:00:00Z"));
    final RecentChecks recent = new RecentChecks(Duration.ofSeconds(5), 3, clock);
    static final StreamGate.Streamed STREAMED = new StreamGate.Streamed(
            "app", "digest", Optional.of("channel"), Optional.empty(), List.of("tag"), Optional.empty());

    @Test
    void freshWhenConfirmedWithinTheWindowThenWhatWasConfirmedAndAfterItEmpty() {
        recent.confirmed("a", STREAMED);

        clock.advance(Duration.ofMillis(4_999));
        assertThat(recent.fresh("a")).contains(STREAMED);
        clock.advance(Duration.ofMillis(1));
        assertThat(recent.fresh("a")).isEmpty();
        assertThat(recent.fresh("never")).isEmpty();
    }

    @Test
    void forgetWhenTheSessionEndedThenTheNextCheckAsksAgain() {
        recent.confirmed("a", STREAMED);
        recent.forget("a");

        assertThat(recent.fresh("a")).isEmpty();
    }

    @Test
    void confirmedWhenFullThenExpiredEntriesGoFirst() {
        recent.confirmed("old", STREAMED);
        clock.advance(Duration.ofSeconds(6));
        recent.confirmed("b", STREAMED);
        recent.confirmed("c", STREAMED);

        recent.confirmed("d", STREAMED);

        assertThat(recent.size()).isEqualTo(3);
        assertThat(recent.fresh("b")).contains(STREAMED);
        assertThat(recent.fresh("d")).contains(STREAMED);
    }

    @Test
    void confirmedWhenFullOfFreshEntriesThenItStaysWithinItsCapacity() {
        for (int i = 0; i < 10; i++) {
            recent.confirmed("k" + i, STREAMED);
            assertThat(recent.size()).isLessThanOrEqualTo(recent.capacity());
        }
        assertThat(recent.fresh("k9")).contains(STREAMED);
    }
}
