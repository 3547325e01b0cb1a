package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.server.TestServer.App;
import dev.tollgate.server.TestServer.Reply;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /v1/channels} and {@code /v1/rooms} over real HTTP, on H2 and on PostgreSQL. */
class WhenManagingChannels extends ServerScenario {
    App app;

    @BeforeEach
    void createApplication() {
        app = server.createApplication("broadcaster");
    }

    private Reply create(String kinds, String authorization, String alias) {
        return server.postJson("/v1/" + kinds, authorization, "{\"alias\":\"" + alias + "\"}");
    }

    private Reply get(String path, String authorization) {
        return server.get(path, Map.of("Authorization", authorization));
    }

    private Reply delete(String path, String authorization) {
        return server.send("DELETE", path, Map.of("Authorization", authorization), null);
    }

    private static String encoded(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8);
    }

    @Test
    void aCreatedChannelHasAnIdOfTheSeedsShapeInTheConfiguredRegion() {
        Reply created = create("channels", app.basic(), "news");

        assertThat(created.status()).isEqualTo(201);
        JsonNode channel = created.json();
        assertThat(channel.get("id").asText())
                .startsWith("us-northeast#" + app.id() + "#news.")
                .matches("us-northeast#[A-Za-z0-9_-]+#news\\.[A-Za-z0-9_-]{8}");
        assertThat(channel.get("alias").asText()).isEqualTo("news");
        assertThat(channel.get("kind").asText()).isEqualTo("channel");
        assertThat(channel.get("applicationId").asText()).isEqualTo(app.id());
        assertThat(channel.get("createdAt").asText())
                .isEqualTo(java.time.Instant.ofEpochMilli(clock.millis()).toString());
    }

    @Test
    void itIsFoundByItsPercentEncodedIdAndByItsAlias() {
        String id = create("channels", app.basic(), "news").json().get("id").asText();

        Reply byId = get("/v1/channels/" + encoded(id), app.basic());
        Reply byAlias = get("/v1/channels/news", app.basic());

        assertThat(encoded(id)).contains("%23");
        assertThat(byId.status()).isEqualTo(200);
        assertThat(byId.json().get("id").asText()).isEqualTo(id);
        assertThat(byId.json().get("liveStreams").isArray()).isTrue();
        assertThat(byAlias.status()).isEqualTo(200);
        assertThat(byAlias.json().get("id").asText()).isEqualTo(id);
    }

    @Test
    void theLiveOriginStreamsAreShownNewestFirstAndEveryStreamIsListed() {
        String id = create("channels", app.basic(), "news").json().get("id").asText();
        long t = clock.millis();
        server.sql("INSERT INTO origin_streams (id, channel_id, started_at, ended_at) VALUES ('old', '" + id + "', "
                + (t - 3000) + ", " + (t - 2000) + ")");
        server.sql("INSERT INTO origin_streams (id, channel_id, started_at, ended_at) VALUES ('live-1', '" + id + "', "
                + (t - 1000) + ", NULL)");
        server.sql("INSERT INTO origin_streams (id, channel_id, started_at, ended_at) VALUES ('live-2', '" + id + "', "
                + t + ", NULL)");

        Reply shown = get("/v1/channels/news", app.basic());
        Reply streams = get("/v1/channels/" + encoded(id) + "/streams", app.basic());

        assertThat(ids(shown.json().get("liveStreams"))).containsExactly("live-2", "live-1");
        assertThat(streams.status()).isEqualTo(200);
        assertThat(ids(streams.json().get("streams"))).containsExactly("live-2", "live-1", "old");
        JsonNode old = streams.json().get("streams").get(2);
        assertThat(old.get("live").asBoolean()).isFalse();
        assertThat(old.get("endedAt").asText())
                .isEqualTo(java.time.Instant.ofEpochMilli(t - 2000).toString());
        assertThat(streams.json().get("streams").get(0).get("endedAt").isNull()).isTrue();
    }

    @Test
    void aListingHoldsTheApplicationsChannelsOldestFirstAndNoRooms() {
        create("channels", app.basic(), "news");
        clock.advance(java.time.Duration.ofSeconds(1));
        create("channels", app.basic(), "sports");
        create("rooms", app.basic(), "standup");
        create("channels", server.createApplication("other").basic(), "weather");

        Reply list = get("/v1/channels", app.basic());

        assertThat(list.status()).isEqualTo(200);
        List<String> aliases = new ArrayList<>();
        list.json()
                .get("channels")
                .forEach(channel -> aliases.add(channel.get("alias").asText()));
        assertThat(aliases).containsExactly("news", "sports");
        assertThat(list.json().get("truncated").asBoolean()).isFalse();
    }

    @Test
    void aTakenAliasIsRefusedAsAConflictButARoomMayShareIt() {
        create("channels", app.basic(), "news");

        Reply again = create("channels", app.basic(), "news");
        Reply room = create("rooms", app.basic(), "news");

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asText()).isEqualTo("alias-taken");
        assertThat(room.status()).isEqualTo(201);
        assertThat(room.json().get("kind").asText()).isEqualTo("room");
        assertThat(room.json().get("id").asText()).startsWith("us-northeast#" + app.id() + "#news.");
    }

    @Test
    void anAliasOutsideTheRtmpAndUrlSafeCharactersIsRefused() {
        for (String alias : List.of("", "with space", "a/b", "a#b", "a?b", "é", "x".repeat(129))) {
            Reply refused = create("channels", app.basic(), alias);
            assertThat(refused.status()).as(alias).isEqualTo(400);
            assertThat(refused.json().get("code").asText()).as(alias).isEqualTo("invalid-alias");
        }
        assertThat(create("channels", app.basic(), "A-z_0.9" + "x".repeat(121)).status())
                .isEqualTo(201);
    }

    @Test
    void deletingAnswersNoContentAndTheChannelIsGone() {
        String id = create("channels", app.basic(), "news").json().get("id").asText();

        Reply deleted = delete("/v1/channels/" + encoded(id), app.basic());
        Reply again = delete("/v1/channels/" + encoded(id), app.basic());

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertThat(again.status()).isEqualTo(404);
        assertThat(get("/v1/channels/news", app.basic()).status()).isEqualTo(404);
        assertThat(create("channels", app.basic(), "news").status())
                .as("the alias is free again")
                .isEqualTo(201);
    }

    @Test
    void anotherApplicationSeesNeitherTheChannelNorItsAlias() {
        String id = create("channels", app.basic(), "news").json().get("id").asText();
        App other = server.createApplication("other");

        assertThat(get("/v1/channels/" + encoded(id), other.basic()).status()).isEqualTo(404);
        assertThat(get("/v1/channels/news", other.basic()).status()).isEqualTo(404);
        assertThat(delete("/v1/channels/" + encoded(id), other.basic()).status())
                .isEqualTo(404);
        assertThat(get("/v1/channels/news", app.basic()).status()).isEqualTo(200);
        Reply named = get("/v1/channels?applicationId=" + app.id(), other.basic());
        assertThat(named.status()).isEqualTo(403);
        assertThat(named.json().get("code").asText()).isEqualTo("wrong-application");
    }

    @Test
    void aRoomIsNotAChannel() {
        String id = create("rooms", app.basic(), "standup").json().get("id").asText();

        assertThat(get("/v1/channels/" + encoded(id), app.basic()).status()).isEqualTo(404);
        assertThat(get("/v1/rooms/" + encoded(id), app.basic())
                        .json()
                        .get("kind")
                        .asText())
                .isEqualTo("room");
        assertThat(get("/v1/rooms", app.basic()).json().get("rooms").size()).isEqualTo(1);
    }

    @Test
    void anApiTokenActsOnlyWithTheChannelsScope() {
        String allowed = "Bearer " + server.apiToken(app, "channels:manage");
        String other = "Bearer " + server.apiToken(app, "edge:token:create");

        Reply created = create("channels", allowed, "news");
        Reply refused = create("channels", other, "sports");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("applicationId").asText()).isEqualTo(app.id());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("code").asText()).isEqualTo("insufficient-scope");
        assertThat(refused.header("WWW-Authenticate")).contains("scope=\"channels:manage\"");
    }

    @Test
    void theAdminCredentialActsForTheApplicationItNames() {
        String admin = server.adminAuthorization();

        Reply created = server.postJson("/v1/channels?applicationId=" + app.id(), admin, "{\"alias\":\"news\"}");
        Reply unnamed = get("/v1/channels", admin);
        Reply unknown = get("/v1/channels?applicationId=nope", admin);

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("applicationId").asText()).isEqualTo(app.id());
        assertThat(get("/v1/channels/news", app.basic()).status()).isEqualTo(200);
        assertThat(unnamed.status()).isEqualTo(400);
        assertThat(unnamed.json().get("code").asText()).isEqualTo("missing-parameter");
        assertThat(unknown.status()).isEqualTo(404);
    }

    @Test
    void anUnauthenticatedCallerIsRefusedBeforeAnythingIsRead() {
        Reply none = server.get("/v1/channels?bogus=1", Map.of());
        Reply wrong = server.postJson(
                "/v1/channels",
                "Basic "
                        + java.util.Base64.getEncoder()
                                .encodeToString((app.id() + ":wrong").getBytes(StandardCharsets.UTF_8)),
                "{\"alias\":\"news\"}");
        Reply forged = get("/v1/channels", "Bearer not-a-token");

        assertThat(none.status()).isEqualTo(401);
        assertThat(none.json().get("code").asText()).isEqualTo("invalid-client");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.json().get("code").asText()).isEqualTo("invalid-token");
        assertThat(server.sql("SELECT COUNT(*) FROM channels")).isZero();
    }

    @Test
    void anUnknownQueryParameterIsRefused() {
        Reply refused = get("/v1/channels?limit=5", app.basic());

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("code").asText()).isEqualTo("unknown-parameter");
    }

    private static List<String> ids(JsonNode streams) {
        List<String> ids = new ArrayList<>();
        streams.forEach(stream -> ids.add(stream.get("id").asText()));
        return ids;
    }
}
