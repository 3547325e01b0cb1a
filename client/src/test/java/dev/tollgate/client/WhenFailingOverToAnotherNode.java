package dev.tollgate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A client given failover URLs moves to the next node when the current one cannot be reached (nothing listens, so the
 * request never arrived), for writes too, and stays there; a node that breaks the connection after the request was
 * sent is not left for another, since it may have acted.
 */
class WhenFailingOverToAnotherNode {
    private static final String CHANNEL = "{\"id\":\"ch_1\",\"alias\":\"news\",\"kind\":\"channel\","
            + "\"applicationId\":\"app\",\"createdAt\":1795329703000}";

    private LocalServer second;
    private TollgateClient client;

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (second != null) {
            second.close();
        }
    }

    /** A loopback port that nothing listens on (it was free a moment ago). */
    private static String deadUrl() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }
    }

    @Test
    void aWriteToANodeThatIsDownGoesToTheNextAndLaterCallsStayThere() throws Exception {
        second = LocalServer.start((exchange, n) -> LocalServer.reply(exchange, 201, CHANNEL));
        String dead = deadUrl();
        client = TollgateClient.builder()
                .baseUrl(dead)
                .failoverUrls(second.url())
                .timeout(Duration.ofSeconds(2))
                .build();

        Channel first = client.createChannel(Credentials.basic("app", "secret"), "news");
        Channel again = client.createChannel(Credentials.basic("app", "secret"), "news");

        assertThat(first.id()).isEqualTo("ch_1");
        assertThat(again.id()).isEqualTo("ch_1");
        assertThat(second.requests()).isEqualTo(2);
        assertThat(client.baseUrl().toString()).isEqualTo(second.url() + "/");
    }

    @Test
    void whenEveryNodeIsDownTheCallIsUnreachable() throws Exception {
        client = TollgateClient.builder()
                .baseUrl(deadUrl())
                .failoverUrls(deadUrl())
                .timeout(Duration.ofSeconds(2))
                .retryBackoff(Duration.ofMillis(10))
                .build();

        assertThatThrownBy(() -> client.createChannel(Credentials.basic("app", "secret"), "news"))
                .isInstanceOfSatisfying(
                        TollgateException.class, e -> assertThat(e.code()).isEqualTo(TollgateException.UNREACHABLE));
    }

    @Test
    void aWriteWhoseConnectionBrokeAfterItWasSentIsNotSentToAnotherNode() {
        LocalServer breaking = LocalServer.start((exchange, n) -> {
            exchange.getResponseBody().close(); // no status line: the connection ends under the request
        });
        second = LocalServer.start((exchange, n) -> LocalServer.reply(exchange, 201, CHANNEL));
        try {
            client = TollgateClient.builder()
                    .baseUrl(breaking.url())
                    .failoverUrls(second.url())
                    .timeout(Duration.ofSeconds(2))
                    .build();

            assertThatThrownBy(() -> client.createChannel(Credentials.basic("app", "secret"), "news"))
                    .isInstanceOf(TollgateException.class);
            assertThat(second.requests()).isZero();
        } finally {
            breaking.close();
        }
    }
}
