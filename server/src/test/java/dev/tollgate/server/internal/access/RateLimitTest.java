package dev.tollgate.server.internal.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimitTest {
    @Test
    void eachAddressHasItsOwnAllowance() {
        RateLimit limit = new RateLimit(3, Duration.ofMinutes(1));

        assertThat(limit.tryAcquire("a")).isTrue();
        assertThat(limit.tryAcquire("a")).isTrue();
        assertThat(limit.tryAcquire("a")).isTrue();
        assertThat(limit.tryAcquire("a")).isFalse();
        assertThat(limit.tryAcquire("b")).isTrue();
        assertThat(limit.retryAfterSeconds()).isEqualTo(20);
    }

    @Test
    void tryAcquireWhenAddressesShareAnIpv6Slash64ThenTheyShareOneAllowance() {
        RateLimit limit = new RateLimit(2, Duration.ofMinutes(1));

        assertThat(limit.tryAcquire("2001:db8:1:2::1")).isTrue();
        assertThat(limit.tryAcquire("2001:db8:1:2:ffff:ffff:ffff:fffe")).isTrue();
        assertThat(limit.tryAcquire("[2001:0db8:0001:0002:0:0:0:9]")).isFalse();
        assertThat(limit.tryAcquire("2001:db8:1:3::1")).isTrue();
    }

    @Test
    void tryAcquireWhenMoreAddressesThanTrackedThenAnExhaustedAddressStillRetriedStaysExhausted() {
        RateLimit limit = new RateLimit(1, Duration.ofHours(1), 100);
        assertThat(limit.tryAcquire("198.51.100.1")).isTrue();

        // The spray that used to clear the whole map: the sprayer keeps retrying its own exhausted address.
        for (int i = 0; i < 1_000; i++) {
            assertThat(limit.tryAcquire("10.0." + (i / 256) + "." + (i % 256))).isTrue();
            assertThat(limit.tryAcquire("198.51.100.1")).isFalse();
        }
    }
}
