package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.edge.MmdbFixture;
import dev.tollgate.server.TestServer.App;
import dev.tollgate.server.TestServer.Reply;
import dev.tollgate.token.TokenBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Debian's nginx with {@code libnginx-mod-rtmp}, configured as docs/media-servers.md says, gated by a real Tollgate;
 * ffmpeg publishes and plays. One publisher streams to the channel {@code news} for the whole class; the plays, the
 * refusals and the HLS fetches happen while it is live, and the last step stops it and reads the usage sessions.
 * Skipped, saying what to install, without nginx, its RTMP module or ffmpeg.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WhenNginxGatesStreams {
    static final Duration PROCESS_TIMEOUT = Duration.ofSeconds(20);
    static final String TAG = "show:evening";

    @TempDir
    static Path work;

    TestServer server;
    NginxRtmp nginx;
    App app;
    App otherApp;
    MediaProcesses.Running publisher;
    final ListAppender<ILoggingEvent> log = new ListAppender<>();
    final Logger rejections = (Logger) LoggerFactory.getLogger("dev.tollgate.server.rejections");
    final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final AtomicInteger runs = new AtomicInteger();

    @BeforeAll
    void startTollgateNginxAndAPublisher() throws IOException {
        MediaProcesses.assumeNginxRtmpAndFfmpeg();
        // 127.0.0.1 is in France for this server, so a token that denies FR is refused.
        Path geo = MmdbFixture.ipv6("GeoLite2-Country", Instant.parse("2026-11-01T00:00:00Z"))
                .network("127.0.0.0/8", MmdbFixture.country("FR"))
                .writeTo(work.resolve("geo.mmdb"));
        log.start();
        rejections.addAppender(log);
        server = TestServer.start(
                ServerConfig.of(work.resolve("data"), 0)
                        .withGeoDatabase(geo)
                        // Expired means expired: the scenarios with short-lived tokens need no minute of grace.
                        .withClockSkew(Duration.ZERO),
                Clock.systemUTC());
        app = server.createApplication("studio");
        otherApp = server.createApplication("elsewhere");
        createChannel(app, "news");
        createChannel(app, "backup");
        nginx = NginxRtmp.start(server.server.url(), app.id(), work.resolve("nginx"), Duration.ofSeconds(1));
        String publishRef = ref(token(app).forPublishingOnly().applyTag(TAG).build());
        publisher = MediaProcesses.start(
                work.resolve("publisher.log"), publish(nginx.rtmpUrl(app.id(), "news", publishRef), 90));
        try {
            nginx.awaitLive(app.id(), "news", publisher, PROCESS_TIMEOUT);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + rejectionLines(), e);
        }
    }

    @AfterAll
    void stopEverything() {
        rejections.detachAppender(log);
        if (publisher != null) {
            publisher.close();
        }
        if (nginx != null) {
            nginx.close();
        }
        if (server != null) {
            server.close();
        }
        http.close();
    }

    // --- the admitted publish and plays

    @Test
    @Order(1)
    void aPublisherWithATokenReferenceIsAdmitted() {
        assertThat(publisher.isAlive()).as(publisher.output()).isTrue();
        assertThat(rejectionLines()).noneMatch(line -> line.contains("/hooks/nginx-rtmp/publish"));
    }

    @Test
    @Order(2)
    void aPlayerWithAnEdgeTokenReceivesTheStream() {
        Path received = work.resolve("played.ts");
        MediaProcesses.Running player = play(ref(token(app).applyTag(TAG).build()), received, 2);

        assertThat(player.await(PROCESS_TIMEOUT)).as(player.output()).isZero();
        assertThat(seconds(received)).isGreaterThan(1.5);
    }

    @Test
    @Order(3)
    void aPlayerWhoseTokenExpiresKeepsPlayingThroughUpdates() {
        Instant expires = Instant.now().plusSeconds(2);
        String shortLived = ref(token(app).expiresAt(expires).build());
        Path received = work.resolve("outlived.ts");
        MediaProcesses.Running player = play(shortLived, received, 5);

        assertThat(player.await(PROCESS_TIMEOUT)).as(player.output()).isZero();
        assertThat(Instant.now()).isAfter(expires.plusSeconds(2));
        // Five seconds of media: three past the token's expiry, through nginx-rtmp's updates every second.
        assertThat(seconds(received)).isGreaterThan(4.5);
        assertThat(rejectionLines()).noneMatch(line -> line.contains("/hooks/nginx-rtmp/update"));
    }

    // --- refusals: each with its code in Tollgate's log, and no usage session

    @Test
    @Order(10)
    void aStreamTokenCannotPublish() {
        assertPublishRefused(ref(token(app).forStreamingOnly().build()), "wrong-token-type");
    }

    @Test
    @Order(11)
    void aPublishTokenCannotPlay() {
        assertPlayRefused(ref(token(app).forPublishingOnly().build()), "wrong-token-type");
    }

    @Test
    @Order(12)
    void aTokenForAnotherChannelCannotPlay() {
        assertPlayRefused(
                ref(new TokenBuilder()
                        .withApplicationId(app.id())
                        .withSecret(app.secret())
                        .expiresIn(Duration.ofMinutes(5))
                        .forChannelAlias("sports")
                        .build()),
                "designation-mismatch");
    }

    @Test
    @Order(13)
    void anExpiredTokensReferenceCannotPlay() {
        Instant expires = Instant.now().plusSeconds(1);
        String reference = ref(token(app).expiresAt(expires).build());
        while (!Instant.now().isAfter(expires.plusMillis(200))) {
            MediaProcesses.sleep(Duration.ofMillis(100));
        }
        // A reference expires with its token (TokenRefResolver): refused as a credential.
        assertPlayRefused(reference, "unknown-token-ref");
    }

    @Test
    @Order(14)
    void anotherApplicationsTokenCannotPlay() {
        assertPlayRefused(ref(token(otherApp).build()), "application-mismatch");
    }

    @Test
    @Order(15)
    void aTokenForAnotherAddressCannotPlay() {
        assertPlayRefused(ref(token(app).forRemoteAddress("203.0.113.9").build()), "remote-address-mismatch");
    }

    @Test
    @Order(16)
    void aPlayerInADeniedCountryIsRefused() {
        assertPlayRefused(ref(token(app).denyCountries("FR").build()), "country-denied");
    }

    @Test
    @Order(17)
    void aTokenOverItsMaxSessionsIsRefused() {
        String shared = ref(token(app).withCapability("max-sessions=1").build());
        MediaProcesses.Running first = play(shared, work.resolve("first.ts"), 4);
        long before = openPlays();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (openPlays() == before && System.nanoTime() - deadline < 0) {
            MediaProcesses.sleep(Duration.ofMillis(100));
        }

        assertPlayRefused(shared, "too-many-sessions");
        assertThat(first.await(PROCESS_TIMEOUT)).as(first.output()).isZero();
    }

    // --- HLS through auth_request

    @Test
    @Order(20)
    void anHlsPlaylistWithATokenSetsTheCookieThatASegmentPassesWith() {
        String directory = "/hls/" + app.id() + "/news/";
        HttpResponse<String> playlist =
                fetch(directory + "index.m3u8?token=" + ref(token(app).build()), null);

        assertThat(playlist.statusCode()).as(playlist.body()).isEqualTo(200);
        assertThat(playlist.body()).startsWith("#EXTM3U");
        String setCookie = playlist.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie)
                .startsWith("tollgate-hls=")
                .contains("Path=" + directory)
                .contains("HttpOnly");
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        String segment = playlist.body()
                .lines()
                .filter(line -> line.endsWith(".ts"))
                .reduce((a, b) -> b)
                .orElseThrow();

        HttpResponse<String> withCookie = fetch(directory + segment, cookie);
        HttpResponse<String> withoutCookie = fetch(directory + segment, null);
        HttpResponse<String> elsewhere = fetch("/hls/" + app.id() + "/backup/" + segment, cookie);

        assertThat(withCookie.statusCode()).isEqualTo(200);
        assertThat(withCookie.body()).isNotEmpty();
        assertThat(withoutCookie.statusCode()).isEqualTo(401);
        assertThat(elsewhere.statusCode()).isEqualTo(401);
    }

    @Test
    @Order(21)
    void anHlsPlaylistWithoutATokenOrWithAnExpiredOneIsRefused() {
        String directory = "/hls/" + app.id() + "/news/";
        // Over HTTP the whole token fits, percent-encoded: its own expiry is the refusal, not the reference's.
        String expired = token(app).expiresAt(Instant.now().minusSeconds(5)).build();

        HttpResponse<String> none = fetch(directory + "index.m3u8", null);
        HttpResponse<String> late =
                fetch(directory + "index.m3u8?token=" + URLEncoder.encode(expired, StandardCharsets.UTF_8), null);

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(late.statusCode()).isEqualTo(401);
        assertThat(rejectionLines())
                .anyMatch(line -> line.contains("/hooks/http-auth") && line.contains("code=missing-token"))
                .anyMatch(line -> line.contains("/hooks/http-auth") && line.contains("code=expired"));
    }

    // --- afterwards

    @Test
    @Order(30)
    void theUsageSessionsShowThePublishAndThePlaysWithTheirTagAndADuration() {
        Instant from = Instant.now().minus(Duration.ofHours(1));
        publisher.close();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (server.sql("SELECT COUNT(*) FROM usage_sessions WHERE media_server = 'nginx-rtmp' AND ended_at IS NULL")
                > 0) {
            assertThat(System.nanoTime() - deadline)
                    .as("sessions still open after the publisher stopped")
                    .isNegative();
            MediaProcesses.sleep(Duration.ofMillis(100));
        }

        Reply reply = server.get(
                "/v1/usage?from=" + from + "&to=" + Instant.now().plusSeconds(60) + "&groupBy=tag&tag=" + TAG,
                java.util.Map.of("Authorization", app.basic()));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode row = reply.json().get("rows").get(0);
        assertThat(reply.json().get("rows")).hasSize(1);
        assertThat(row.get("tag").asText()).isEqualTo(TAG);
        assertThat(row.get("publisherSessions").asLong()).isEqualTo(1);
        assertThat(row.get("publisherMinutes").asDouble()).isPositive();
        // Of the plays, only the edge-token play of the second step carried the tag.
        assertThat(row.get("viewerSessions").asLong()).isEqualTo(1);
        assertThat(row.get("viewerMinutes").asDouble()).isPositive();
        // Every session nginx ended lasted (publish and plays, through its done calls); the HLS one is still open.
        assertThat(server.sql("SELECT COUNT(*) FROM usage_sessions WHERE ended_at <= started_at"))
                .isZero();
        assertThat(server.sql("SELECT COUNT(*) FROM usage_sessions WHERE action = 'publish'"))
                .isEqualTo(1);
    }

    // --- helpers

    void assertPublishRefused(String token, String code) {
        assertRefused(publish(nginx.rtmpUrl(app.id(), "backup", token), 2), "/hooks/nginx-rtmp/publish", code);
    }

    void assertPlayRefused(String token, String code) {
        Path out = work.resolve("refused-" + runs.incrementAndGet() + ".ts");
        assertRefused(player(token, out, 2), "/hooks/nginx-rtmp/play", code);
    }

    void assertRefused(List<String> command, String path, String code) {
        long sessions = server.sql("SELECT COUNT(*) FROM usage_sessions");
        MediaProcesses.Running client = MediaProcesses.run(
                work.resolve("refused-" + runs.incrementAndGet() + ".log"), PROCESS_TIMEOUT, command);

        assertThat(client.process().exitValue()).as(client.output()).isNotZero();
        assertThat(client.output()).contains("Input/output error");
        assertThat(rejectionLines()).anyMatch(line -> line.contains(path) && line.contains("code=" + code));
        assertThat(server.sql("SELECT COUNT(*) FROM usage_sessions")).isEqualTo(sessions);
    }

    TokenBuilder token(App owner) {
        return new TokenBuilder()
                .withApplicationId(owner.id())
                .withSecret(owner.secret())
                .expiresIn(Duration.ofMinutes(5))
                .forChannelAlias("news");
    }

    String ref(String token) {
        Reply reply = server.postJson("/v1/token-refs", null, "{\"token\":\"" + token + "\"}");
        assertThat(reply.status()).as(reply.body()).isIn(200, 201);
        return reply.json().get("ref").asText();
    }

    void createChannel(App owner, String alias) {
        Reply reply = server.postJson("/v1/channels", owner.basic(), "{\"alias\":\"" + alias + "\"}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    }

    long openPlays() {
        return server.sql("SELECT COUNT(*) FROM usage_sessions WHERE action = 'subscribe' AND ended_at IS NULL");
    }

    static List<String> publish(String url, int seconds) {
        return MediaProcesses.ffmpegPublish(url, seconds);
    }

    List<String> player(String token, Path out, int seconds) {
        return MediaProcesses.ffmpegPlay(nginx.rtmpUrl(app.id(), "news", token), out, seconds);
    }

    MediaProcesses.Running play(String token, Path out, int seconds) {
        return MediaProcesses.start(
                work.resolve("player-" + runs.incrementAndGet() + ".log"), player(token, out, seconds));
    }

    /** The duration of the media in {@code file}, by ffprobe. */
    double seconds(Path file) {
        MediaProcesses.Running probe = MediaProcesses.run(
                work.resolve("probe-" + runs.incrementAndGet() + ".log"),
                PROCESS_TIMEOUT,
                List.of(
                        "ffprobe",
                        "-v",
                        "error",
                        "-show_entries",
                        "format=duration",
                        "-of",
                        "csv=p=0",
                        file.toString()));
        String text = probe.output().strip();
        assertThat(probe.process().exitValue()).as(text).isZero();
        return Double.parseDouble(text.lines().reduce((a, b) -> b).orElseThrow());
    }

    HttpResponse<String> fetch(String path, String cookie) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + nginx.httpPort + path))
                .timeout(Duration.ofSeconds(10));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    List<String> rejectionLines() {
        // AppenderBase.doAppend appends under the appender's lock.
        synchronized (log) {
            return new ArrayList<>(
                    log.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
        }
    }
}
