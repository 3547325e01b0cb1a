package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.client.ManualClock;
import dev.tollgate.server.TestServer.App;
import dev.tollgate.token.TokenBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Debian {@code icecast2} with URL authentication against Tollgate (on H2; the hook's store calls are the
 * ones every scenario runs on both databases): an ffmpeg {@code icecast://} source admitted through {@code stream_auth}
 * with a publish token's {@code tgr_} reference as its password, a listener admitted with a token in its query and
 * still receiving audio after the token expired, a listener without a token and one with the expired token refused,
 * and the usage sessions of the source and the listener. Skipped when {@code icecast2} or {@code ffmpeg} is missing.
 */
@Timeout(90)
class WhenIcecastGatesASourceAndItsListeners {
    private static final String FFMPEG = "/usr/bin/ffmpeg";
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dataDirectory;

    @TempDir
    Path icecastDirectory;

    final ManualClock clock = new ManualClock(Instant.now());
    TestServer server;
    IcecastProcess icecast;
    Process source;
    App app;

    @BeforeEach
    void startTollgateAndIcecast() {
        assumeTrue(IcecastProcess.installed(), "icecast2 is not installed (apt-get install icecast2): skipped");
        assumeTrue(Files.isExecutable(Path.of(FFMPEG)), "ffmpeg is not installed (apt-get install ffmpeg): skipped");
        // Icecast sends no sign of life between a listener's start and end: a timeout longer than the test keeps the
        // reaper from ending the sessions at their start once the clock jumps past the token's expiry.
        server = TestServer.start(Db.H2.config(dataDirectory).withUsageSessionTimeout(Duration.ofHours(1)), clock);
        app = server.createApplication("radio");
        assertThat(server.postJson("/v1/channels", app.basic(), "{\"alias\":\"news\"}")
                        .status())
                .isEqualTo(201);
        icecast =
                IcecastProcess.start(icecastDirectory, server.server.url() + "/hooks/icecast?application=" + app.id());
    }

    @AfterEach
    void stopEverything() {
        if (source != null) {
            IcecastProcess.stop(source);
        }
        if (icecast != null) {
            icecast.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private String token(TokenBuilder builder) {
        return builder.withApplicationId(app.id())
                .withSecret(app.secret())
                .expiresAt(clock.instant().plus(Duration.ofMinutes(10)))
                .forChannelAlias("news")
                .applyTag("show:morning")
                .build();
    }

    private String reference(String token) {
        TestServer.Reply created = server.postJson("/v1/token-refs", null, "{\"token\":\"" + token + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("ref").asText();
    }

    /** ffmpeg sends a sine tone as Ogg Vorbis, in real time, for at most 40 s. */
    private Process startSource(String password) throws IOException {
        return new ProcessBuilder(
                        FFMPEG,
                        "-hide_banner",
                        "-loglevel",
                        "error",
                        "-re",
                        "-f",
                        "lavfi",
                        "-i",
                        "sine=frequency=440:sample_rate=44100",
                        "-t",
                        "40",
                        "-c:a",
                        "libvorbis",
                        "-content_type",
                        "application/ogg",
                        "-f",
                        "ogg",
                        "icecast://source:" + password + "@127.0.0.1:" + icecast.port + "/news.ogg")
                .redirectErrorStream(true)
                .redirectOutput(icecastDirectory.resolve("ffmpeg.out").toFile())
                .start();
    }

    /** A listener, as a player connects: the status, and while it is admitted the bytes it keeps receiving. */
    private static final class Listener implements AutoCloseable {
        final int status;
        final byte[] head;
        final AtomicLong received = new AtomicLong();
        private final HttpClient http;
        private final InputStream body;

        Listener(String url) {
            http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            try {
                HttpResponse<InputStream> response = http.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                status = response.statusCode();
                body = response.body();
                head = status == 200 ? body.readNBytes(4) : new byte[0];
                received.addAndGet(head.length);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (status == 200) {
                Thread.ofVirtual().start(this::drain);
            }
        }

        private void drain() {
            byte[] buffer = new byte[8192];
            try {
                int read;
                while ((read = body.read(buffer)) >= 0) {
                    received.addAndGet(read);
                }
            } catch (IOException closed) {
                // The test closed the stream, or Icecast ended it.
            }
        }

        @Override
        public void close() {
            try {
                body.close();
            } catch (IOException ignored) {
                // Closing is all that is asked.
            }
            http.close();
        }
    }

    private static void sleep(Duration time) {
        try {
            Thread.sleep(time);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theSourceAndTheListenerAreAdmittedByTokenAndTheListenerOutlivesItsToken() throws IOException {
        String publish = reference(token(new TokenBuilder().forPublishingOnly()));
        String play = token(new TokenBuilder());
        String playQuery = "?token=" + URLEncoder.encode(play, StandardCharsets.UTF_8);

        source = startSource(publish);
        assertThat(icecast.await(WAIT, () -> icecast.isLive("/news.ogg")))
                .as("the source is live; icecast:\n%s\nffmpeg:\n%s", icecast.log(), ffmpegLog())
                .isTrue();

        try (Listener listener = new Listener(icecast.url("/news.ogg" + playQuery))) {
            assertThat(listener.status).isEqualTo(200);
            assertThat(new String(listener.head, StandardCharsets.US_ASCII)).isEqualTo("OggS");

            try (Listener anonymous = new Listener(icecast.url("/news.ogg"))) {
                assertThat(anonymous.status).isEqualTo(401);
            }

            // Past the token's expiry and the default 60 s skew, on Tollgate's clock.
            clock.advance(Duration.ofMinutes(12));
            try (Listener late = new Listener(icecast.url("/news.ogg" + playQuery))) {
                assertThat(late.status).as("the same token, now expired").isEqualTo(401);
            }
            long before = listener.received.get();
            sleep(Duration.ofSeconds(2));
            assertThat(listener.received.get())
                    .as("the admitted listener still receives audio after its token expired")
                    .isGreaterThan(before + 1000);
        }
        IcecastProcess.stop(source);
        assertThat(icecast.await(WAIT, () -> !icecast.isLive("/news.ogg"))).isTrue();

        assertUsageSessions();
    }

    @Test
    void aSourceWithoutAValidPublishTokenIsNotLetOnTheMount() throws IOException, InterruptedException {
        String play = reference(token(new TokenBuilder()));

        source = startSource(play);

        assertThat(source.waitFor(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS))
                .as("ffmpeg gives up")
                .isTrue();
        assertThat(source.exitValue()).isNotZero();
        assertThat(icecast.isLive("/news.ogg")).isFalse();
    }

    /**
     * The report once Icecast's {@code listener_remove} and {@code mount_remove} have ended both sessions: one viewer
     * and one publisher, with the token's applied tag, each 12 minutes on Tollgate's clock (an open session counts no
     * minutes until it ends or shows a sign of life).
     */
    private void assertUsageSessions() {
        String query = "/v1/usage?groupBy=tag&from=" + clock.instant().minus(Duration.ofHours(1)) + "&to="
                + clock.instant().plus(Duration.ofHours(1));
        JsonNode[] row = new JsonNode[1];
        boolean ended = icecast.await(WAIT, () -> {
            TestServer.Reply usage = server.get(query, Map.of("Authorization", app.basic()));
            JsonNode rows = usage.json().get("rows");
            row[0] = rows.size() == 1 ? rows.get(0) : rows;
            return rows.size() == 1
                    && rows.get(0).get("viewerMinutes").asDouble() > 0
                    && rows.get(0).get("publisherMinutes").asDouble() > 0;
        });
        assertThat(ended).as("both sessions ended: %s", row[0]).isTrue();
        assertThat(row[0].get("tag").asText()).isEqualTo("show:morning");
        assertThat(row[0].get("viewerSessions").asInt()).isEqualTo(1);
        assertThat(row[0].get("publisherSessions").asInt()).isEqualTo(1);
        assertThat(row[0].get("viewerMinutes").asDouble()).isBetween(11.9, 12.1);
        assertThat(row[0].get("publisherMinutes").asDouble()).isBetween(11.9, 12.1);
    }

    private String ffmpegLog() {
        try {
            return Files.readString(icecastDirectory.resolve("ffmpeg.out"));
        } catch (IOException e) {
            return "(no ffmpeg output: " + e + ")";
        }
    }
}
