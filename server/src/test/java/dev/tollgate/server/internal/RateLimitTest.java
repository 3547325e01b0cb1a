package dev.tollgate.server.internal;

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
}
