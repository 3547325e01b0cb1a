package dev.tollgate.server.internal.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.client.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecentChecksTest {
    final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T10:00:00Z"));
    final RecentChecks recent = new RecentChecks(Duration.ofSeconds(5), 3, clock);

    @Test
    void isFreshWhenConfirmedWithinTheWindowThenTrueAndAfterItFalse() {
        recent.confirmed("a");

        clock.advance(Duration.ofMillis(4_999));
        assertThat(recent.isFresh("a")).isTrue();
        clock.advance(Duration.ofMillis(1));
        assertThat(recent.isFresh("a")).isFalse();
        assertThat(recent.isFresh("never")).isFalse();
    }

    @Test
    void forgetWhenTheSessionEndedThenTheNextCheckAsksAgain() {
        recent.confirmed("a");
        recent.forget("a");

        assertThat(recent.isFresh("a")).isFalse();
    }

    @Test
    void confirmedWhenFullThenExpiredEntriesGoFirst() {
        recent.confirmed("old");
        clock.advance(Duration.ofSeconds(6));
        recent.confirmed("b");
        recent.confirmed("c");

        recent.confirmed("d");

        assertThat(recent.size()).isEqualTo(3);
        assertThat(recent.isFresh("b")).isTrue();
        assertThat(recent.isFresh("d")).isTrue();
    }

    @Test
    void confirmedWhenFullOfFreshEntriesThenItStaysWithinItsCapacity() {
        for (int i = 0; i < 10; i++) {
            recent.confirmed("k" + i);
            assertThat(recent.size()).isLessThanOrEqualTo(recent.capacity());
        }
        assertThat(recent.isFresh("k9")).isTrue();
    }
}
