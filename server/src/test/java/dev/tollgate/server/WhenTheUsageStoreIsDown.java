package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.TestServer.App;
import dev.tollgate.server.TestServer.Reply;
import dev.tollgate.token.TokenBuilder;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database stops while the edge decision itself can still be made from cached secrets: {@code /v1/edge/authorize}
 * must not turn that allow into an unrecorded one. It fails closed with 503 {@code store-unavailable}, and the edge
 * refuses.
 */
class WhenTheUsageStoreIsDown {
    @TempDir
    Path dataDirectory;

    final MutableClock clock = new MutableClock(Instant.now());
    EmbeddedPostgres postgres;
    TestServer server;

    @BeforeEach
    void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        ServerConfig config = ServerConfig.of(dataDirectory, 0)
                .withDatabase(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "");
        server = TestServer.wrap(TollgateServer.start(config, clock), config);
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
    void anAllowThatCannotBeRecordedIsAStoreUnavailableAnswer() throws Exception {
        App app = server.createApplication("outage");
        String token = new TokenBuilder()
                .withApplicationId(app.id())
                .withSecret(app.secret())
                .withClock(clock)
                .expiresIn(Duration.ofHours(1))
                .forChannelAlias("news")
                .forStreamingOnly()
                .applyTag("customer=acme-corp")
                .build();
        String body = "{\"token\":\"" + token + "\",\"request\":{\"action\":\"subscribe\","
                + "\"channel\":{\"id\":\"c1\",\"alias\":\"news\"}}}";
        assertThat(server.postJson("/v1/edge/authorize", null, body).status()).isEqualTo(200);

        postgres.close();
        postgres = null;
        Reply unrecorded = server.postJson("/v1/edge/authorize", null, body);

        assertThat(unrecorded.status()).isEqualTo(503);
        assertThat(unrecorded.body()).contains("\"code\":\"store-unavailable\"").doesNotContain("allowed");
        assertThat(unrecorded.header("Retry-After")).isEqualTo("5");
    }
}
