package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.server.TestServer.App;
import dev.tollgate.server.TestServer.Reply;
import dev.tollgate.token.TokenBuilder;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * MediaMTX's {@code authHTTPAddress} and SRS's {@code http_hooks} over real HTTP, on H2 and on PostgreSQL. Neither is
 * packaged for Debian, so the requests are the shapes their sources build: MediaMTX's {@code
 * internal/auth/manager.go} {@code authenticateHTTP} (bluenviron/mediamtx at 3e09466) and SRS's {@code
 * trunk/src/app/srs_app_http_hooks.cpp} (ossrs/srs at 101382a), with the values of their documentation's examples.
 */
class WhenMediaMtxAndSrsAskTheHooks extends ServerScenario {
    App app;

    @BeforeEach
    void createTheChannel() {
        app = server.createApplication("studio");
        assertThat(server.postJson("/v1/channels", app.basic(), "{\"alias\":\"news\"}")
                        .status())
                .isEqualTo(201);
    }

    private String token(TokenBuilder builder) {
        return builder.withApplicationId(app.id())
                .withSecret(app.secret())
                .expiresAt(clock.instant().plus(Duration.ofMinutes(10)))
                .forChannelAlias("news")
                .applyTag("show:evening")
                .build();
    }

    private String reference(String token) {
        return server.postJson("/v1/token-refs", null, "{\"token\":\"" + token + "\"}")
                .json()
                .get("ref")
                .asText();
    }

    private Reply mediamtx(String action, String password, String query, String id) {
        return server.postJson(
                "/hooks/mediamtx",
                null,
                "{\"ip\":\"127.0.0.1\",\"user\":\"\",\"password\":\"" + password + "\",\"token\":\"\",\"action\":\""
                        + action + "\",\"path\":\"" + app.id() + "/news\",\"protocol\":\"rtmp\",\"id\":" + id
                        + ",\"query\":\"" + query + "\",\"userAgent\":\"\",\"addedInAFutureVersion\":true}");
    }

    private Reply srs(String event, String clientId, String param) {
        return server.postJson(
                "/hooks/srs/" + event,
                null,
                "{\"server_id\":\"vid-0xk989d\",\"service_id\":\"4ps5lr7m\",\"action\":\"" + event + "\","
                        + "\"client_id\":\"" + clientId + "\",\"ip\":\"127.0.0.1\",\"vhost\":\"__defaultVhost__\","
                        + "\"app\":\"" + app.id() + "\",\"tcUrl\":\"rtmp://127.0.0.1:1935/" + app.id() + "\","
                        + "\"stream\":\"news\",\"param\":\"" + param + "\",\"stream_url\":\"/" + app.id()
                        + "/news\"}");
    }

    private JsonNode liveStreams() {
        return server.get("/v1/channels/news", Map.of("Authorization", app.basic()))
                .json()
                .get("liveStreams");
    }

    @Test
    void mediaMtxAdmitsAPublisherByItsPasswordAndAReaderByItsQueryAndSaysWhyItRefuses() {
        Reply publish = mediamtx(
                "publish", reference(token(new TokenBuilder().forPublishingOnly())), "", "\"6a0c3c5a-0000-4b6f\"");
        Reply read = mediamtx("read", "", "token=" + reference(token(new TokenBuilder())), "null");
        Reply anonymous = mediamtx("read", "", "", "null");
        Reply publishTokenToRead =
                mediamtx("read", reference(token(new TokenBuilder().forPublishingOnly())), "", "null");
        Reply api = mediamtx("api", "", "", "null");

        assertThat(publish.status()).isEqualTo(200);
        assertThat(liveStreams()).hasSize(1);
        assertThat(read.status()).isEqualTo(200);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().get("code").asText()).isEqualTo("missing-token");
        assertThat(publishTokenToRead.status()).isEqualTo(403);
        assertThat(publishTokenToRead.json().get("code").asText()).isEqualTo("wrong-token-type");
        assertThat(api.status()).isEqualTo(403);
        assertThat(api.json().get("code").asText()).isEqualTo("unsupported-action");
    }

    @Test
    void mediaMtxRefusesAnExpiredTokenAndAnotherApplicationsToken() {
        String play = java.net.URLEncoder.encode(token(new TokenBuilder()), java.nio.charset.StandardCharsets.UTF_8);
        App other = server.createApplication("elsewhere");
        String foreign = new TokenBuilder()
                .withApplicationId(other.id())
                .withSecret(other.secret())
                .expiresAt(clock.instant().plus(Duration.ofMinutes(10)))
                .forChannelAlias("news")
                .build();

        Reply wrongApplication = mediamtx("read", reference(foreign), "", "null");
        clock.advance(Duration.ofMinutes(12));
        Reply expired = mediamtx("read", "", "token=" + play, "null");

        assertThat(wrongApplication.status()).isEqualTo(403);
        assertThat(wrongApplication.json().get("code").asText()).isEqualTo("application-mismatch");
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.json().get("code").asText()).isEqualTo("expired");
    }

    @Test
    void srsAdmitsWithABodyOfZeroAndEndsTheStreamOnUnpublish() {
        Reply publish = srs("on_publish", "pub1", "?token=" + reference(token(new TokenBuilder().forPublishingOnly())));
        Reply play = srs("on_play", "play1", "?token=" + reference(token(new TokenBuilder())));

        assertThat(publish.status()).isEqualTo(200);
        assertThat(publish.body()).isEqualTo("0");
        assertThat(play.status()).isEqualTo(200);
        assertThat(play.body()).isEqualTo("0");
        assertThat(liveStreams()).hasSize(1);

        clock.advance(Duration.ofMinutes(2));
        Reply stop = srs("on_stop", "play1", "");
        Reply unpublish = srs("on_unpublish", "pub1", "");

        assertThat(stop.body()).isEqualTo("0");
        assertThat(unpublish.body()).isEqualTo("0");
        assertThat(liveStreams()).isEmpty();
        JsonNode usage = usageByTag();
        assertThat(usage.get("tag").asText()).isEqualTo("show:evening");
        assertThat(usage.get("viewerSessions").asInt()).isEqualTo(1);
        assertThat(usage.get("viewerMinutes").asDouble()).isEqualTo(2.0);
        assertThat(usage.get("publisherSessions").asInt()).isEqualTo(1);
        assertThat(usage.get("publisherMinutes").asDouble()).isEqualTo(2.0);
    }

    /** The one row of {@code GET /v1/usage?groupBy=tag} around now: every session here carries the same tag. */
    private JsonNode usageByTag() {
        Reply usage = server.get(
                "/v1/usage?groupBy=tag&from=" + clock.instant().minus(Duration.ofHours(1)) + "&to="
                        + clock.instant().plus(Duration.ofHours(1)),
                Map.of("Authorization", app.basic()));
        assertThat(usage.status()).as(usage.body()).isEqualTo(200);
        assertThat(usage.json().get("rows")).as(usage.body()).hasSize(1);
        return usage.json().get("rows").get(0);
    }

    @Test
    void srsRefusesWithANonZeroCodeAndA403ThatItLogs() {
        Reply anonymous = srs("on_play", "c1", "");
        Reply streamTokenToPublish = srs("on_publish", "c2", "?token=" + reference(token(new TokenBuilder())));
        Reply mismatch = server.postJson(
                "/hooks/srs/on_play", null, "{\"action\":\"on_publish\",\"client_id\":\"c3\",\"stream\":\"news\"}");

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().get("code").asInt()).isEqualTo(401);
        assertThat(anonymous.json().get("error").asText()).isEqualTo("missing-token");
        assertThat(streamTokenToPublish.status()).isEqualTo(403);
        assertThat(streamTokenToPublish.json().get("code").asInt()).isNotZero();
        assertThat(streamTokenToPublish.json().get("error").asText()).isEqualTo("wrong-token-type");
        assertThat(mismatch.status()).isEqualTo(400);
        assertThat(liveStreams()).isEmpty();
    }
}
