package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.TestServer.Reply;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /health} answers from a probe at most 1 s old (docs/performance.md): when the PostgreSQL it reports on stops,
 * it turns 503 within that second plus the probe's own wait for the database, however hard it is polled.
 */
class WhenTheHealthCheckLosesItsDatabase {
    /** The probe's 1 s age, the pool's 3 s connection timeout, and slack for a machine shared with builds. */
    static final Duration BOUND = Duration.ofSeconds(6);

    @TempDir
    Path dataDirectory;

    EmbeddedPostgres postgres;
    TestServer server;

    @BeforeEach
    void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        ServerConfig config = ServerConfig.of(dataDirectory, 0)
                .withDatabase(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "");
        server = TestServer.start(config, Clock.systemUTC());
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void itTurnsUnhealthyWithinTheBound() throws Exception {
        for (int i = 0; i < 100; i++) {
            assertThat(server.get("/health", Map.of()).status()).isEqualTo(200);
        }

        postgres.close();
        postgres = null;
        long stopped = System.nanoTime();
        Reply health;
        do {
            health = server.get("/health", Map.of());
        } while (health.status() == 200 && System.nanoTime() - stopped < BOUND.toNanos());
        Duration took = Duration.ofNanos(System.nanoTime() - stopped);

        assertThat(health.status()).isEqualTo(503);
        assertThat(health.body()).contains("\"status\":\"down\"").contains("\"database\":\"down\"");
        assertThat(took).isLessThan(BOUND);
    }
}
