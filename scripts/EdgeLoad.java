import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;

/**
 * Bounded load of {@code POST /v1/edge/authorize} for scripts/bench-durability.sh (wrk is not everywhere; this needs
 * only the JDK). Each of CONCURRENCY virtual threads sends one request at a time for SECONDS; every allowed decision
 * records a usage event, so the rate includes the commit. Prints "allowed/s other" on one line: the rate of 200
 * answers and the number of requests that got anything else (or nothing).
 *
 * <p>Usage: java scripts/EdgeLoad.java URL EDGE_CREDENTIAL TOKEN SECONDS CONCURRENCY
 */
public class EdgeLoad {
    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: java EdgeLoad.java URL EDGE_CREDENTIAL TOKEN SECONDS CONCURRENCY");
            System.exit(2);
        }
        URI target = URI.create(args[0] + "/v1/edge/authorize");
        String credential = args[1];
        String body = "{\"token\":\"" + args[2] + "\",\"request\":{\"action\":\"subscribe\",\"channel\":{\"alias\":"
                + "\"my-channel\"}}}";
        Duration length = Duration.ofSeconds(Integer.parseInt(args[3]));
        int concurrency = Integer.parseInt(args[4]);
        LongAdder allowed = new LongAdder();
        LongAdder other = new LongAdder();
        try (HttpClient http = HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5))
                        .build();
                ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            HttpRequest request = HttpRequest.newBuilder(target)
                    .timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + credential)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            long start = System.nanoTime();
            long end = start + length.toNanos();
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < concurrency; i++) {
                done.add(workers.submit(() -> {
                    while (System.nanoTime() < end) {
                        try {
                            int status = http.send(request, HttpResponse.BodyHandlers.discarding())
                                    .statusCode();
                            (status == 200 ? allowed : other).increment();
                        } catch (IOException e) {
                            other.increment();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : done) {
                worker.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("%.0f %d%n", allowed.sum() / seconds, other.sum());
        }
    }
}
