package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Requests as raw bytes, as nginx-rtmp's hooks, nginx's proxy module, HAProxy's checks and hostile clients send them:
 * HTTP/1.0 is answered, a body is never read as a second request, a broken chunked body is a JSON 400 at once, a
 * header section that stalls is closed, a control byte in the request line is a 400, never a 500; and none of it puts
 * a stack trace in the log. Wire-level only, so on H2 alone.
 */
class WhenTheWireIsMalformed {
    static final Duration HEADER_TIMEOUT = Duration.ofSeconds(1);
    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?i)\r\ncontent-length: *(\\d+)\r\n");

    @TempDir
    Path dataDirectory;

    TestServer server;
    ListAppender<ILoggingEvent> log;
    Logger root;

    @BeforeEach
    void startServerAndWatchTheLog() {
        root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        log = new ListAppender<>();
        log.start();
        root.addAppender(log);
        server = TestServer.start(Db.H2.config(dataDirectory).withHeaderTimeout(HEADER_TIMEOUT), Clock.systemUTC());
    }

    @AfterEach
    void stopServerAndCheckTheLog() {
        if (server != null) {
            server.close();
        }
        root.detachAppender(log);
        List<ILoggingEvent> events = List.copyOf(log.list);
        assertThat(events).as("no stack trace in the log").allMatch(event -> event.getThrowableProxy() == null);
        assertThat(events).noneMatch(event -> event.getFormattedMessage().contains("\tat "));
        assertThat(events)
                .filteredOn(event -> event.getLevel().isGreaterOrEqual(Level.ERROR))
                .isEmpty();
    }

    /** One answer read as a client reads it: the head, then Content-Length bytes of body. */
    record Answer(String head, String body) {
        String statusLine() {
            return head.substring(0, head.indexOf("\r\n"));
        }

        int status() {
            return Integer.parseInt(statusLine().split(" ", 3)[1]);
        }
    }

    Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", server.server.port());
        socket.setSoTimeout(5_000);
        return socket;
    }

    static void write(Socket socket, String raw) throws IOException {
        socket.getOutputStream().write(raw.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
    }

    /** Reads one answer; the socket's timeout bounds each read. */
    static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException(
                        "closed before the end of the head: " + head.toString(StandardCharsets.ISO_8859_1));
            }
            head.write(b);
            if (head.size() > 64 * 1024) {
                throw new IOException("head too long");
            }
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        Matcher length = CONTENT_LENGTH.matcher(text);
        byte[] body = length.find() ? in.readNBytes(Integer.parseInt(length.group(1))) : new byte[0];
        return new Answer(text, new String(body, StandardCharsets.UTF_8));
    }

    /** Everything the server sends until it closes the connection. */
    static String readToEnd(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    static void assertBadRequest(Answer answer) {
        assertThat(answer.status()).as(answer.head()).isEqualTo(400);
        assertThat(answer.head()).containsIgnoringCase("content-type: application/json");
        assertThat(answer.body()).startsWith("{\"code\":\"bad-request\",").doesNotContain("Exception");
    }

    @Test
    void anHttp10PostWithoutHostIsAnsweredByItsEndpoint() throws IOException {
        String json = "{\"token\":\"x\"}";
        try (Socket socket = connect()) {
            write(
                    socket,
                    "POST /v1/tokens/verify HTTP/1.0\r\nContent-Type: application/json\r\nContent-Length: "
                            + json.length() + "\r\n\r\n" + json);
            Answer answer = read(socket.getInputStream());

            assertThat(answer.statusLine()).matches("HTTP/1\\.[01] 200 .*");
            assertThat(answer.head()).containsIgnoringCase("content-type: application/json");
            assertThat(answer.body()).startsWith("{");
            // HTTP/1.0 without keep-alive: the connection ends with the answer.
            assertThat(readToEnd(socket.getInputStream())).isEmpty();
        }
    }

    @Test
    void anHttp10GetOfTheHealthCheckIsAnswered() throws IOException {
        try (Socket socket = connect()) {
            write(socket, "GET /health HTTP/1.0\r\n\r\n");
            Answer answer = read(socket.getInputStream());

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body()).contains("\"status\":\"up\"");
        }
    }

    @Test
    void aBodyAnsweredBeforeItIsReadIsNeverReadAsASecondRequest() throws IOException {
        String smuggled = "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n";
        try (Socket socket = connect()) {
            // Refused for its missing credential before its body is read.
            write(
                    socket,
                    "POST /v1/admin/applications HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                            + "Content-Type: application/json\r\nContent-Length: " + smuggled.length() + "\r\n\r\n"
                            + smuggled);
            String all = readToEnd(socket.getInputStream());

            assertThat(all).startsWith("HTTP/1.1 401 ");
            assertThat(Pattern.compile("HTTP/1\\.1 \\d{3}")
                            .matcher(all)
                            .results()
                            .count())
                    .as(all)
                    .isEqualTo(1);
            assertThat(all).doesNotContain("# TYPE");
        }
    }

    @Test
    void aBodyRefusedBeforeItArrivesLeavesTheConnectionUsable() throws IOException {
        String json = "{\"name\":\"late\"}";
        try (Socket socket = connect()) {
            // Refused for its missing credential as soon as its headers are in, while its body is still on the way.
            write(
                    socket,
                    "POST /v1/admin/applications HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                            + "Content-Length: " + json.length() + "\r\n\r\n");
            sleep(Duration.ofMillis(300));
            write(socket, json);
            Answer refused = read(socket.getInputStream());
            write(socket, "GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
            Answer next = read(socket.getInputStream());

            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.head()).doesNotContainIgnoringCase("connection: close");
            assertThat(next.status()).isEqualTo(200);
        }
    }

    @Test
    void conflictingBodyLengthsAndAMissingHostAreRefused() throws IOException {
        String[] requests = {
            // Two lengths, or a length beside chunking: what request smuggling through a proxy relies on.
            "POST /v1/tokens/verify HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
            "POST /v1/tokens/verify HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n"
                    + "0\r\n\r\n",
            // RFC 9110 §7.2: an HTTP/1.1 request without Host is a 400 (HTTP/1.0 needs none).
            "GET /health HTTP/1.1\r\n\r\n",
        };
        for (String raw : requests) {
            try (Socket socket = connect()) {
                write(socket, raw);
                Answer answer = read(socket.getInputStream());

                assertBadRequest(answer);
                assertThat(readToEnd(socket.getInputStream())).isEmpty();
            }
        }
    }

    @Test
    void aChunkSizeThatIsNotHexIsABadRequestAtOnce() throws IOException {
        assertAnsweredWithin(
                Duration.ofSeconds(1),
                "POST /v1/tokens/verify HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n",
                false);
    }

    @Test
    void aChunkCutShortByTheEndOfTheConnectionIsABadRequest() throws IOException {
        assertAnsweredWithin(
                Duration.ofSeconds(1),
                "POST /v1/tokens/verify HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\n10\r\n{}",
                true);
    }

    @Test
    void aChunkWithoutItsClosingLineBreakIsABadRequest() throws IOException {
        assertAnsweredWithin(
                Duration.ofSeconds(1),
                "POST /v1/tokens/verify HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\n2\r\n{}0\r\n\r\n",
                false);
    }

    void assertAnsweredWithin(Duration bound, String raw, boolean endInput) throws IOException {
        try (Socket socket = connect()) {
            long start = System.nanoTime();
            write(socket, raw);
            if (endInput) {
                socket.shutdownOutput();
            }
            Answer answer = read(socket.getInputStream());
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertBadRequest(answer);
            assertThat(took).isLessThan(bound);
        }
    }

    @Test
    void aHeaderSectionThatStallsIsClosed() throws IOException {
        try (Socket socket = connect()) {
            long start = System.nanoTime();
            write(socket, "GET /health HTTP/1.1\r\nHost: x\r\n");
            int first;
            try {
                first = socket.getInputStream().read();
            } catch (SocketTimeoutException stillOpen) {
                throw new AssertionError("the connection is still open after 5 s", stillOpen);
            } catch (IOException reset) {
                first = -1;
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(first).as("nothing but the end of the connection").isEqualTo(-1);
            assertThat(took).isGreaterThanOrEqualTo(HEADER_TIMEOUT.minusMillis(100));
        }
    }

    @Test
    void aHeaderSectionThatTricklesIsClosedAtTheBound() throws IOException {
        try (Socket socket = connect()) {
            socket.setSoTimeout(200);
            byte[] header = "GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: abcdefghijklmnopqrstuvwxyz"
                    .getBytes(StandardCharsets.US_ASCII);
            long start = System.nanoTime();
            boolean closed = false;
            // One byte per 200 ms: the idle timeout would never fire; the bound is on the whole header section.
            for (int i = 0; i < header.length && !closed; i++) {
                try {
                    socket.getOutputStream().write(header[i]);
                    socket.getOutputStream().flush();
                    closed = socket.getInputStream().read() < 0;
                } catch (SocketTimeoutException stillOpen) {
                    // Nothing yet: send the next byte.
                } catch (IOException reset) {
                    closed = true;
                }
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(closed).as("closed within " + took).isTrue();
            assertThat(took).isBetween(HEADER_TIMEOUT.minusMillis(100), HEADER_TIMEOUT.plusMillis(1_500));
        }
    }

    @Test
    void aKeptAliveConnectionServesTheNextRequestThenClosesWhenSilent() throws IOException {
        try (Socket socket = connect()) {
            write(socket, "GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
            Answer first = read(socket.getInputStream());
            sleep(Duration.ofMillis(500));
            write(socket, "GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
            Answer second = read(socket.getInputStream());
            long start = System.nanoTime();
            int next;
            try {
                next = socket.getInputStream().read();
            } catch (SocketTimeoutException stillOpen) {
                throw new AssertionError("the idle connection is still open after 5 s", stillOpen);
            } catch (IOException reset) {
                next = -1;
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(first.status()).isEqualTo(200);
            assertThat(second.status()).isEqualTo(200);
            assertThat(next).isEqualTo(-1);
            assertThat(took).isLessThan(HEADER_TIMEOUT.plusMillis(1_500));
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anEncodedSlashOrControlCharacterInThePathIsABadRequest() throws IOException {
        String[] paths = {"/v1/admin/applications/a%2Fb", "/health%00", "/v1/x%0aFAKE", "/v1/%2e%2e/health"};
        for (String path : paths) {
            try (Socket socket = connect()) {
                write(socket, "GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n");
                Answer answer = read(socket.getInputStream());

                assertThat(answer.status()).as(path).isEqualTo(400);
                assertBadRequest(answer);
            }
        }
    }

    @Test
    void anUnknownVersionTransferCodingOrOversizedHeaderIsRefusedInJsonAsTheClientsFault() throws IOException {
        String[] requests = {
            "GET /health HTTP/1.2\r\nHost: x\r\n\r\n",
            "GET /health HTTP/3.0\r\nHost: x\r\n\r\n",
            "POST /v1/tokens/verify HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n{}",
            "GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n",
        };
        for (String raw : requests) {
            try (Socket socket = connect()) {
                write(socket, raw);
                Answer answer = read(socket.getInputStream());

                assertThat(answer.status()).as(raw.split("\r\n", 2)[0]).isIn(400, 431);
                assertThat(answer.body()).startsWith("{\"code\":\"bad-request\",");
                assertThat(answer.head()).containsIgnoringCase("connection: close");
            }
        }
    }

    @Test
    void anHttpVersionTheServerDoesNotSpeakIsA400NotA5xx() throws IOException {
        // Found by scripts/HostileHttp.java: Jetty's own answer is 505, which counts as a server failure.
        for (String version : new String[] {"HTTP/1.2", "HTTP/1.9", "HTTP/3.0", "HTTP/9.9"}) {
            try (Socket socket = connect()) {
                write(socket, "POST /v1/tokens/verify " + version + "\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}");
                Answer answer = read(socket.getInputStream());

                assertThat(answer.status()).as(version).isEqualTo(400);
                assertBadRequest(answer);
            }
        }
    }

    @Test
    void controlBytesAndNonAsciiInTheRequestLineAreBadRequests() throws IOException {
        String[] requests = {
            "G\u0001T /health HTTP/1.1\r\nHost: x\r\n\r\n",
            "G\u00c9T /health HTTP/1.1\r\nHost: x\r\n\r\n",
            "\u0000GET /health HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET\u0007 /health HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET /hea\u0007lth HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET /h\u00e9alth HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET /health HTTP/1.\u00011\r\nHost: x\r\n\r\n",
        };
        for (String raw : requests) {
            try (Socket socket = connect()) {
                write(socket, raw);
                Answer answer = read(socket.getInputStream());

                assertThat(answer.status()).as(raw).isEqualTo(400);
                assertBadRequest(answer);
            }
        }
    }
}
