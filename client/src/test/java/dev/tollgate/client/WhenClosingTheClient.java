package dev.tollgate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code TollgateClient} owns an {@code HttpClient}; {@code close()} gives back its threads. */
class WhenClosingTheClient {
    private LocalServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static Set<Thread> httpClientThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .filter(thread -> thread.getName().startsWith("HttpClient-"))
                .collect(Collectors.toSet());
    }

    @Test
    void itLeavesNoThreadBehind() throws Exception {
        server = LocalServer.start((exchange, n) ->
                LocalServer.reply(exchange, 200, "{\"decision\":\"allowed\",\"code\":\"verified\",\"trace\":[]}"));
        Set<Thread> before = httpClientThreads();
        TollgateClient client = TollgateClient.builder().baseUrl(server.url()).build();
        client.verify("DIGEST:x", VerifyRequest.tokenOnly());
        Set<Thread> started = httpClientThreads();
        started.removeAll(before);
        assertThat(started).as("the client's own threads while open").isNotEmpty();

        client.close();
        client.close(); // idempotent

        for (Thread thread : started) {
            thread.join(5_000);
        }
        assertThat(started).noneMatch(Thread::isAlive);
    }

    @Test
    void aCallAfterCloseIsAProgrammingError() {
        TollgateClient client =
                TollgateClient.builder().baseUrl("http://127.0.0.1:9").build();
        client.close();

        assertThatThrownBy(() -> client.verify("DIGEST:x", VerifyRequest.tokenOnly()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }
}
