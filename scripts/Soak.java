import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mixed soak of scripts/soak.sh: at RATE requests a second for MINUTES, in turn, an edge token minted ({@code POST
 * /v1/edge-tokens}), a token verified ({@code POST /v1/tokens/verify}), an HLS playlist admitted by the {@code
 * auth_request} hook with a token reference (a usage session opened), a segment passed by its cookie, an nginx-rtmp
 * play and its done, and a usage report ({@code GET /v1/usage}). Requests are sent on a fixed schedule (open loop), so
 * a slow answer does not slow the offered rate. Prints, for the first and the last minute, each operation's p50 and
 * p99 latency and the server's RSS, plus every unexpected status.
 *
 * <p>Usage: {@code java scripts/Soak.java URL APP_ID SECRET SERVER_PID MINUTES RATE}
 */
public class Soak {
    static final String[] OPERATIONS = {"mint", "verify", "hls-playlist", "hls-segment", "rtmp-play", "rtmp-done", "usage"};

    final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    final URI url;
    final String appId;
    final String basic;
    final Map<String, LongAdder> unexpected = new ConcurrentHashMap<>();
    final Map<Integer, Map<String, List<Long>>> latenciesByMinute = new ConcurrentHashMap<>();
    final AtomicLong sequence = new AtomicLong();
    volatile String token;
    volatile String ref;
    volatile String cookie;

    Soak(URI url, String appId, String secret) {
        this.url = url;
        this.appId = appId;
        this.basic = "Basic " + Base64.getEncoder().encodeToString((appId + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println("usage: java Soak.java URL APP_ID SECRET SERVER_PID MINUTES RATE");
            System.exit(2);
        }
        Soak soak = new Soak(URI.create(args[0]), args[1], args[2]);
        long pid = Long.parseLong(args[3]);
        int minutes = Integer.parseInt(args[4]);
        int rate = Integer.parseInt(args[5]);
        soak.prepare();
        List<Long> rss = new ArrayList<>();
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
        var senders = Executors.newFixedThreadPool(16);
        long start = System.nanoTime();
        long periodNanos = 1_000_000_000L / rate;
        rss.add(rssKb(pid));
        scheduler.scheduleAtFixedRate(() -> rss.add(rssKb(pid)), 60, 60, TimeUnit.SECONDS);
        var ticks = scheduler.scheduleAtFixedRate(() -> {
            long n = soak.sequence.getAndIncrement();
            int minute = (int) ((System.nanoTime() - start) / 60_000_000_000L);
            senders.execute(() -> soak.one(n, minute));
        }, 0, periodNanos, TimeUnit.NANOSECONDS);
        Thread.sleep(TimeUnit.MINUTES.toMillis(minutes));
        ticks.cancel(false);
        senders.shutdown();
        senders.awaitTermination(30, TimeUnit.SECONDS);
        rss.add(rssKb(pid));
        scheduler.shutdownNow();
        soak.report(minutes, rate, rss);
    }

    void prepare() throws Exception {
        HttpResponse<String> channel = send(post("/v1/channels", "{\"alias\":\"news\"}").header("Authorization", basic));
        if (channel.statusCode() != 201 && channel.statusCode() != 409) {
            throw new IllegalStateException("cannot create the channel: " + channel.statusCode() + " " + channel.body());
        }
        token = field(send(post("/v1/edge-tokens", mintBody()).header("Authorization", basic)).body(), "token");
        ref = field(send(post("/v1/token-refs", "{\"token\":\"" + token + "\"}")).body(), "ref");
        HttpResponse<String> playlist = send(hls("/hls/" + appId + "/news/index.m3u8?token=" + ref));
        cookie = playlist.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
    }

    String mintBody() {
        return "{\"channelAlias\":\"news\",\"streamingOnly\":true,\"expiresInSeconds\":3600,\"applyTags\":[\"customer=soak\"]}";
    }

    void one(long n, int minute) {
        String operation = OPERATIONS[(int) (n % OPERATIONS.length)];
        long client = n / OPERATIONS.length;
        HttpRequest.Builder request;
        int expected;
        switch (operation) {
            case "mint" -> {
                request = post("/v1/edge-tokens", mintBody()).header("Authorization", basic);
                expected = 200;
            }
            case "verify" -> {
                request = post("/v1/tokens/verify", "{\"token\":\"" + token + "\"}");
                expected = 200;
            }
            case "hls-playlist" -> {
                request = hls("/hls/" + appId + "/news/index.m3u8?token=" + ref);
                expected = 204;
            }
            case "hls-segment" -> {
                request = hls("/hls/" + appId + "/news/" + n + ".ts").header("Cookie", cookie);
                expected = 204;
            }
            case "rtmp-play", "rtmp-done" -> {
                String event = operation.equals("rtmp-play") ? "play" : "done";
                request = HttpRequest.newBuilder(url.resolve("/hooks/nginx-rtmp/" + event + "?node=soak"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("call=" + event + "&app=" + appId + "&name=news&addr=127.0.0.1"
                                + "&clientid=" + client + "&token=" + URLEncoder.encode(ref, StandardCharsets.UTF_8)));
                expected = 204;
            }
            default -> {
                request = HttpRequest.newBuilder(url.resolve("/v1/usage?groupBy=tag,action")).header("Authorization", basic).GET();
                expected = 200;
            }
        }
        long started = System.nanoTime();
        try {
            HttpResponse<String> answer = send(request);
            long micros = (System.nanoTime() - started) / 1_000;
            latenciesByMinute.computeIfAbsent(minute, m -> new ConcurrentHashMap<>())
                    .computeIfAbsent(operation, o -> java.util.Collections.synchronizedList(new ArrayList<>()))
                    .add(micros);
            if (answer.statusCode() != expected) {
                unexpected.computeIfAbsent(operation + " " + answer.statusCode(), k -> new LongAdder()).increment();
            }
        } catch (IOException e) {
            unexpected.computeIfAbsent(operation + " " + e.getClass().getSimpleName(), k -> new LongAdder()).increment();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    HttpRequest.Builder post(String path, String json) {
        return HttpRequest.newBuilder(url.resolve(path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    HttpRequest.Builder hls(String originalUri) {
        return HttpRequest.newBuilder(url.resolve("/hooks/http-auth")).header("X-Original-URI", originalUri).GET();
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }

    void report(int minutes, int rate, List<Long> rss) {
        System.out.printf("soak: %d min at %d requests/s, %d requests sent%n", minutes, rate, sequence.get());
        int last = latenciesByMinute.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
        // The last minute may be a few requests only (the schedule stops mid-minute): take the last full one.
        int lastFull = Math.max(0, Math.min(last, minutes - 1));
        for (int minute : lastFull == 0 ? new int[] {0} : new int[] {0, lastFull}) {
            Map<String, List<Long>> byOperation = latenciesByMinute.getOrDefault(minute, Map.of());
            List<Long> all = new ArrayList<>();
            StringBuilder line = new StringBuilder();
            for (String operation : OPERATIONS) {
                List<Long> values = new ArrayList<>(byOperation.getOrDefault(operation, List.of()));
                all.addAll(values);
                line.append(String.format(" %s p50=%.2f p99=%.2f;", operation, percentile(values, 50), percentile(values, 99)));
            }
            System.out.printf("minute %d: all p50=%.2f ms p99=%.2f ms (%d requests);%s%n", minute + 1, percentile(all, 50),
                    percentile(all, 99), all.size(), line);
        }
        StringBuilder rssLine = new StringBuilder();
        for (long kb : rss) {
            rssLine.append(kb / 1024).append(' ');
        }
        System.out.println("server RSS by minute (MB): " + rssLine.toString().strip());
        System.out.printf("server RSS: %d MB at the start, %d MB at the end%n", rss.get(0) / 1024, rss.get(rss.size() - 1) / 1024);
        System.out.println("unexpected answers: " + (unexpected.isEmpty() ? "none" : new TreeMap<>(unexpected)));
    }

    static double percentile(List<Long> micros, int p) {
        if (micros.isEmpty()) {
            return Double.NaN;
        }
        List<Long> sorted = new ArrayList<>(micros);
        sorted.sort(null);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index)) / 1000.0;
    }

    static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            // The process is gone.
        }
        return -1;
    }
}
