package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.client.ManualClock;
import dev.tollgate.edge.Action;
import dev.tollgate.server.internal.store.Database;
import dev.tollgate.server.internal.usage.JdbcUsageSessionStore;
import dev.tollgate.server.internal.usage.UsageSession;
import dev.tollgate.server.internal.usage.UsageSessionReaper;
import dev.tollgate.server.internal.usage.UsageSessionStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The hooks' usage sessions in the database, on H2 and PostgreSQL: opened, kept alive by updates, ended by a done,
 * a reused client key, or the reaper when the media server stops reporting; counted per token.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(Db.class)
class WhenAMediaServerReportsUsageSessions {
    @Parameter
    Db db;

    @TempDir
    Path dataDirectory;

    final ManualClock clock = new ManualClock(Instant.parse("2026-11-01T10:00:00Z"));
    Database database;
    UsageSessionStore store;

    @BeforeEach
    void openTheDatabase() {
        database = Database.open(db.config(dataDirectory));
        store = new JdbcUsageSessionStore(database.jdbi());
    }

    @AfterEach
    void closeTheDatabase() {
        database.close();
    }

    UsageSession play(String clientKey) {
        UsageSession session = UsageSessions.open(
                clientKey, "app-1", "ch-1", Action.SUBSCRIBE, clock.instant(), "customer=acme", "customer=acme");
        store.open(session);
        return session;
    }

    long rows(String sql) {
        return database.jdbi()
                .withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    @Test
    void anOpenedSessionIsFoundOpenWithEveryFieldAndItsTagsOnce() {
        UsageSession opened = play("17");

        Optional<UsageSession> found = store.findOpen("nginx-rtmp", "17");

        assertThat(found).isPresent();
        assertThat(found.get())
                .isEqualTo(new UsageSession(
                        opened.id(),
                        opened.mediaServer(),
                        opened.clientKey(),
                        opened.applicationId(),
                        opened.channelId(),
                        opened.streamId(),
                        opened.action(),
                        opened.tokenType(),
                        opened.requiredTag(),
                        opened.tokenDigest(),
                        List.of("customer=acme"),
                        opened.clientAddress(),
                        opened.country(),
                        opened.startedAt(),
                        opened.lastSeenAt(),
                        Optional.empty(),
                        opened.boundSessionId()));
        assertThat(store.findOpen("icecast", "17")).isEmpty();
    }

    @Test
    void anUpdateMovesTheLastSignOfLifeForwardAndNeverBack() {
        play("17");
        Instant start = clock.instant();

        boolean touched = store.touch("nginx-rtmp", "17", start.plusSeconds(30));
        boolean late = store.touch("nginx-rtmp", "17", start.plusSeconds(10));

        assertThat(touched).isTrue();
        assertThat(late).isTrue();
        assertThat(store.findOpen("nginx-rtmp", "17").orElseThrow().lastSeenAt())
                .isEqualTo(start.plusSeconds(30));
        assertThat(store.touch("nginx-rtmp", "unknown", start)).isFalse();
    }

    @Test
    void aDoneEndsTheSessionWithItsDurationAndOnlyOnce() {
        play("17");
        Instant start = clock.instant();

        Optional<UsageSession> ended = store.close("nginx-rtmp", "17", start.plusSeconds(90));

        assertThat(ended).isPresent();
        assertThat(ended.get().endedAt()).contains(start.plusSeconds(90));
        assertThat(ended.get().duration(start.plusSeconds(999))).isEqualTo(Duration.ofSeconds(90));
        assertThat(ended.get().tags()).containsExactly("customer=acme");
        assertThat(store.findOpen("nginx-rtmp", "17")).isEmpty();
        assertThat(store.close("nginx-rtmp", "17", start.plusSeconds(120))).isEmpty();
        assertThat(store.touch("nginx-rtmp", "17", start.plusSeconds(120))).isFalse();
    }

    @Test
    void aReusedClientKeyEndsTheOldSessionAtTheNewStart() {
        UsageSession old = play("17");
        clock.advance(Duration.ofMinutes(5));

        UsageSession fresh = play("17");

        assertThat(store.findOpen("nginx-rtmp", "17").orElseThrow().id()).isEqualTo(fresh.id());
        assertThat(rows("SELECT ended_at FROM usage_sessions WHERE id = '" + old.id() + "'"))
                .isEqualTo(clock.millis());
        assertThat(rows("SELECT COUNT(*) FROM usage_sessions WHERE ended_at IS NULL"))
                .isEqualTo(1);
    }

    @Test
    void concurrentOpensOfOneClientKeyLeaveExactlyOneOpen() throws Exception {
        List<Callable<Void>> opens = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            opens.add(() -> {
                play("17");
                return null;
            });
        }
        try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
            for (Future<Void> done : threads.invokeAll(opens)) {
                done.get();
            }
        }

        assertThat(rows("SELECT COUNT(*) FROM usage_sessions")).isEqualTo(8);
        assertThat(rows("SELECT COUNT(*) FROM usage_sessions WHERE ended_at IS NULL"))
                .isEqualTo(1);
    }

    @Test
    void theOpenSessionsOfATokenAreCountedWhenSeenSinceTheBound() {
        Instant start = clock.instant();
        for (String key : List.of("1", "2", "3")) {
            store.open(UsageSessions.withDigest(
                    UsageSessions.open(key, "app-1", "ch-1", Action.SUBSCRIBE, start), "shared"));
        }
        store.touch("nginx-rtmp", "2", start.plusSeconds(60));
        store.touch("nginx-rtmp", "3", start.plusSeconds(60));
        store.close("nginx-rtmp", "3", start.plusSeconds(61));

        assertThat(store.countOpen("shared", start)).isEqualTo(2);
        assertThat(store.countOpen("shared", start.plusSeconds(30))).isEqualTo(1);
        assertThat(store.countOpen("other", start)).isZero();
    }

    @Test
    void staleSessionsAreEndedAtTheirLastSignOfLifeOldestFirstUpToTheLimit() {
        Instant start = clock.instant();
        play("a");
        play("b");
        play("c");
        store.touch("nginx-rtmp", "a", start.plusSeconds(20));
        store.touch("nginx-rtmp", "b", start.plusSeconds(10));
        store.touch("nginx-rtmp", "c", start.plusSeconds(300));

        int first = store.closeStale(start.plusSeconds(200), 1);
        int second = store.closeStale(start.plusSeconds(200), 10);

        assertThat(first).isEqualTo(1);
        assertThat(second).isEqualTo(1);
        assertThat(rows("SELECT ended_at FROM usage_sessions WHERE client_key = 'b'"))
                .isEqualTo(start.plusSeconds(10).toEpochMilli());
        assertThat(rows("SELECT ended_at FROM usage_sessions WHERE client_key = 'a'"))
                .isEqualTo(start.plusSeconds(20).toEpochMilli());
        assertThat(store.findOpen("nginx-rtmp", "c")).isPresent();
    }

    @Test
    void theReaperEndsSessionsNotSeenForTheTimeoutAndSparesTheOthers() throws InterruptedException {
        Instant start = clock.instant();
        play("silent");
        play("alive");
        clock.advance(Duration.ofMinutes(4));
        store.touch("nginx-rtmp", "alive", clock.instant());

        try (UsageSessionReaper reaper =
                new UsageSessionReaper(store, Duration.ofMinutes(3), Duration.ofMillis(20), clock)) {
            reaper.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (store.findOpen("nginx-rtmp", "silent").isPresent() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }

        assertThat(store.findOpen("nginx-rtmp", "silent")).isEmpty();
        assertThat(rows("SELECT ended_at FROM usage_sessions WHERE client_key = 'silent'"))
                .isEqualTo(start.toEpochMilli());
        assertThat(store.findOpen("nginx-rtmp", "alive")).isPresent();
    }

    @Test
    void theReaperNeverEndsASessionOfAServerThatReportsEveryEndAndNothingBetween() throws InterruptedException {
        play("silent-rtmp");
        UsageSession listener = UsageSessions.open(
                "icecast-listener", "app-1", "ch-1", Action.SUBSCRIBE, clock.instant(), "customer=acme");
        store.open(new UsageSession(
                listener.id(),
                "icecast",
                listener.clientKey(),
                listener.applicationId(),
                listener.channelId(),
                listener.streamId(),
                listener.action(),
                listener.tokenType(),
                listener.requiredTag(),
                listener.tokenDigest(),
                listener.tags(),
                listener.clientAddress(),
                listener.country(),
                listener.startedAt(),
                listener.lastSeenAt(),
                listener.endedAt(),
                listener.boundSessionId()));
        clock.advance(Duration.ofMinutes(30));

        try (UsageSessionReaper reaper =
                new UsageSessionReaper(store, Duration.ofMinutes(3), Duration.ofMillis(20), clock, Set.of("icecast"))) {
            reaper.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (store.findOpen("nginx-rtmp", "silent-rtmp").isPresent() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(100); // a few more sweeps, which must leave the listener open
        }

        // nginx-rtmp sends updates: its silence is an end. Icecast sends none until listener_remove: a quiet listener
        // is still listening, and ending it at its start would count zero minutes.
        assertThat(store.findOpen("nginx-rtmp", "silent-rtmp")).isEmpty();
        assertThat(store.findOpen("icecast", "icecast-listener")).isPresent();
        assertThat(store.close("icecast", "icecast-listener", clock.instant())
                        .orElseThrow()
                        .duration(clock.instant()))
                .isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void theReaperKeepsSweepingAfterTheDatabaseFailed() throws InterruptedException {
        play("silent");
        clock.advance(Duration.ofMinutes(4));
        database.jdbi().useHandle(h -> h.execute("ALTER TABLE usage_sessions RENAME TO usage_sessions_away"));

        try (UsageSessionReaper reaper =
                new UsageSessionReaper(store, Duration.ofMinutes(3), Duration.ofMillis(20), clock)) {
            reaper.start();
            Thread.sleep(200);
            database.jdbi().useHandle(h -> h.execute("ALTER TABLE usage_sessions_away RENAME TO usage_sessions"));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (store.findOpen("nginx-rtmp", "silent").isPresent() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }

        assertThat(store.findOpen("nginx-rtmp", "silent")).isEmpty();
    }
}
