package dev.tollgate.server.internal.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.client.ManualClock;
import dev.tollgate.server.internal.http.Rejection;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RateLimitTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void tryAcquireWhenOneAddressUsesItsAllowanceThenOnlyThatAddressIsRefused() {
        RateLimit limit = new RateLimit(3, Duration.ofMinutes(1), clock);

        assertThat(limit.tryAcquire("a")).isInstanceOf(RateLimit.Acquired.class);
        assertThat(limit.tryAcquire("a")).isInstanceOf(RateLimit.Acquired.class);
        assertThat(limit.tryAcquire("a")).isInstanceOf(RateLimit.Acquired.class);
        assertThat(limit.tryAcquire("a")).isInstanceOf(RateLimit.Refused.class);
        assertThat(limit.tryAcquire("b")).isInstanceOf(RateLimit.Acquired.class);
    }

    @Test
    void tryAcquireWhenRefusedThenTheWaitIsTheBucketsOwnAndShrinksAsTimePasses() {
        RateLimit limit = new RateLimit(3, Duration.ofMinutes(1), clock);
        for (int i = 0; i < 3; i++) {
            limit.tryAcquire("a");
        }

        RateLimit.Acquisition atOnce = limit.tryAcquire("a");
        clock.advance(Duration.ofSeconds(15));
        RateLimit.Acquisition later = limit.tryAcquire("a");
        clock.advance(Duration.ofSeconds(5));
        RateLimit.Acquisition refilled = limit.tryAcquire("a");

        // Three a minute refill one every 20 s; a refused attempt costs nothing.
        assertThat(atOnce).isEqualTo(new RateLimit.Refused(Duration.ofSeconds(20)));
        assertThat(later).isEqualTo(new RateLimit.Refused(Duration.ofSeconds(5)));
        assertThat(refilled).isInstanceOf(RateLimit.Acquired.class);
    }

    @Test
    void requireWhenTheAllowanceIsUsedUpThenA429WithTheRealWaitRoundedUp() {
        RateLimit limit = new RateLimit(1, Duration.ofMinutes(1), clock);
        limit.require("a", "slow down");
        clock.advance(Duration.ofMillis(30_250));

        assertThatThrownBy(() -> limit.require("a", "slow down")).isInstanceOfSatisfying(Rejection.class, rejection -> {
            assertThat(rejection.status()).isEqualTo(429);
            assertThat(rejection.code()).isEqualTo("too-many-requests");
            assertThat(rejection.getMessage()).isEqualTo("slow down");
            // 29.75 s left: announced as 30, so that a client waiting as told finds the permit.
            assertThat(rejection.headers()).containsEntry("Retry-After", "30");
        });
    }

    @Test
    void tryAcquireWhenAddressesShareAnIpv6Slash64ThenTheyShareOneAllowance() {
        RateLimit limit = new RateLimit(2, Duration.ofMinutes(1), clock);

        assertThat(limit.tryAcquire("2001:db8:1:2::1")).isInstanceOf(RateLimit.Acquired.class);
        assertThat(limit.tryAcquire("2001:db8:1:2:ffff:ffff:ffff:fffe")).isInstanceOf(RateLimit.Acquired.class);
        assertThat(limit.tryAcquire("[2001:0db8:0001:0002:0:0:0:9]")).isInstanceOf(RateLimit.Refused.class);
        assertThat(limit.tryAcquire("2001:db8:1:3::1")).isInstanceOf(RateLimit.Acquired.class);
    }

    @Test
    void tryAcquireWhenMoreAddressesThanTrackedThenAnExhaustedAddressStillRetriedStaysExhausted() {
        RateLimit limit = new RateLimit(1, Duration.ofHours(1), clock, 100);
        assertThat(limit.tryAcquire("198.51.100.1")).isInstanceOf(RateLimit.Acquired.class);

        // The spray that used to clear the whole map: the sprayer keeps retrying its own exhausted address.
        for (int i = 0; i < 1_000; i++) {
            assertThat(limit.tryAcquire("10.0." + (i / 256) + "." + (i % 256))).isInstanceOf(RateLimit.Acquired.class);
            assertThat(limit.tryAcquire("198.51.100.1")).isInstanceOf(RateLimit.Refused.class);
        }
    }
}
