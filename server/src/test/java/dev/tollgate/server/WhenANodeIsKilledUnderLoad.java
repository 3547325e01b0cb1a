package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.client.Channel;
import dev.tollgate.client.CreatedApplication;
import dev.tollgate.client.Credentials;
import dev.tollgate.client.TollgateClient;
import dev.tollgate.client.TollgateException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes on one PostgreSQL, each in its own process, behind the Java SDK with a failover URL; writes (channels
 * created) flow while one node is killed with SIGKILL. The other keeps answering, no write the SDK acknowledged is
 * lost, and the killed node, restarted on its port, serves every one of them. Figures printed (docs/reliability.md).
 */
class WhenANodeIsKilledUnderLoad {
    @TempDir
    Path firstDirectory;

    @TempDir
    Path secondDirectory;

    final List<Process> nodes = new ArrayList<>();

    @AfterEach
    void killNodes() throws InterruptedException {
        for (Process node : nodes) {
            node.destroyForcibly();
            node.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private Process startNode(Path directory, int port, String databaseUrl, String... masterKey) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                NodeProcess.class.getName(),
                directory.toString(),
                Integer.toString(port),
                databaseUrl));
        command.addAll(List.of(masterKey));
        Files.deleteIfExists(directory.resolve(TollgateServer.URL_FILE));
        Process node = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(directory
                        .resolveSibling(directory.getFileName() + ".log")
                        .toFile()))
                .start();
        nodes.add(node);
        return node;
    }

    private static URI awaitUrl(Path directory, Process node) throws Exception {
        Path file = directory.resolve(TollgateServer.URL_FILE);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(file) && Files.size(file) > 0) {
                return URI.create(Files.readString(file).strip());
            }
            assertThat(node.isAlive()).as("the node is running").isTrue();
            Thread.sleep(100);
        }
        throw new AssertionError("no " + TollgateServer.URL_FILE + " in " + directory + " within 60 s");
    }

    @Test
    void theOtherNodeKeepsAnsweringAndNoAcknowledgedWriteIsLost() throws Exception {
        String databaseUrl = Db.POSTGRESQL.config(firstDirectory).databaseUrl().orElseThrow();
        Process first = startNode(firstDirectory, 0, databaseUrl);
        URI firstUrl = awaitUrl(firstDirectory, first);
        String masterKey =
                Files.readString(firstDirectory.resolve("master.key")).strip();
        Process second = startNode(secondDirectory, 0, databaseUrl, masterKey);
        URI secondUrl = awaitUrl(secondDirectory, second);
        String admin = Files.readString(firstDirectory.resolve(TollgateServer.ADMIN_CREDENTIAL_FILE))
                .strip();

        try (TollgateClient client = TollgateClient.builder()
                .baseUrl(firstUrl)
                .failoverUrls(secondUrl.toString())
                .timeout(Duration.ofSeconds(3))
                .build()) {
            CreatedApplication app = client.createApplication(Credentials.admin(admin), "failover", List.of());
            Credentials credentials = Credentials.basic(app.applicationId(), app.secret());

            AtomicBoolean running = new AtomicBoolean(true);
            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            ConcurrentLinkedQueue<Long> acknowledgedAt = new ConcurrentLinkedQueue<>();
            LongAdder failed = new LongAdder();
            ExecutorService writers = Executors.newFixedThreadPool(4);
            List<Future<?>> load = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            for (int w = 0; w < 4; w++) {
                int writer = w;
                load.add(writers.submit(() -> {
                    for (int i = 0; running.get() && System.nanoTime() < deadline; i++) {
                        String alias = "w" + writer + "-" + i;
                        try {
                            Channel created = client.createChannel(credentials, alias);
                            acknowledged.add(created.alias());
                            acknowledgedAt.add(System.nanoTime());
                        } catch (TollgateException e) {
                            failed.increment(); // not acknowledged: the write may or may not exist
                        }
                        pause(10); // a bounded rate: the check afterwards reads every write back, twice
                    }
                }));
            }
            Thread.sleep(3_000);
            int beforeKill = acknowledged.size();
            long killed = System.nanoTime();
            first.destroyForcibly(); // SIGKILL
            first.waitFor(10, TimeUnit.SECONDS);
            Thread.sleep(4_000);
            int afterKill = acknowledged.size();
            long restarting = System.nanoTime();
            Process restarted = startNode(firstDirectory, firstUrl.getPort(), databaseUrl);
            URI rejoined = awaitUrl(firstDirectory, restarted);
            long rejoinedAt = System.nanoTime();
            Thread.sleep(1_000);
            running.set(false);
            for (Future<?> writer : load) {
                writer.get();
            }
            writers.shutdown();

            long longestGap = 0;
            long previous = killed;
            for (long at :
                    acknowledgedAt.stream().sorted().filter(t -> t >= killed).toList()) {
                longestGap = Math.max(longestGap, at - previous);
                previous = at;
                if (at - killed > Duration.ofSeconds(2).toNanos()) {
                    break;
                }
            }
            List<String> missingOnTheSecond = new ArrayList<>();
            List<String> missingOnTheRestarted = new ArrayList<>();
            try (TollgateClient onSecond =
                            TollgateClient.builder().baseUrl(secondUrl).build();
                    TollgateClient onRestarted =
                            TollgateClient.builder().baseUrl(rejoined).build()) {
                for (String alias : acknowledged) {
                    if (!exists(onSecond, credentials, alias)) {
                        missingOnTheSecond.add(alias);
                    }
                    if (!exists(onRestarted, credentials, alias)) {
                        missingOnTheRestarted.add(alias);
                    }
                }
            }
            System.out.printf(
                    "node killed under load: %d writes acknowledged (%d before the kill, %d in the 4 s after it on the"
                            + " other node), %d not acknowledged; first acknowledged write after the kill %d ms later;"
                            + " the killed node rejoined %d ms after its restart; acknowledged writes missing: %d on"
                            + " the other node, %d on the restarted one%n",
                    acknowledged.size(),
                    beforeKill,
                    afterKill - beforeKill,
                    failed.sum(),
                    longestGap / 1_000_000,
                    (rejoinedAt - restarting) / 1_000_000,
                    missingOnTheSecond.size(),
                    missingOnTheRestarted.size());

            assertThat(afterKill).as("the other node keeps answering").isGreaterThan(beforeKill);
            assertThat(missingOnTheSecond).isEmpty();
            assertThat(missingOnTheRestarted).isEmpty();
            assertThat(rejoined.getPort()).isEqualTo(firstUrl.getPort());
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean exists(TollgateClient client, Credentials credentials, String alias) {
        try {
            return client.channel(credentials, alias).channel().alias().equals(alias);
        } catch (TollgateException e) {
            return false;
        }
    }
}
