package dev.tollgate.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FailedAttemptsTest {

    @Test
    void blockedWhenOneAddressFailsTooOftenThenOnlyThatAddress() {
        FailedAttempts attempts = new FailedAttempts();
        for (int i = 0; i < FailedAttempts.PER_ADDRESS; i++) {
            assertThat(attempts.blocked("198.51.100.1", "app")).isFalse();
            attempts.failed("198.51.100.1", null);
        }

        assertThat(attempts.blocked("198.51.100.1", "app")).isTrue();
        assertThat(attempts.blocked("198.51.100.2", "app")).isFalse();
    }

    @Test
    void blockedWhenOneApplicationFailsTooOftenFromManyAddressesThenForEveryAddress() {
        FailedAttempts attempts = new FailedAttempts();
        for (int i = 0; i < FailedAttempts.PER_APPLICATION; i++) {
            String address = "198.51.100." + i;
            assertThat(attempts.blocked(address, "target")).isFalse();
            attempts.failed(address, "target");
        }

        assertThat(attempts.blocked("203.0.113.200", "target")).isTrue();
        assertThat(attempts.blocked("203.0.113.200", "another")).isFalse();
        assertThat(attempts.blocked("203.0.113.200", null)).isFalse();
    }

    @Test
    void retryAfterWhenLimitedThenAtLeastOneSecond() {
        assertThat(new FailedAttempts().retryAfterSeconds()).isPositive();
    }
}
