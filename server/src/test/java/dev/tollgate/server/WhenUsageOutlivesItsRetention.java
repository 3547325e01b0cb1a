package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.tollgate.server.TestServer.App;
import dev.tollgate.server.TestServer.Reply;
import dev.tollgate.token.TokenBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Usage events are kept for the retention (400 days unless configured) and deleted after it by the server's own
 * scheduled purge, with no request involved: a flood of old rows does not stay in the database forever, and no
 * request pays for deleting it.
 */
class WhenUsageOutlivesItsRetention extends ServerScenario {
    /** Short, so that a test sees several runs within its bounded wait. */
    static final Duration PURGE_INTERVAL = Duration.ofMillis(50);

    /** How long a test waits for the purge before it fails. */
    static final Duration PATIENCE = Duration.ofSeconds(5);

    @TempDir
    Path dumps;

    App app;

    @BeforeEach
    void restartPurgingOften() {
        restart(server.config);
    }

    void restart(ServerConfig config) {
        server.close();
        server = TestServer.wrap(TollgateServer.start(config, clock, PURGE_INTERVAL), config);
        app = server.createApplication("retained");
    }

    /** One allowed subscription, with a token minted at the test clock's now. */
    void subscribe() {
        String token = new TokenBuilder()
                .withApplicationId(app.id())
                .withSecret(app.secret())
                .withClock(clock)
                .expiresIn(Duration.ofHours(1))
                .forStreamingOnly()
                .forChannelAlias("news")
                .applyTag("customer=acme")
                .build();
        Reply reply = server.edgeAuthorize("{\"token\":\"" + token + "\",\"request\":{\"action\":\"subscribe\","
                + "\"channel\":{\"id\":\"c1\",\"alias\":\"news\"}}}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }

    long events() {
        return server.sql("SELECT COUNT(*) FROM usage_events");
    }

    long tags() {
        return server.sql("SELECT COUNT(*) FROM usage_event_tags");
    }

    /** Polls until {@code count} reaches {@code expected}, for at most {@link #PATIENCE}; returns the last count. */
    static long awaitCount(LongSupplier count, long expected) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        long seen = count.getAsLong();
        while (seen != expected && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            seen = count.getAsLong();
        }
        return seen;
    }

    /** A thread dump of this JVM that lists virtual threads too (Thread.getAllStackTraces does not). */
    String threadDump() {
        Path file = dumps.resolve("threads-" + System.nanoTime() + ".json");
        try {
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .dumpThreads(file.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void eventsOlderThan400DaysAreDeletedWithoutAnyRequest() {
        subscribe();
        clock.advance(Duration.ofDays(399));
        subscribe();
        long withinRetention = events();
        clock.advance(Duration.ofDays(2));

        // No request from here on: only the scheduled purge can delete the first event.
        long afterPurge = awaitCount(this::events, 1);

        assertThat(withinRetention).isEqualTo(2);
        assertThat(afterPurge).isEqualTo(1);
        assertThat(tags()).isEqualTo(1);
    }

    @Test
    void aConfiguredRetentionIsHonoured() {
        restart(server.config.withUsageRetention(Duration.ofDays(30)));
        subscribe();
        subscribe();
        clock.advance(Duration.ofDays(29));
        subscribe();
        clock.advance(Duration.ofDays(2));

        long afterPurge = awaitCount(this::events, 1);

        assertThat(afterPurge).isEqualTo(1);
        assertThat(tags()).isEqualTo(1);
    }

    @Test
    void stoppingTheServerStopsThePurgingThread() {
        String running = threadDump();

        server.close();
        String stopped = threadDump();

        assertThat(running).contains("\"tollgate-usage-retention\"");
        assertThat(stopped).doesNotContain("tollgate-usage-retention");
    }

    @Test
    void aRetentionUnderOneDayIsRefused() {
        assertThatThrownBy(() -> server.config.withUsageRetention(Duration.ofHours(23)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one day");
    }
}
