package dev.tollgate.server;

import dev.tollgate.client.ManualClock;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Every scenario runs twice: on H2 and on PostgreSQL, each test against a fresh server and database. */
@ParameterizedClass(name = "on {0}")
@EnumSource(Db.class)
abstract class ServerScenario {
    @Parameter
    Db db;

    @TempDir
    Path dataDirectory;

    final ManualClock clock = new ManualClock(Instant.now());
    TestServer server;

    @BeforeEach
    void startServer() {
        server = TestServer.start(db, dataDirectory, clock);
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }
}
