package dev.tollgate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** With the default scheduler, real time: short lifetimes keep this fast; close() leaves no thread behind. */
class WhenATokenSessionRunsOnItsOwnThread {

    private static long sessionThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("tollgate-token-session") && thread.isAlive())
                .count();
    }

    @Test
    void itRefreshesInTheBackgroundAndCloseStopsItsThread() throws Exception {
        long before = sessionThreads();
        CountDownLatch refreshed = new CountDownLatch(1);
        Instant now = Instant.now();
        // iat 1.5 s ago, exp in 0.5 s: the ½ and ¾ checkpoints have passed, so expiry is next.
        String token = Tokens.jwt("short", now.minusMillis(1500), now.plusMillis(1000));
        TokenSession session = TokenSession.initialize(token, isExpired -> {
            Instant issued = Instant.now();
            return CompletableFuture.completedFuture(Tokens.jwt("next", issued, issued.plusSeconds(60)));
        });
        session.addListener(new TokenListener() {
            @Override
            public void onTokenRefreshed(String newToken) {
                refreshed.countDown();
            }
        });

        assertThat(refreshed.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(session.token()).isNotEqualTo(token);
        assertThat(sessionThreads()).isEqualTo(before + 1);

        session.close();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (sessionThreads() > before && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(sessionThreads()).isEqualTo(before);
    }

    @Test
    void aTokenWithoutAReadableExpiryIsRefusedAtOnce() {
        assertThatThrownBy(() -> TokenSession.initialize("opaque", isExpired -> new CompletableFuture<>()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expiry");
    }
}
