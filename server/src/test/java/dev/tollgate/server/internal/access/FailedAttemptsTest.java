package dev.tollgate.server.internal.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FailedAttemptsTest {

    @Test
    void addressBlockedWhenOneAddressFailsTooOftenThenOnlyThatAddress() {
        FailedAttempts attempts = new FailedAttempts();
        for (int i = 0; i < FailedAttempts.PER_ADDRESS; i++) {
            assertThat(attempts.addressBlocked("198.51.100.1")).isFalse();
            attempts.failed("198.51.100.1", null);
        }

        assertThat(attempts.addressBlocked("198.51.100.1")).isTrue();
        assertThat(attempts.addressBlocked("198.51.100.2")).isFalse();
    }

    @Test
    void applicationExhaustedWhenItFailsTooOftenFromManyAddressesThenNoAddressIsBlockedForIt() {
        FailedAttempts attempts = new FailedAttempts();
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
    void retryAfterWhenLimitedThenAtLeastOneSecond() {
        assertThat(new FailedAttempts().retryAfterSeconds()).isPositive();
    }

    @Test
    void addressBlockedWhenAnAddressSpraysPastTheTrackedLimitThenOtherBlockedAddressesStayBlocked() {
        FailedAttempts attempts = new FailedAttempts(100);
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
        FailedAttempts attempts = new FailedAttempts();
        for (int i = 0; i < FailedAttempts.PER_ADDRESS; i++) {
            attempts.failed("2001:db8:0:1::" + Integer.toHexString(i + 1), null);
        }

        assertThat(attempts.addressBlocked("2001:db8:0:1:dead:beef:0:1")).isTrue();
        assertThat(attempts.addressBlocked("2001:db8:0:2::1")).isFalse();
    }
}
