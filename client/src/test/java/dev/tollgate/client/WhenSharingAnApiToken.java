package dev.tollgate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code ApiTokenCache}: one fetch for many callers, and a token the server refuses is replaced once. */
class WhenSharingAnApiToken {
    private static final String CLIENT_ACCESS =
            "{\"access_token\":\"cat\",\"token_type\":\"Bearer\",\"expires_in\":3600,\"scope\":\"conf:create\"}";

    private LocalServer server;
    private final AtomicInteger apiTokens = new AtomicInteger();
    private final AtomicInteger clientAccessTokens = new AtomicInteger();

    private TollgateClient client;

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** Issues api-1, api-2, ... slowly; accepts for client access tokens only the API tokens in {@code accepted}. */
    private ApiTokenCache cache(Acceptance accepted) {
        server = LocalServer.start((exchange, n) -> {
            if (exchange.getRequestURI().getPath().equals("/v1/auth/token")) {
                Thread.sleep(200);
                LocalServer.reply(
                        exchange,
                        200,
                        "{\"access_token\":\"api-" + apiTokens.incrementAndGet()
                                + "\",\"token_type\":\"Bearer\",\"expires_in\":3600,\"scope\":\"\"}");
                return;
            }
            clientAccessTokens.incrementAndGet();
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (accepted.accepts(authorization.substring("Bearer ".length()))) {
                LocalServer.reply(exchange, 200, CLIENT_ACCESS);
            } else {
                LocalServer.reply(
                        exchange,
                        401,
                        "{\"error\":\"invalid_token\",\"error_description\":\"the token is not valid\"}",
                        "WWW-Authenticate",
                        "Bearer");
            }
        });
        client = TollgateClient.builder().baseUrl(server.url()).build();
        return new ApiTokenCache(client, "key", "secret", Duration.ofHours(1), List.of());
    }

    @FunctionalInterface
    private interface Acceptance {
        boolean accepts(String apiToken);
    }

    @Test
    void concurrentCallersShareOneFetch() throws Exception {
        ApiTokenCache cache = cache(token -> true);
        int callers = 8;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<AccessToken>> results = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < callers; i++) {
                results.add(threads.submit(() -> {
                    go.await();
                    return cache.current();
                }));
            }
            go.countDown();
            for (Future<AccessToken> result : results) {
                assertThat(result.get().accessToken()).isEqualTo("api-1");
            }
        }

        assertThat(apiTokens).hasValue(1);
    }

    @Test
    void aTokenTheServerRefusesIsReplacedAndTheCallMadeOnceMore() {
        ApiTokenCache cache = cache(token -> !token.equals("api-1"));

        AccessToken access = cache.clientAccessToken(List.of("conf:create"), "alice", Duration.ofHours(1));

        assertThat(access.accessToken()).isEqualTo("cat");
        assertThat(apiTokens).hasValue(2);
        assertThat(clientAccessTokens).hasValue(2);
        assertThat(cache.current().accessToken()).isEqualTo("api-2");
    }

    @Test
    void aSecondRefusalIsThrown() {
        ApiTokenCache cache = cache(token -> false);

        assertThatThrownBy(() -> cache.clientAccessToken(List.of(), null, Duration.ofHours(1)))
                .isInstanceOfSatisfying(TollgateException.class, e -> {
                    assertThat(e.code()).isEqualTo("invalid_token");
                    assertThat(e.status()).contains(401);
                });
        assertThat(apiTokens).hasValue(2);
        assertThat(clientAccessTokens).hasValue(2);
    }
}
