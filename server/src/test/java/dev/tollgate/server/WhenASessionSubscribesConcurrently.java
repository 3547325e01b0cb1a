package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.TestServer.App;
import dev.tollgate.server.TestServer.Reply;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Identical {@code PUT /v1/sessions/{id}/notifications} requests at once (a client retrying, two tabs) all succeed
 * and leave one subscription: the reviewer's repro, 5 rounds of 8 parallel PUTs, once gave a 500 from the primary
 * key.
 */
class WhenASessionSubscribesConcurrently extends ServerScenario {
    static final int THREADS = 8;
    static final int ROUNDS = 5;

    @Test
    void everyRequestSucceedsAndOneSubscriptionRemains() throws Exception {
        App app = server.createApplication("racing");
        String token = server.clientAccessToken(
                server.apiToken(app, null), "{\"externalId\":\"racer\",\"sessionScope\":\"notifications:set\"}");
        Reply opened = server.postJson("/v1/sessions", "Bearer " + token, null);
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        String path = "/v1/sessions/" + opened.json().get("sessionId").asText() + "/notifications";
        Map<String, String> headers = Map.of("Authorization", "Bearer " + token, "Content-Type", "application/json");
        byte[] body = "{\"events\":[\"conference.created\",\"participant.updated\"]}".getBytes(StandardCharsets.UTF_8);

        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
            for (int round = 0; round < ROUNDS; round++) {
                // Each round starts empty, so that every PUT of the round races for the INSERT.
                server.sql("DELETE FROM notification_subscriptions");
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Integer>> replies = new ArrayList<>();
                for (int i = 0; i < THREADS; i++) {
                    replies.add(pool.submit(() -> {
                        start.await();
                        return server.send("PUT", path, headers, body).status();
                    }));
                }
                start.countDown();
                for (Future<Integer> reply : replies) {
                    statuses.add(reply.get());
                }
            }
        }

        assertThat(statuses).hasSize(THREADS * ROUNDS).containsOnly(200);
        assertThat(server.sql("SELECT COUNT(*) FROM notification_subscriptions"))
                .isEqualTo(1);
    }
}
