package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.client.ManualClock;
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
 * The shared PostgreSQL stops while the server runs: requests fail closed with 503 {@code store-unavailable} (never
 * an allow, never a bare 500), and verification goes on for the few seconds its secrets stay cached — but an edge
 * decision that must be recorded as usage is refused then too, never allowed unrecorded.
 */
class WhenTheDatabaseIsDown {
    @TempDir
    Path dataDirectory;

    final ManualClock clock = new ManualClock(Instant.now());
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

    private Reply verify(String token) {
        return server.postJson(
                "/v1/tokens/verify",
                null,
                "{\"token\":\"" + token + "\",\"request\":{\"action\":\"subscribe\","
                        + "\"channel\":{\"id\":\"c1\",\"alias\":\"news\"}}}");
    }

    @Test
    void requestsFailClosedWithStoreUnavailableOnceTheCachedSecretsExpire() throws Exception {
        App app = server.createApplication("outage");
        String token = new TokenBuilder()
                .withApplicationId(app.id())
                .withSecret(app.secret())
                .withClock(clock)
                .expiresIn(Duration.ofHours(1))
                .forChannelAlias("news")
                .forStreamingOnly()
                .build();
        assertThat(verify(token).body()).contains("\"decision\":\"allowed\"");

        postgres.close();
        postgres = null;
        Reply fromCache = verify(token);
        clock.advance(dev.tollgate.server.internal.applications.Applications.SECRET_CACHE_TTL);
        Reply afterTtl = verify(token);
        Reply apiToken = server.postForm("/v1/auth/token", app.basic(), "grant_type=client_credentials");

        assertThat(fromCache.body()).contains("\"decision\":\"allowed\"");
        assertThat(afterTtl.status()).isEqualTo(503);
        assertThat(afterTtl.body()).contains("\"code\":\"store-unavailable\"").doesNotContain("allowed");
        assertThat(afterTtl.response().headers().firstValue("Retry-After")).contains("5");
        assertThat(apiToken.status()).isEqualTo(503);
        assertThat(apiToken.body()).contains("\"error\":\"temporarily_unavailable\"");
    }

    @Test
    void anEdgeAllowThatCannotBeRecordedIsAStoreUnavailableAnswer() throws Exception {
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
        assertThat(server.edgeAuthorize(body).status()).isEqualTo(200);

        postgres.close();
        postgres = null;
        Reply unrecorded = server.edgeAuthorize(body);

        assertThat(unrecorded.status()).isEqualTo(503);
        assertThat(unrecorded.body()).contains("\"code\":\"store-unavailable\"").doesNotContain("allowed");
        assertThat(unrecorded.header("Retry-After")).isEqualTo("5");
    }
}
