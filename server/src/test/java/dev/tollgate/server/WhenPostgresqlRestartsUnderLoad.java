package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.TestServer.App;
import dev.tollgate.server.TestServer.Reply;
import dev.tollgate.token.TokenBuilder;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared PostgreSQL stops for eight seconds and starts again while edges ask for decisions: every decision asked
 * while it is down fails closed (503 {@code store-unavailable}, never an allow, never a 500), and decisions are
 * allowed again within {@link #RECOVERY_BOUND} of PostgreSQL accepting connections. The measured figures are printed
 * (docs/reliability.md).
 */
class WhenPostgresqlRestartsUnderLoad {
    /** The pool's 3 s connection timeout, plus the time to make fresh connections, with room for a busy machine. */
    static final Duration RECOVERY_BOUND = Duration.ofSeconds(15);

    @TempDir
    Path dataDirectory;

    @TempDir
    Path postgresDirectory;

    EmbeddedPostgres postgres;
    TestServer server;

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    private EmbeddedPostgres startPostgres(int port) throws IOException {
        return EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(postgresDirectory)
                .setCleanDataDirectory(false)
                .start();
    }

    /** One decision as an edge asks it: when, how long it took, what it answered. */
    record Decision(long sentNanos, long answeredNanos, int status, String code) {}

    @Test
    void decisionsFailClosedWhileItIsDownAndComeBackWithinTheBound() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        postgres = startPostgres(port);
        ServerConfig config = ServerConfig.of(dataDirectory, 0)
                .withDatabase(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "");
        server = TestServer.start(config, Clock.systemUTC());
        App app = server.createApplication("restart");
        String token = new TokenBuilder()
                .withApplicationId(app.id())
                .withSecret(app.secret())
                .expiresIn(Duration.ofHours(1))
                .forChannelAlias("news")
                .forStreamingOnly()
                .applyTag("customer=acme")
                .build();
        String body = "{\"token\":\"" + token + "\",\"request\":{\"action\":\"subscribe\","
                + "\"channel\":{\"id\":\"c1\",\"alias\":\"news\"}}}";
        assertThat(server.edgeAuthorize(body).status()).isEqualTo(200);

        AtomicBoolean running = new AtomicBoolean(true);
        List<Decision> decisions = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService edges = Executors.newFixedThreadPool(4);
        List<Future<?>> load = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        for (int i = 0; i < 4; i++) {
            load.add(edges.submit(() -> {
                while (running.get() && System.nanoTime() < deadline) {
                    long sent = System.nanoTime();
                    Reply reply = server.edgeAuthorize(body);
                    String code = reply.status() == 200
                            ? "allowed"
                            : reply.json().path("code").asText();
                    decisions.add(new Decision(sent, System.nanoTime(), reply.status(), code));
                    sleepMillis(20);
                }
            }));
        }
        sleepMillis(2_000);
        long stopping = System.nanoTime();
        postgres.close();
        postgres = null;
        long stopped = System.nanoTime();
        // Down long enough that decisions asked after the stop are answered before it is back, even on a busy
        // machine: each waits the pool's 3 s connection timeout.
        sleepMillis(8_000);
        postgres = startPostgres(port);
        long accepting = System.nanoTime();
        long recovered = -1;
        while (System.nanoTime() - accepting < RECOVERY_BOUND.toNanos() * 2 && recovered < 0) {
            sleepMillis(50);
            synchronized (decisions) {
                for (Decision decision : decisions) {
                    if (decision.sentNanos() > accepting && decision.status() == 200) {
                        recovered = decision.answeredNanos();
                        break;
                    }
                }
            }
        }
        sleepMillis(1_000);
        running.set(false);
        for (Future<?> edge : load) {
            edge.get();
        }
        edges.shutdown();

        List<Decision> whileDown = new ArrayList<>();
        Map<String, Integer> downAnswers = new TreeMap<>();
        Map<String, Integer> allAnswers = new TreeMap<>();
        synchronized (decisions) {
            for (Decision decision : decisions) {
                allAnswers.merge(decision.status() + " " + decision.code(), 1, Integer::sum);
                if (decision.sentNanos() > stopped && decision.answeredNanos() < accepting) {
                    whileDown.add(decision);
                    downAnswers.merge(decision.status() + " " + decision.code(), 1, Integer::sum);
                }
            }
        }
        System.out.printf(
                "postgresql restart: stop took %d ms; %d decisions while down: %s; allowed again %d ms after it"
                        + " accepted connections (bound %d ms); %d decisions in all: %s%n",
                (stopped - stopping) / 1_000_000,
                whileDown.size(),
                downAnswers,
                recovered < 0 ? -1 : (recovered - accepting) / 1_000_000,
                RECOVERY_BOUND.toMillis(),
                decisions.size(),
                allAnswers);

        assertThat(whileDown).isNotEmpty().allSatisfy(decision -> {
            assertThat(decision.status()).isEqualTo(503);
            assertThat(decision.code()).isEqualTo("store-unavailable");
        });
        // Asked while down and answered once it was back, a decision may be allowed (it was recorded), never a 500.
        assertThat(allAnswers.keySet())
                .allMatch(answer -> answer.equals("200 allowed") || answer.equals("503 store-unavailable"));
        assertThat(recovered).as("allowed again after the restart").isPositive();
        assertThat(Duration.ofNanos(recovered - accepting)).isLessThan(RECOVERY_BOUND);
        assertThat(server.edgeAuthorize(body).status()).isEqualTo(200);
    }

    private static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
