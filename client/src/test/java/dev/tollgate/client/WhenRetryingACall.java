package dev.tollgate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The retry policy: calls that are safe to repeat ({@code verify}, {@code tokenRef}) go again after a timeout and on
 * 429/502/503/504, honouring {@code Retry-After} up to a cap and within a budget; issuance goes again only when the
 * request never reached the server.
 */
class WhenRetryingACall {
    private static final String VERIFIED = "{\"decision\":\"allowed\",\"code\":\"verified\",\"trace\":[]}";
    private static final String REF =
            "{\"ref\":\"tgr_AAAAAAAAAAAAAAAAAAAAAA\",\"applicationId\":\"app\",\"expiresAt\":1795329703000}";

    private LocalServer server;
    private final java.util.List<TollgateClient> clients = new java.util.ArrayList<>();

    @AfterEach
    void stop() {
        clients.forEach(TollgateClient::close);
        if (server != null) {
            server.close();
        }
    }

    /** Closed after the test, so no client's threads outlive it. */
    private TollgateClient track(TollgateClient client) {
        clients.add(client);
        return client;
    }

    private TollgateClient client(String url) {
        return track(TollgateClient.builder()
                .baseUrl(url)
                .timeout(Duration.ofMillis(400))
                .retryBackoff(Duration.ofMillis(10))
                .build());
    }

    @Test
    void aReadThatTimesOutOnceIsRetried() {
        server = LocalServer.start((exchange, n) -> {
            if (n == 1) {
                Thread.sleep(1_500);
            }
            LocalServer.reply(exchange, 200, VERIFIED);
        });

        Explanation explanation = client(server.url()).verify("DIGEST:x", VerifyRequest.tokenOnly());

        assertThat(explanation.code()).isEqualTo("verified");
        assertThat(server.requests()).isEqualTo(2);
    }

    @Test
    void issuanceThatTimesOutIsNotRetried() throws Exception {
        server = LocalServer.start((exchange, n) -> Thread.sleep(1_500));

        assertThatThrownBy(() -> client(server.url()).apiToken("key", "secret", Duration.ofMinutes(5)))
                .isInstanceOfSatisfying(
                        TollgateException.class, e -> assertThat(e.code()).isEqualTo(TollgateException.TIMEOUT));
        Thread.sleep(100);
        assertThat(server.requests()).isEqualTo(1);
    }

    @Test
    void aServiceUnavailableAnswerIsRetriedAfterTheWaitTheServerAsksFor() {
        server = LocalServer.start((exchange, n) -> {
            if (n == 1) {
                LocalServer.reply(
                        exchange, 503, "{\"code\":\"store-unavailable\",\"message\":\"later\"}", "Retry-After", "1");
            } else {
                LocalServer.reply(exchange, 201, REF);
            }
        });
        long start = System.nanoTime();

        TokenRef ref = client(server.url()).tokenRef("DIGEST:x");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(ref.ref()).isEqualTo("tgr_AAAAAAAAAAAAAAAAAAAAAA");
        assertThat(ref.expiresAt()).isEqualTo(Instant.ofEpochMilli(1795329703000L));
        assertThat(server.requests()).isEqualTo(2);
    }

    @Test
    void aLongRetryAfterIsCappedAndTheBudgetBoundsTheWait() {
        server = LocalServer.start((exchange, n) -> LocalServer.reply(
                exchange, 503, "{\"code\":\"store-unavailable\",\"message\":\"later\"}", "Retry-After", "3600"));
        TollgateClient client = track(TollgateClient.builder()
                .baseUrl(server.url())
                .retryBackoff(Duration.ofMillis(10))
                .retryBudget(Duration.ofSeconds(2))
                .build());
        long start = System.nanoTime();

        // The cap turns 3600 s into 5 s, which the 2 s budget does not allow: the first answer is final.
        assertThatThrownBy(() -> client.verify("DIGEST:x", VerifyRequest.tokenOnly()))
                .isInstanceOfSatisfying(TollgateException.class, e -> {
                    assertThat(e.code()).isEqualTo("store-unavailable");
                    assertThat(e.status()).contains(503);
                });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(server.requests()).isEqualTo(1);
    }

    @Test
    void aRefusedConnectionIsRetriedUntilTheServerAnswers() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        TollgateClient client = track(TollgateClient.builder()
                .baseUrl("http://127.0.0.1:" + port)
                .retryBackoff(Duration.ofMillis(500))
                .build());
        AtomicReference<LocalServer> late = new AtomicReference<>();
        CompletableFuture<Void> starting = CompletableFuture.runAsync(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            late.set(LocalServer.start(
                    port,
                    (exchange, n) -> LocalServer.reply(
                            exchange,
                            200,
                            "{\"access_token\":\"t\",\"token_type\":\"Bearer\",\"expires_in\":60,\"scope\":\"\"}")));
        });
        try {
            // Issuance too: a refused connection never reached the server, so nothing can happen twice.
            AccessToken token = client.apiToken("key", "secret", Duration.ofMinutes(1));

            assertThat(token.expiresIn()).isEqualTo(Duration.ofSeconds(60));
            assertThat(late.get().requests()).isEqualTo(1);
        } finally {
            starting.join();
            server = late.get();
        }
    }
}
