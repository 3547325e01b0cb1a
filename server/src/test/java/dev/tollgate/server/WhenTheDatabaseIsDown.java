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
    ServerConfig config;
    TestServer server;

    @BeforeEach
    void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        config = ServerConfig.of(dataDirectory, 0)
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

    @Test
    void aUsagePurgeThatFailsIsOneWarningLineWithoutAStackTraceAndIsRetriedAtTheNextRun() throws Exception {
        server.close();
        server = TestServer.wrap(TollgateServer.start(config, clock, Duration.ofMillis(50)), config);
        ch.qos.logback.classic.Logger retentionLog = (ch.qos.logback.classic.Logger)
                org.slf4j.LoggerFactory.getLogger("dev.tollgate.server.internal.usage.UsageRetention");
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> log =
                new ch.qos.logback.core.read.ListAppender<>();
        log.start();
        retentionLog.addAppender(log);
        java.util.List<ch.qos.logback.classic.spi.ILoggingEvent> warnings;
        try {
            postgres.close();
            postgres = null;
            // Each run waits out the pool's 3 s connection timeout; two failed runs show the retry.
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            do {
                Thread.sleep(100);
                synchronized (log) {
                    warnings = java.util.List.copyOf(log.list);
                }
            } while (warnings.size() < 2 && System.nanoTime() - deadline < 0);
            server.close();
            server = null;
        } finally {
            retentionLog.detachAppender(log);
        }

        assertThat(warnings).hasSizeGreaterThanOrEqualTo(2).allSatisfy(event -> {
            assertThat(event.getLevel()).isEqualTo(ch.qos.logback.classic.Level.WARN);
            assertThat(event.getThrowableProxy()).as("a stack trace").isNull();
            assertThat(event.getFormattedMessage())
                    .startsWith("could not delete expired usage events; retrying in PT0.05S: ")
                    .doesNotContain("\n");
        });
    }
}
