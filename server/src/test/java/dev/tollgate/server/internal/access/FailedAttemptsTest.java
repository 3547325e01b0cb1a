package dev.tollgate.server.internal.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.client.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FailedAttemptsTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void addressBlockedWhenOneAddressFailsTooOftenThenOnlyThatAddress() {
        FailedAttempts attempts = new FailedAttempts(clock);
        for (int i = 0; i < FailedAttempts.PER_ADDRESS; i++) {
            assertThat(attempts.addressBlocked("198.51.100.1")).isFalse();
            attempts.failed("198.51.100.1", null);
        }

        assertThat(attempts.addressBlocked("198.51.100.1")).isTrue();
        assertThat(attempts.addressBlocked("198.51.100.2")).isFalse();
    }

    @Test
    void applicationExhaustedWhenItFailsTooOftenFromManyAddressesThenNoAddressIsBlockedForIt() {
        FailedAttempts attempts = new FailedAttempts(clock);
        for (int i = 0; i < FailedAttempts.PER_APPLICATION; i++) {
            String address = "198.51.100." + i;
            assertThat(attempts.applicationExhausted("target")).isFalse();
            attempts.failed(address, "target");
        }

        assertThat(attempts.applicationExhausted("target")).isTrue();
        assertThat(attempts.applicationExhausted("another")).isFalse();
        assertThat(attempts.applicationExhausted(null)).isFalse();
        // The fresh address with the right secret is not refused unchecked: only the address budget does that.
        assertThat(attempts.addressBlocked("203.0.113.200")).isFalse();
        assertThat(attempts.addressBlocked("198.51.100.0")).isFalse();
    }

    @Test
    void addressRetryAfterWhenBlockedThenTheTimeUntilItsNextAttemptShrinkingAsTimePasses() {
        FailedAttempts attempts = new FailedAttempts(clock);
        for (int i = 0; i < FailedAttempts.PER_ADDRESS; i++) {
            attempts.failed("198.51.100.1", null);
        }

        Duration atOnce = attempts.addressRetryAfter("198.51.100.1");
        clock.advance(Duration.ofSeconds(4));
        Duration later = attempts.addressRetryAfter("198.51.100.1");
        clock.advance(Duration.ofSeconds(2));

        // Ten a minute refill one every 6 s; asking does not cost an attempt.
        assertThat(atOnce).isEqualTo(Duration.ofSeconds(6));
        assertThat(later).isEqualTo(Duration.ofSeconds(2));
        assertThat(attempts.addressBlocked("198.51.100.1")).isFalse();
        assertThat(attempts.addressRetryAfter("198.51.100.1")).isZero();
        assertThat(attempts.addressRetryAfter("198.51.100.2")).isZero();
    }

    @Test
    void applicationRetryAfterWhenExhaustedThenTheApplicationBudgetsOwnWait() {
        FailedAttempts attempts = new FailedAttempts(clock);
        for (int i = 0; i < FailedAttempts.PER_APPLICATION; i++) {
            attempts.failed("198.51.100." + i, "target");
        }

        // Twenty a minute refill one every 3 s, not the address budget's 6 s.
        assertThat(attempts.applicationExhausted("target")).isTrue();
        assertThat(attempts.applicationRetryAfter("target")).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void addressBlockedWhenAnAddressSpraysPastTheTrackedLimitThenOtherBlockedAddressesStayBlocked() {
        FailedAttempts attempts = new FailedAttempts(clock, 100);
        for (int i = 0; i < FailedAttempts.PER_ADDRESS; i++) {
            attempts.failed("198.51.100.1", null);
        }

        for (int i = 0; i < 1_000; i++) {
            attempts.failed("10.0." + (i / 256) + "." + (i % 256), null);
            // Every attempt of the blocked address is looked up, which keeps its budget tracked.
            assertThat(attempts.addressBlocked("198.51.100.1")).isTrue();
        }
    }

    @Test
    void addressBlockedWhenFailuresComeFromOneIpv6Slash64ThenTheWholeSlash64IsBlocked() {
        FailedAttempts attempts = new FailedAttempts(clock);
        for (int i = 0; i < FailedAttempts.PER_ADDRESS; i++) {
            attempts.failed("2001:db8:0:1::" + Integer.toHexString(i + 1), null);
        }

        assertThat(attempts.addressBlocked("2001:db8:0:1:dead:beef:0:1")).isTrue();
        assertThat(attempts.addressBlocked("2001:db8:0:2::1")).isFalse();
    }
}
