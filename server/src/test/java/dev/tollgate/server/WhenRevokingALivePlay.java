package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.TestServer.App;
import dev.tollgate.server.TestServer.Reply;
import dev.tollgate.token.TokenBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end with Debian's nginx-rtmp (configured as docs/media-servers.md says, {@code notify_update_timeout} 2 s)
 * and ffmpeg: a playing client whose token is revoked through the API is cut within one update interval, and a
 * client playing the same channel with another token goes on. Skipped, saying what to install, without nginx, its
 * RTMP module or ffmpeg.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WhenRevokingALivePlay {
    static final Duration UPDATE = Duration.ofSeconds(2);
    static final Duration PROCESS_TIMEOUT = Duration.ofSeconds(20);

    /**
     * What the cut may take past one update interval: the hook's answer, nginx-rtmp closing the connection, ffmpeg
     * noticing and exiting. Generous for a shared machine; the measured figure is printed.
     */
    static final Duration SLACK = Duration.ofMillis(1_500);

    @TempDir
    static Path work;

    TestServer server;
    NginxRtmp nginx;
    App app;
    MediaProcesses.Running publisher;

    @BeforeAll
    void startTollgateNginxAndAPublisher() {
        MediaProcesses.assumeNginxRtmpAndFfmpeg();
        server = TestServer.start(ServerConfig.of(work.resolve("data"), 0), Clock.systemUTC());
        app = server.createApplication("live-cut");
        Reply channel = server.postJson("/v1/channels", app.basic(), "{\"alias\":\"news\"}");
        assertThat(channel.status()).as(channel.body()).isEqualTo(201);
        nginx = NginxRtmp.start(server.server.url(), app.id(), work.resolve("nginx"), UPDATE);
        publisher = MediaProcesses.start(
                work.resolve("publisher.log"),
                MediaProcesses.ffmpegPublish(
                        nginx.rtmpUrl(
                                app.id(),
                                "news",
                                ref(token().forPublishingOnly().build())),
                        90));
        nginx.awaitLive(app.id(), "news", publisher, PROCESS_TIMEOUT);
    }

    @AfterAll
    void stopEverything() {
        if (publisher != null) {
            publisher.close();
        }
        if (nginx != null) {
            nginx.close();
        }
        if (server != null) {
            server.close();
        }
    }

    TokenBuilder token() {
        return new TokenBuilder()
                .withApplicationId(app.id())
                .withSecret(app.secret())
                .expiresIn(Duration.ofMinutes(5))
                .forChannelAlias("news");
    }

    String ref(String token) {
        Reply reply = server.postJson("/v1/token-refs", null, "{\"token\":\"" + token + "\"}");
        assertThat(reply.status()).as(reply.body()).isIn(200, 201);
        return reply.json().get("ref").asText();
    }

    MediaProcesses.Running play(String name, String token) {
        return MediaProcesses.start(
                work.resolve(name + ".log"),
                MediaProcesses.ffmpegPlay(nginx.rtmpUrl(app.id(), "news", ref(token)), work.resolve(name + ".ts"), 60));
    }

    /** Waits until the player has written media, so that it is playing, not still connecting. */
    void awaitPlaying(String name, MediaProcesses.Running player) {
        Path out = work.resolve(name + ".ts");
        long deadline = System.nanoTime() + PROCESS_TIMEOUT.toNanos();
        try {
            while (!(Files.exists(out) && Files.size(out) > 50_000)) {
                if (System.nanoTime() - deadline > 0 || !player.isAlive()) {
                    throw new AssertionError(name + " is not playing:\n" + player.output() + "\n" + nginx.errorLog());
                }
                MediaProcesses.sleep(Duration.ofMillis(50));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aPlayingClientIsCutWithinOneUpdateIntervalOfTheRevocation() {
        String revoked = token().applyTag("viewer=1").build();
        MediaProcesses.Running cut = play("cut", revoked);
        MediaProcesses.Running kept = play("kept", token().applyTag("viewer=2").build());
        awaitPlaying("cut", cut);
        awaitPlaying("kept", kept);
        // Past the first updates, so that the cut is not the admission's doing.
        MediaProcesses.sleep(UPDATE.plusMillis(500));
        assertThat(cut.isAlive()).as(cut.output()).isTrue();

        long start = System.nanoTime();
        Reply revocation =
                server.postJson("/v1/revocations", app.basic(), "{\"kind\":\"token\",\"token\":\"" + revoked + "\"}");
        assertThat(revocation.status()).as(revocation.body()).isEqualTo(201);
        cut.await(PROCESS_TIMEOUT);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        System.out.println(
                "revoked play cut after " + took.toMillis() + " ms (update interval " + UPDATE.toMillis() + " ms)");
        assertThat(cut.isAlive()).isFalse();
        assertThat(took).isLessThanOrEqualTo(UPDATE.plus(SLACK));
        assertThat(kept.isAlive()).as(kept.output()).isTrue();
        assertThat(server.sql("SELECT COUNT(*) FROM usage_sessions WHERE action = 'subscribe' AND ended_at IS NULL"))
                .isEqualTo(1);
        kept.close();
    }
}
