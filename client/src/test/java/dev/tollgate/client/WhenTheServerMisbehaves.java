package dev.tollgate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Failure modes a real Tollgate rarely shows but networks do: error bodies of both shapes, proxies' HTML, 503s, a
 * closed port, a server that never answers. A JDK HTTP server on loopback plays the misbehaving network.
 */
class WhenTheServerMisbehaves {
    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    private TollgateClient serving(int status, String contentType, String body) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", contentType);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return TollgateClient.builder()
                .baseUrl("http://127.0.0.1:" + server.getAddress().getPort())
                .retryBackoff(Duration.ofMillis(10))
                .build();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void anOAuthErrorBecomesItsCodeAndDescription() throws Exception {
        TollgateClient client = serving(
                401, "application/json", "{\"error\":\"invalid_client\",\"error_description\":\"bad credentials\"}");

        assertThatThrownBy(() -> client.apiToken("key", "secret", Duration.ofMinutes(5)))
                .isInstanceOfSatisfying(TollgateException.class, e -> {
                    assertThat(e.code()).isEqualTo("invalid_client");
                    assertThat(e.getMessage()).isEqualTo("bad credentials");
                    assertThat(e.status()).contains(401);
                });
    }

    @Test
    void aTollgateErrorBecomesItsCodeAndMessage() throws Exception {
        TollgateClient client =
                serving(400, "application/json", "{\"code\":\"invalid-json\",\"message\":\"the body is not JSON\"}");

        assertThatThrownBy(() -> client.verify("DIGEST:x", VerifyRequest.tokenOnly()))
                .isInstanceOfSatisfying(
                        TollgateException.class, e -> assertThat(e.code()).isEqualTo("invalid-json"));
    }

    @Test
    void aProxysHtmlErrorPageKeepsTheStatusAsTheCode() throws Exception {
        TollgateClient client = serving(502, "text/html", "<html>Bad Gateway</html>");

        assertThatThrownBy(() -> client.apiToken("key", "secret", Duration.ofMinutes(5)))
                .isInstanceOfSatisfying(
                        TollgateException.class, e -> assertThat(e.code()).isEqualTo("http-502"));
        assertThat(requests).hasValue(1);
    }

    @Test
    void aSuccessThatIsNotJsonIsABadResponse() throws Exception {
        TollgateClient client = serving(200, "text/plain", "ok");

        assertThatThrownBy(() -> client.apiToken("key", "secret", Duration.ofMinutes(5)))
                .isInstanceOfSatisfying(
                        TollgateException.class, e -> assertThat(e.code()).isEqualTo(TollgateException.BAD_RESPONSE));
    }

    @Test
    void aSuccessThatLacksAFieldReportsItsRealStatus() throws Exception {
        TollgateClient client = serving(201, "application/json", "{\"ref\":\"tgr_AAAAAAAAAAAAAAAAAAAAAA\"}");

        assertThatThrownBy(() -> client.tokenRef("DIGEST:x")).isInstanceOfSatisfying(TollgateException.class, e -> {
            assertThat(e.code()).isEqualTo(TollgateException.BAD_RESPONSE);
            assertThat(e.status()).contains(201);
            assertThat(e.getMessage()).contains("applicationId");
        });
    }

    @Test
    void aReadIsRetriedOnServiceUnavailableButIssuanceIsNot() throws Exception {
        TollgateClient client = serving(503, "application/json", "{\"code\":\"unavailable\",\"message\":\"later\"}");

        assertThatThrownBy(() -> client.verify("DIGEST:x", VerifyRequest.tokenOnly()))
                .isInstanceOfSatisfying(
                        TollgateException.class, e -> assertThat(e.code()).isEqualTo("unavailable"));
        assertThat(requests).hasValue(3);

        requests.set(0);
        assertThatThrownBy(() -> client.clientAccessToken("api", List.of(), null, Duration.ofMinutes(5)))
                .isInstanceOf(TollgateException.class);
        assertThat(requests).hasValue(1);
    }

    @Test
    void aClosedPortIsUnreachable() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        TollgateClient client = TollgateClient.builder()
                .baseUrl("http://127.0.0.1:" + port)
                .retryBackoff(Duration.ofMillis(10))
                .build();

        assertThatThrownBy(() -> client.apiToken("key", "secret", Duration.ofMinutes(5)))
                .isInstanceOfSatisfying(TollgateException.class, e -> {
                    assertThat(e.code()).isEqualTo(TollgateException.UNREACHABLE);
                    assertThat(e.status()).isEmpty();
                });
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try {
                Thread.sleep(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        TollgateClient client = TollgateClient.builder()
                .baseUrl("http://127.0.0.1:" + server.getAddress().getPort())
                .timeout(Duration.ofMillis(300))
                .build();

        assertThatThrownBy(() -> client.apiToken("key", "secret", Duration.ofMinutes(5)))
                .isInstanceOfSatisfying(
                        TollgateException.class, e -> assertThat(e.code()).isEqualTo(TollgateException.TIMEOUT));
    }

    @Test
    void theApiTokenCacheReusesATokenUntilNearItsExpiry() throws Exception {
        TollgateClient plain = serving(
                200,
                "application/json",
                "{\"access_token\":\"t\",\"token_type\":\"Bearer\",\"expires_in\":100,\"scope\":\"a b\"}");
        ManualClock clock = new ManualClock(java.time.Instant.parse("2026-11-22T12:00:00Z"));
        TollgateClient client =
                TollgateClient.builder().baseUrl(plain.baseUrl()).clock(clock).build();
        ApiTokenCache cache = new ApiTokenCache(client, "key", "secret", Duration.ofSeconds(100), List.of("a"));

        AccessToken first = cache.current();
        clock.advance(Duration.ofSeconds(89));
        cache.current();
        assertThat(requests).hasValue(1);
        clock.advance(Duration.ofSeconds(1)); // within a tenth of the lifetime of expiry
        cache.current();

        assertThat(requests).hasValue(2);
        assertThat(first.scopes()).containsExactly("a", "b");
        assertThat(first.toString()).doesNotContain("\"t\"").contains("Bearer");
    }
}
