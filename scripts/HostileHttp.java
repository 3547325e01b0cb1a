import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;

/**
 * Hostile HTTP as a bounded load, over raw sockets: starts {@code ./tollgate serve --port 0} on a fresh data directory,
 * sends REQUESTS hostile requests across every endpoint family (the server's routes, listed below from its router)
 * from CONCURRENCY threads, and stops the server by its PID. Kinds: random bytes, truncated and deeply nested JSON,
 * huge and lying Content-Length, bad chunked encoding, invalid UTF-8, control characters, 64 KB headers, duplicated
 * headers, pipelining, HTTP/1.0 and other versions, garbage methods and paths, broken credentials, and a few slow
 * header senders for a bounded time. A watcher asks {@code GET /health} every 100 ms throughout.
 *
 * <p>Prints the status counts, the 5xx count, the answers carrying a stack trace or a Java class name, {@code /health}
 * availability, the server log's stack-trace lines and its RSS before and after. Exits 1 unless there is no 5xx, no
 * leaked trace, no trace in the log and every health check answered 200 (docs/reliability.md).
 *
 * <p>Usage (from the repository root, JDK 17+): {@code java scripts/HostileHttp.java [REQUESTS=100000]
 * [CONCURRENCY=8] [SEED=1]}
 */
public class HostileHttp {
    /** Every route of the server (its router's table: {@code grep -rn 'routes\.' server/src/main}), {id} = a value. */
    static final String[][] ROUTES = {
        {"GET", "/health"},
        {"GET", "/metrics"},
        {"GET", "/.well-known/jwks.json"},
        {"POST", "/v1/admin/applications"},
        {"GET", "/v1/admin/applications"},
        {"GET", "/v1/admin/applications/{id}"},
        {"DELETE", "/v1/admin/applications/{id}"},
        {"POST", "/v1/admin/applications/{id}/client-access-token"},
        {"POST", "/v1/admin/applications/{id}/rotate-secret"},
        {"POST", "/v1/admin/applications/{id}/retire-secret"},
        {"POST", "/v1/admin/signing-keys/rotate"},
        {"POST", "/v1/auth/token"},
        {"POST", "/oauth2/token"},
        {"POST", "/v2/client-access-token"},
        {"POST", "/v1/edge-tokens"},
        {"POST", "/v1/edge/authorize"},
        {"POST", "/v1/tokens/verify"},
        {"POST", "/v1/token-refs"},
        {"POST", "/v1/channels"},
        {"GET", "/v1/channels"},
        {"GET", "/v1/channels/{id}"},
        {"DELETE", "/v1/channels/{id}"},
        {"GET", "/v1/channels/{id}/streams"},
        {"POST", "/v1/rooms"},
        {"GET", "/v1/rooms/{id}"},
        {"POST", "/v1/sessions"},
        {"PATCH", "/v1/sessions/{id}"},
        {"POST", "/v1/sessions/{id}/conferences"},
        {"PUT", "/v1/sessions/{id}/notifications"},
        {"GET", "/v1/sessions/{id}/notifications"},
        {"GET", "/v1/usage"},
        {"GET", "/hooks/http-auth"},
        {"POST", "/hooks/nginx-rtmp/publish"},
        {"POST", "/hooks/nginx-rtmp/play"},
        {"POST", "/hooks/nginx-rtmp/update"},
        {"POST", "/hooks/nginx-rtmp/done"},
        {"POST", "/hooks/nginx-rtmp/play_done"},
        {"POST", "/hooks/nginx-rtmp/publish_done"},
        {"POST", "/hooks/icecast"},
        {"POST", "/hooks/mediamtx"},
        {"POST", "/hooks/srs/on_publish"},
        {"POST", "/hooks/srs/on_play"},
        {"POST", "/hooks/srs/on_stop"},
        {"GET", "/does-not-exist"},
    };

    /** A stack frame, an exception's name or a package of ours or our libraries': none may reach a client. */
    static final Pattern LEAK = Pattern.compile(
            "\\bat [a-zA-Z_$][\\w$]*(\\.[\\w$]+)+\\(|\\b(java|javax|jdk|sun|org\\.eclipse|com\\.fasterxml|com\\.nimbusds"
                    + "|org\\.h2|org\\.postgresql|org\\.jdbi|com\\.zaxxer|dev\\.tollgate)\\.[a-z]|[A-Z]\\w*(Exception|Error)\\b");

    /** A line of a stack trace in the server's log. */
    static final Pattern LOG_TRACE =
            Pattern.compile("^\\s+at [\\w$.<>]+\\(|^Caused by: |^[a-z][\\w$]*(\\.[\\w$]+)+(Exception|Error)(: |$)");

    final Random seedRandom;
    final String host;
    final int port;
    final Map<String, String> credentials;
    final Map<String, LongAdder> statuses = new ConcurrentHashMap<>();
    final Map<String, LongAdder> kinds = new ConcurrentHashMap<>();
    final Map<String, String> leakExamples = new ConcurrentHashMap<>();
    final Map<String, String> fiveXxExamples = new ConcurrentHashMap<>();
    final LongAdder fiveXx = new LongAdder();
    final LongAdder leaks = new LongAdder();
    final LongAdder sent = new LongAdder();
    final LongAdder noAnswer = new LongAdder();

    HostileHttp(long seed, String host, int port, Map<String, String> credentials) {
        this.seedRandom = new Random(seed);
        this.host = host;
        this.port = port;
        this.credentials = credentials;
    }

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
        Path root = Path.of("").toAbsolutePath();
        if (!Files.isExecutable(root.resolve("tollgate"))) {
            System.err.println("hostile-http: run from the repository root (./tollgate not found)");
            System.exit(2);
        }
        Path data = Files.createTempDirectory("tollgate-hostile");
        Path log = data.resolveSibling(data.getFileName() + "-serve.log");
        Process server = new ProcessBuilder("./tollgate", "serve", "--port", "0", "--data-dir", data.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        int exit = 1;
        try {
            URI url = awaitUrl(data, server);
            long pid = server.pid(); // the launcher execs java: this is the server's JVM
            Map<String, String> credentials = credentials(root, data, url);
            HostileHttp run = new HostileHttp(seed, url.getHost(), url.getPort(), credentials);
            long rssBefore = rssKb(pid);
            Health health = new Health(url.getHost(), url.getPort());
            Thread watcher = new Thread(health, "health-watcher");
            watcher.start();
            long started = System.nanoTime();
            run.load(requests, concurrency);
            double seconds = (System.nanoTime() - started) / 1e9;
            health.stop.set(true);
            watcher.join();
            long rssAfter = rssKb(pid);
            long logTraces = Files.readAllLines(log, StandardCharsets.ISO_8859_1).stream()
                    .filter(line -> LOG_TRACE.matcher(line).find())
                    .count();
            exit = run.report(seconds, health, rssBefore, rssAfter, logTraces, log);
        } finally {
            server.destroy();
            if (!server.waitFor(20, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
            if (exit == 0) {
                deleteTree(data);
                Files.deleteIfExists(log);
            } else {
                System.out.println("kept for inspection: " + data + " and " + log);
            }
        }
        System.exit(exit);
    }

    static URI awaitUrl(Path data, Process server) throws Exception {
        Path file = data.resolve("server.url");
        for (int i = 0; i < 600; i++) {
            if (Files.exists(file) && Files.size(file) > 0) {
                return URI.create(Files.readString(file).strip());
            }
            if (!server.isAlive()) {
                throw new IllegalStateException("tollgate serve exited with " + server.exitValue());
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("tollgate serve wrote no server.url in 120 s");
    }

    /** An application's Basic credential, the admin and the edge credential: authenticated requests go deeper. */
    static Map<String, String> credentials(Path root, Path data, URI url) throws Exception {
        Map<String, String> credentials = new TreeMap<>();
        for (String name : new String[] {"admin", "edge"}) {
            Path file = data.resolve(name + ".token");
            if (Files.exists(file)) {
                credentials.put(name, "Bearer " + Files.readString(file).strip());
            }
        }
        Process create = new ProcessBuilder(
                        "./tollgate", "app", "create", "--name", "hostile", "--data-dir", data.toString(), "--format",
                        "env")
                .directory(root.toFile())
                .redirectErrorStream(true)
                .start();
        String out = new String(create.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        create.waitFor(60, TimeUnit.SECONDS);
        String id = value(out, "APP_ID");
        String secret = value(out, "APP_SECRET");
        if (id != null && secret != null) {
            credentials.put("app", "Basic " + base64(id + ":" + secret));
            credentials.put("appId", id);
        }
        return credentials;
    }

    static String value(String env, String name) {
        for (String line : env.split("\n")) {
            if (line.startsWith(name + "=")) {
                return line.substring(name.length() + 1).replace("'", "").strip();
            }
        }
        return null;
    }

    void load(int requests, int concurrency) throws Exception {
        ExecutorService workers = Executors.newFixedThreadPool(concurrency + 4);
        AtomicLong remaining = new AtomicLong(requests);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
        List<Future<?>> done = new ArrayList<>();
        // A few slow header senders, bounded: one byte every 300 ms for at most 30 s each, twice.
        for (int i = 0; i < 4; i++) {
            done.add(workers.submit(this::slowHeaders));
        }
        for (int w = 0; w < concurrency; w++) {
            long seed = seedRandom.nextLong();
            done.add(workers.submit(() -> {
                Random random = new Random(seed);
                while (remaining.getAndDecrement() > 0 && System.nanoTime() < deadline) {
                    oneRound(random);
                }
                return null;
            }));
        }
        for (Future<?> future : done) {
            future.get();
        }
        workers.shutdown();
    }

    /** One hostile exchange: one connection, one or more requests, every answer read and checked. */
    void oneRound(Random random) {
        int kind = random.nextInt(KINDS.length);
        String name = KINDS[kind];
        kinds.computeIfAbsent(name, k -> new LongAdder()).increment();
        byte[] bytes;
        int expected = 1;
        boolean halfClose = false;
        String[] route = ROUTES[random.nextInt(ROUTES.length)];
        String method = route[0];
        String path = path(random, route[1]);
        switch (name) {
            case "random-bytes" -> {
                bytes = new byte[1 + random.nextInt(4096)];
                random.nextBytes(bytes);
                halfClose = true;
            }
            case "truncated-json" -> {
                String json = validJson(random, route[1]);
                bytes = request(random, method, path, json.substring(0, random.nextInt(json.length() + 1)), "application/json");
            }
            case "nested-json" -> {
                int depth = 1 + random.nextInt(20_000);
                String open = random.nextBoolean() ? "[" : "{\"a\":";
                String close = open.equals("[") ? "]" : "}";
                bytes = request(random, method, path, open.repeat(depth) + "1" + close.repeat(random.nextInt(depth + 1)), "application/json");
            }
            case "huge-content-length" -> {
                String length = pick(random, "99999999999", "9223372036854775807", "9223372036854775808",
                        "18446744073709551616", "-1", "1e9", "0x10", " 5", "5,5", "+5");
                bytes = ascii(method + " " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                        + auth(random) + "Content-Length: " + length + "\r\n\r\n{\"a\":1}");
                halfClose = true;
            }
            case "lying-content-length" -> {
                String body = validJson(random, route[1]);
                int declared = random.nextBoolean() ? body.length() + 1 + random.nextInt(1000) : random.nextInt(Math.max(1, body.length()));
                bytes = ascii(method + " " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                        + auth(random) + "Content-Length: " + declared + "\r\n\r\n" + body);
                expected = declared < body.length() ? 2 : 1;
                halfClose = true;
            }
            case "bad-chunked" -> {
                String chunks = pick(random, "zz\r\nabc\r\n0\r\n\r\n", "5\r\nab\r\n0\r\n\r\n", "FFFFFFFFFFFFFFFFFF\r\nx\r\n",
                        "3;" + "e".repeat(10_000) + "\r\nabc\r\n0\r\n\r\n", "-1\r\nx\r\n0\r\n\r\n", "3\nabc\n0\n\n",
                        "7fffffff\r\n{\"a\":1}", "0\r\nX-Trailer: " + "t".repeat(70_000) + "\r\n\r\n", "3\r\nabc0\r\n\r\n");
                String extra = random.nextBoolean() ? "Content-Length: 12\r\n" : "";
                String te = pick(random, "chunked", "chunked, chunked", "gzip, chunked", "chunked, identity", "xchunked", "CHUNKED");
                bytes = ascii(method + " " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                        + auth(random) + extra + "Transfer-Encoding: " + te + "\r\n\r\n" + chunks);
                halfClose = true;
            }
            case "invalid-utf8" -> {
                byte[] bad = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xED, (byte) 0xA0, (byte) 0x80, (byte) 0xF4, (byte) 0x90};
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                String body = validJson(random, route[1]);
                int where = random.nextInt(4);
                String target = where == 0 ? path + "/" : path;
                writeAscii(out, method + " " + target);
                if (where == 0) {
                    out.write(bad, 0, 1 + random.nextInt(bad.length));
                }
                writeAscii(out, (where == 3 ? "?token=" : "") + (where == 3 ? "" : ""));
                if (where == 3) {
                    out.write(bad, 0, 2);
                }
                writeAscii(out, " HTTP/1.1\r\nHost: x\r\n" + auth(random));
                if (where == 1) {
                    writeAscii(out, "X-Original-URI: /hls/a/");
                    out.write(bad, 0, 3);
                    writeAscii(out, "/index.m3u8\r\n");
                }
                byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
                if (where == 2) {
                    ByteArrayOutputStream b = new ByteArrayOutputStream();
                    b.write(bodyBytes, 0, bodyBytes.length / 2);
                    b.write(bad, 0, 1 + random.nextInt(bad.length));
                    b.write(bodyBytes, bodyBytes.length / 2, bodyBytes.length - bodyBytes.length / 2);
                    bodyBytes = b.toByteArray();
                }
                writeAscii(out, "Content-Type: application/json\r\nContent-Length: " + bodyBytes.length + "\r\n\r\n");
                out.write(bodyBytes, 0, bodyBytes.length);
                bytes = out.toByteArray();
                halfClose = true;
            }
            case "control-characters" -> {
                String c = String.valueOf((char) random.nextInt(0x20));
                int where = random.nextInt(3);
                String body = where == 2 ? validJson(random, route[1]).replace("\"", "\"" + c) : validJson(random, route[1]);
                bytes = ascii(method + " " + path + (where == 0 ? c + "x" : "") + " HTTP/1.1\r\nHost: x\r\n"
                        + (where == 1 ? "X-Original-URI: /hls/a" + c + "/b/c.ts\r\nX-Test: a" + c + "b\r\n" : "")
                        + auth(random) + "Content-Type: application/json\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length
                        + "\r\n\r\n" + body);
                halfClose = true;
            }
            case "64k-header" -> {
                int size = pick(random, 8 * 1024, 16 * 1024, 64 * 1024, 65 * 1024, 256 * 1024);
                String header = random.nextBoolean()
                        ? "X-Big: " + "a".repeat(size) + "\r\n"
                        : ("X-Many: " + "b".repeat(60) + "\r\n").repeat(size / 70);
                bytes = ascii(method + " " + path + " HTTP/1.1\r\nHost: x\r\n" + header + auth(random) + "Content-Length: 0\r\n\r\n");
                halfClose = true;
            }
            case "duplicated-headers" -> {
                String body = validJson(random, route[1]);
                String headers = pick(random,
                        "Content-Length: " + body.length() + "\r\nContent-Length: " + (body.length() + 3) + "\r\n",
                        "Content-Length: " + body.length() + "\r\nContent-Length: " + body.length() + "\r\n",
                        "Content-Length: " + body.length() + "\r\nHost: y\r\n",
                        "Content-Length: " + body.length() + "\r\nContent-Type: text/plain\r\n",
                        "Content-Length: " + body.length() + "\r\nAuthorization: Bearer a\r\nAuthorization: Bearer b\r\n",
                        "Content-Length: " + body.length() + "\r\nX-Original-URI: /a/b/c.ts\r\nX-Original-URI: /x/y/z.ts\r\n",
                        "Content-Length: " + body.length() + "\r\nCookie: tollgate-hls=a\r\nCookie: tollgate-hls=b\r\n");
                bytes = ascii(method + " " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" + auth(random)
                        + headers + "\r\n" + body);
                halfClose = true;
            }
            case "pipelining" -> {
                int count = 2 + random.nextInt(15);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                for (int i = 0; i < count; i++) {
                    String[] r = ROUTES[random.nextInt(ROUTES.length)];
                    byte[] one = request(random, r[0], path(random, r[1]), validJson(random, r[1]), "application/json");
                    out.write(one, 0, one.length);
                }
                bytes = out.toByteArray();
                expected = count;
                halfClose = true;
            }
            case "http-versions" -> {
                String version = pick(random, "HTTP/1.0", "HTTP/1.0", "HTTP/0.9", "HTTP/2.0", "HTTP/3.0", "HTTP/1.2", "HTTP/9.9", "HTTP/1", "http/1.1", "");
                String host = random.nextBoolean() ? "Host: x\r\n" : "";
                String body = validJson(random, route[1]);
                bytes = random.nextInt(8) == 0
                        ? ascii("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n")
                        : ascii(method + " " + path + (version.isEmpty() ? "" : " " + version) + "\r\n" + host + auth(random)
                                + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
                halfClose = true;
            }
            case "garbage-method-and-path" -> {
                String m = pick(random, "GET", "get", "FOO", "CONNECT", "TRACE", "OPTIONS", "HEAD", "M".repeat(5000), "G\u0000T", "PROPFIND");
                String p = pick(random, path, "*", "http://evil/" + path, "//" + path, path + "/../../etc/passwd", path + "%", path + "%zz",
                        path + "%00", "/" + "a/".repeat(20_000), path + "?" + "q=".repeat(30_000), path + "?%", path + ";jsessionid=1", "/%2e%2e/health");
                bytes = ascii(m + " " + p + " HTTP/1.1\r\nHost: x\r\n" + auth(random) + "Content-Length: 0\r\n\r\n");
                halfClose = true;
            }
            default -> { // broken-credentials
                String a = pick(random, "Basic !!!", "Basic " + base64("no-colon"), "Basic " + base64(":"), "Bearer ", "Bearer " + "x".repeat(70_000),
                        "Bearer DIGEST:" + base64("{\"applicationId\":1}"), "Bearer tgr_" + "z".repeat(40), "Basic", "Digest a=b", "Bearer a b c",
                        "Basic " + base64(credentials.getOrDefault("appId", "a") + ":wrong"), "Bearer eyJhbGciOiJub25lIn0.e30.");
                String body = validJson(random, route[1]);
                bytes = ascii(method + " " + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: " + a
                        + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
                halfClose = true;
            }
        }
        exchange(name, bytes, expected, halfClose);
    }

    static final String[] KINDS = {
        "random-bytes", "truncated-json", "nested-json", "huge-content-length", "lying-content-length", "bad-chunked",
        "invalid-utf8", "control-characters", "64k-header", "duplicated-headers", "pipelining", "http-versions",
        "garbage-method-and-path", "broken-credentials"
    };

    String path(Random random, String template) {
        if (!template.contains("{id}")) {
            return template;
        }
        String id = pick(random, "x", credentials.getOrDefault("appId", "app"), "%00", "%ff", "a".repeat(300), "..", "%2F", "ch_1", "-1", "\u00e9");
        return template.replace("{id}", id.equals("\u00e9") ? "%C3%A9" : id);
    }

    String validJson(Random random, String path) {
        String app = credentials.getOrDefault("appId", "app");
        if (path.startsWith("/hooks/nginx-rtmp") || path.startsWith("/hooks/icecast")) {
            return "call=play&app=" + app + "&name=news&clientid=" + random.nextInt(100) + "&addr=127.0.0.1&action=listener_add&mount=/news&token=DIGEST:abc";
        }
        return pick(random,
                "{\"applicationId\":\"" + app + "\",\"channelAlias\":\"news\",\"streamingOnly\":true,\"expiresIn\":60}",
                "{\"token\":\"DIGEST:eyJhcHBsaWNhdGlvbklkIjoiYSIsImRpZ2VzdCI6ImIiLCJ0b2tlbiI6Int9In0=\",\"request\":{\"action\":\"subscribe\",\"channel\":{\"alias\":\"news\"}}}",
                "{\"name\":\"" + "n".repeat(random.nextInt(300)) + "\",\"scopes\":[\"a\",1,null]}",
                "{\"alias\":\"news\",\"x\":[[[[{}]]]],\"y\":1e999999,\"z\":-0.0e-0}",
                "{\"grant_type\":\"client_credentials\",\"expires_in\":99999999999999999999}",
                "{\"action\":\"read\",\"path\":\"" + app + "/news\",\"query\":\"token=%\",\"id\":\"1\"}",
                "{\"client_id\":\"c\",\"app\":\"" + app + "\",\"stream\":\"news\",\"param\":\"?token=%zz\"}");
    }

    String auth(Random random) {
        int which = random.nextInt(4);
        String name = which == 0 ? "app" : which == 1 ? "admin" : which == 2 ? "edge" : null;
        String value = name == null ? null : credentials.get(name);
        return value == null ? "" : "Authorization: " + value + "\r\n";
    }

    byte[] request(Random random, String method, String path, String body, String type) {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        String head = method + " " + path + " HTTP/1.1\r\nHost: x\r\n" + auth(random)
                + (path.startsWith("/hooks/nginx") || path.startsWith("/hooks/icecast")
                        ? "Content-Type: application/x-www-form-urlencoded\r\n"
                        : "Content-Type: " + type + "\r\n")
                + (path.startsWith("/hooks/http-auth") ? "X-Original-URI: /hls/a/news/index.m3u8?token=%\r\n" : "")
                + "Content-Length: " + content.length + "\r\n\r\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeAscii(out, head);
        out.write(content, 0, content.length);
        return out.toByteArray();
    }

    void exchange(String kind, byte[] bytes, int expected, boolean halfClose) {
        sent.increment();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 5_000);
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(bytes);
                out.flush();
                if (halfClose) {
                    socket.shutdownOutput();
                }
            } catch (IOException e) {
                // The server may close while we still write (a 431 or 400 at once): read what it answered.
            }
            InputStream in = socket.getInputStream();
            int answers = 0;
            while (answers < expected) {
                Answer answer = Answer.read(in);
                if (answer == null) {
                    break;
                }
                answers++;
                record(kind, answer);
            }
            if (answers == 0) {
                statuses.computeIfAbsent("closed-without-answer", k -> new LongAdder()).increment();
                noAnswer.increment();
            }
        } catch (SocketTimeoutException e) {
            statuses.computeIfAbsent("timeout", k -> new LongAdder()).increment();
        } catch (IOException e) {
            statuses.computeIfAbsent("io-error (" + e.getClass().getSimpleName() + ")", k -> new LongAdder()).increment();
        }
    }

    void record(String kind, Answer answer) {
        statuses.computeIfAbsent(String.valueOf(answer.status), k -> new LongAdder()).increment();
        if (answer.status >= 500) {
            fiveXx.increment();
            fiveXxExamples.putIfAbsent(kind + " " + answer.status, answer.text());
        }
        if (LEAK.matcher(answer.text()).find()) {
            leaks.increment();
            leakExamples.putIfAbsent(kind, answer.text());
        }
    }

    /** Sends a request's header one byte every 300 ms for at most 30 s, twice; the server must cut it short. */
    Void slowHeaders() {
        byte[] head = ascii("POST /v1/tokens/verify HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nX-Slow: "
                + "s".repeat(200) + "\r\n\r\n");
        for (int round = 0; round < 2; round++) {
            sent.increment();
            kinds.computeIfAbsent("slow-headers", k -> new LongAdder()).increment();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), 5_000);
                socket.setSoTimeout(5_000);
                OutputStream out = socket.getOutputStream();
                int i = 0;
                try {
                    while (i < head.length && System.nanoTime() < end) {
                        out.write(head[i++]);
                        out.flush();
                        Thread.sleep(300);
                    }
                } catch (IOException e) {
                    // Cut off by the server: what we want.
                }
                Answer answer = Answer.read(socket.getInputStream());
                if (answer != null) {
                    record("slow-headers", answer);
                } else {
                    statuses.computeIfAbsent("closed-without-answer", k -> new LongAdder()).increment();
                }
            } catch (IOException e) {
                statuses.computeIfAbsent("io-error (" + e.getClass().getSimpleName() + ")", k -> new LongAdder()).increment();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    int report(double seconds, Health health, long rssBefore, long rssAfter, long logTraces, Path log) {
        System.out.printf("hostile-http: %d requests in %.1f s (%d connections without an answer)%n", sent.sum(), seconds, noAnswer.sum());
        System.out.println("kinds: " + counts(kinds));
        System.out.println("statuses: " + counts(statuses));
        System.out.println("5xx: " + fiveXx.sum());
        fiveXxExamples.forEach((k, v) -> System.out.println("  5xx example (" + k + "): " + v.replace("\r\n", " | ")));
        System.out.println("answers with a stack trace or class name: " + leaks.sum());
        leakExamples.forEach((k, v) -> System.out.println("  leak example (" + k + "): " + v.replace("\r\n", " | ")));
        System.out.printf("/health availability: %d/%d (%.2f %%), slowest %d ms%n", health.ok.sum(), health.total.sum(),
                health.total.sum() == 0 ? 0.0 : 100.0 * health.ok.sum() / health.total.sum(), health.slowestMs.get());
        System.out.println("server log lines with a stack trace: " + logTraces + (logTraces > 0 ? " (" + log + ")" : ""));
        System.out.printf("server RSS: %d MB before, %d MB after%n", rssBefore / 1024, rssAfter / 1024);
        boolean ok = fiveXx.sum() == 0 && leaks.sum() == 0 && logTraces == 0 && health.total.sum() > 0
                && health.ok.sum() == health.total.sum();
        System.out.println(ok ? "hostile-http: ok" : "hostile-http: FAILED");
        return ok ? 0 : 1;
    }

    static String counts(Map<String, LongAdder> map) {
        StringBuilder out = new StringBuilder();
        map.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> out.append(e.getKey()).append('=').append(e.getValue().sum()).append(' '));
        return out.toString().strip();
    }

    /** Asks GET /health every 100 ms on a fresh connection; an answer other than 200 within 2 s is a miss. */
    static final class Health implements Runnable {
        final String host;
        final int port;
        final AtomicBoolean stop = new AtomicBoolean();
        final LongAdder ok = new LongAdder();
        final LongAdder total = new LongAdder();
        final AtomicLong slowestMs = new AtomicLong();

        Health(String host, int port) {
            this.host = host;
            this.port = port;
        }

        @Override
        public void run() {
            while (!stop.get()) {
                long start = System.nanoTime();
                total.increment();
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(host, port), 2_000);
                    socket.setSoTimeout(2_000);
                    socket.getOutputStream().write(ascii("GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
                    Answer answer = Answer.read(socket.getInputStream());
                    if (answer != null && answer.status == 200) {
                        ok.increment();
                    } else {
                        System.out.println("health miss: " + (answer == null ? "no answer" : answer.status));
                    }
                } catch (IOException e) {
                    System.out.println("health miss: " + e);
                }
                slowestMs.accumulateAndGet((System.nanoTime() - start) / 1_000_000, Math::max);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** One HTTP/1.1 answer: status line, headers, body by Content-Length or chunked (or to the end of the stream). */
    record Answer(int status, String head, byte[] body) {
        String text() {
            String b = new String(body, StandardCharsets.ISO_8859_1);
            return head + "\r\n\r\n" + (b.length() > 2000 ? b.substring(0, 2000) : b);
        }

        static Answer read(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int state = 0;
            int b;
            while (state < 4 && (b = in.read()) >= 0) {
                head.write(b);
                state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3)) ? state + 1 : (b == '\r' ? 1 : 0);
                if (head.size() > 256 * 1024) {
                    throw new IOException("answer head too long");
                }
            }
            if (state < 4) {
                return null;
            }
            String text = head.toString(StandardCharsets.ISO_8859_1).strip();
            String[] lines = text.split("\r\n");
            String[] statusLine = lines[0].split(" ", 3);
            if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/")) {
                throw new IOException("not an HTTP answer: " + lines[0]);
            }
            int status = Integer.parseInt(statusLine[1]);
            long length = -1;
            boolean chunked = false;
            for (String line : lines) {
                String lower = line.toLowerCase();
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(line.substring(15).strip());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                }
            }
            byte[] body;
            if (status == 204 || status == 304 || (status >= 100 && status < 200)) {
                body = new byte[0];
            } else if (chunked) {
                body = chunked(in);
            } else if (length >= 0) {
                body = in.readNBytes((int) Math.min(length, 1 << 20));
            } else {
                body = in.readNBytes(1 << 20);
            }
            return new Answer(status, text, body);
        }

        static byte[] chunked(InputStream in) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            while (true) {
                String size = line(in);
                int semicolon = size.indexOf(';');
                int n = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).strip(), 16);
                if (n == 0) {
                    while (!line(in).isEmpty()) {
                        // Trailers.
                    }
                    return out.toByteArray();
                }
                out.write(in.readNBytes(n));
                line(in);
            }
        }

        static String line(InputStream in) throws IOException {
            StringBuilder line = new StringBuilder();
            int b;
            while ((b = in.read()) >= 0 && b != '\n') {
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            return line.toString();
        }
    }

    static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            // Not Linux, or the process is gone.
        }
        return -1;
    }

    @SafeVarargs
    static <T> T pick(Random random, T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static void writeAscii(ByteArrayOutputStream out, String text) {
        byte[] bytes = ascii(text);
        out.write(bytes, 0, bytes.length);
    }

    static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
