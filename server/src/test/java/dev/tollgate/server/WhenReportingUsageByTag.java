package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.server.TestServer.App;
import dev.tollgate.server.TestServer.Reply;
import dev.tollgate.token.TokenBuilder;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sessions opened and streams authorised with tagged EdgeAuth tokens show up in {@code GET /v1/usage}: grouped by tag
 * (the default), by action, by UTC day, filtered by tag and action, and only for the application that asks.
 */
class WhenReportingUsageByTag extends ServerScenario {
    App app;
    Instant start;

    @BeforeEach
    void createTheApplication() {
        app = server.createApplication("billing");
        start = clock.instant();
    }

    String authToken(App owner, String... tags) {
        TokenBuilder builder = new TokenBuilder()
                .withApplicationId(owner.id())
                .withSecret(owner.secret())
                .withClock(clock)
                .expiresIn(Duration.ofHours(1))
                .forAuthenticationOnly();
        for (String tag : tags) {
            builder.applyTag(tag);
        }
        return builder.build();
    }

    String streamToken(App owner, String channelAlias, String... tags) {
        TokenBuilder builder = new TokenBuilder()
                .withApplicationId(owner.id())
                .withSecret(owner.secret())
                .withClock(clock)
                .expiresIn(Duration.ofHours(1))
                .forStreamingOnly()
                .forChannelAlias(channelAlias);
        for (String tag : tags) {
            builder.applyTag(tag);
        }
        return builder.build();
    }

    void openSession(String token) {
        Reply reply = server.postJson("/v1/sessions", "Bearer " + token, null);
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    }

    void subscribe(String token, String channelAlias) {
        Reply reply = server.edgeAuthorize(
                "{\"token\":\"" + token + "\",\"request\":{\"action\":\"subscribe\",\"channel\":{\"id\":\"ch-"
                        + channelAlias + "\",\"alias\":\"" + channelAlias + "\"}}}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }

    Reply usage(App caller, String query) {
        return server.get("/v1/usage?" + query, Map.of("Authorization", caller.basic()));
    }

    String range() {
        return "from=" + start.minusSeconds(1) + "&to=" + clock.instant().plusSeconds(1);
    }

    static List<String> rows(Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        List<String> rows = new ArrayList<>();
        for (JsonNode row : reply.json().get("rows")) {
            // No media server reports usage sessions here (WhenReportingUsageSessions does): their measures are zero.
            com.fasterxml.jackson.databind.node.ObjectNode events = row.deepCopy();
            for (String measure : List.of("viewerSessions", "viewerMinutes", "publisherSessions", "publisherMinutes")) {
                assertThat(events.remove(measure)).as(measure).isNotNull();
                assertThat(row.get(measure).asDouble()).as(measure).isZero();
            }
            rows.add(events.toString());
        }
        return rows;
    }

    @Test
    void sessionsOpenedWithTaggedTokensAreCountedPerTag() {
        openSession(authToken(app, "customer=acme-corp", "plan=gold"));
        openSession(authToken(app, "customer=acme-corp"));
        openSession(authToken(app, "customer=globex"));
        openSession(authToken(app));

        Reply reply = usage(app, range());

        assertThat(reply.json().get("applicationId").asText()).isEqualTo(app.id());
        assertThat(reply.json().get("groupBy").toString()).isEqualTo("[\"tag\"]");
        assertThat(reply.json().get("truncated").asBoolean()).isFalse();
        assertThat(rows(reply))
                .containsExactly(
                        "{\"tag\":\"customer=acme-corp\",\"count\":2}",
                        "{\"tag\":\"customer=globex\",\"count\":1}",
                        "{\"tag\":\"plan=gold\",\"count\":1}",
                        "{\"tag\":null,\"count\":1}");
    }

    @Test
    void sessionsOpenedWithClientAccessTokensCountAsUntaggedAuthentications() {
        String api = server.apiToken(app, null);
        String access = server.postJson("/v2/client-access-token", "Bearer " + api, "{}")
                .json()
                .get("access_token")
                .asText();
        openSession(access);

        assertThat(rows(usage(app, range() + "&groupBy=tag,action")))
                .containsExactly("{\"tag\":null,\"action\":\"authenticate\",\"count\":1}");
    }

    @Test
    void theReportFiltersByTagAndByAction() {
        openSession(authToken(app, "customer=acme-corp", "region=eu"));
        subscribe(streamToken(app, "news", "customer=acme-corp", "region=us"), "news");
        subscribe(streamToken(app, "news", "customer=globex", "region=eu"), "news");

        List<String> acme = rows(usage(app, range() + "&tag=customer%3Dacme-corp&groupBy=action"));
        List<String> acmeInEurope =
                rows(usage(app, range() + "&tag=customer%3Dacme-corp&tag=region=eu&groupBy=action"));
        List<String> subscriptions = rows(usage(app, range() + "&action=subscribe"));

        assertThat(acme)
                .containsExactly("{\"action\":\"authenticate\",\"count\":1}", "{\"action\":\"subscribe\",\"count\":1}");
        assertThat(acmeInEurope).containsExactly("{\"action\":\"authenticate\",\"count\":1}");
        assertThat(subscriptions)
                .containsExactly(
                        "{\"tag\":\"customer=acme-corp\",\"count\":1}",
                        "{\"tag\":\"customer=globex\",\"count\":1}",
                        "{\"tag\":\"region=eu\",\"count\":1}",
                        "{\"tag\":\"region=us\",\"count\":1}");
    }

    @Test
    void theReportGroupsByUtcDay() {
        openSession(authToken(app, "customer=acme-corp"));
        clock.advance(Duration.ofDays(1));
        openSession(authToken(app, "customer=acme-corp"));
        subscribe(streamToken(app, "news", "customer=acme-corp"), "news");
        LocalDate first = LocalDate.ofInstant(start, ZoneOffset.UTC);

        List<String> rows = rows(usage(app, range() + "&groupBy=day,action"));

        assertThat(rows)
                .containsExactly(
                        "{\"day\":\"" + first + "\",\"action\":\"authenticate\",\"count\":1}",
                        "{\"day\":\"" + first.plusDays(1) + "\",\"action\":\"authenticate\",\"count\":1}",
                        "{\"day\":\"" + first.plusDays(1) + "\",\"action\":\"subscribe\",\"count\":1}");
    }

    @Test
    void anotherApplicationSeesNoneOfItAndTheAdminSeesItByApplicationId() {
        App other = server.createApplication("competitor");
        openSession(authToken(app, "customer=acme-corp"));

        Reply own = usage(other, range());
        Reply peeking = usage(other, range() + "&applicationId=" + app.id());
        Reply admin = server.get(
                "/v1/usage?" + range() + "&applicationId=" + app.id(),
                Map.of("Authorization", server.adminAuthorization()));

        assertThat(rows(own)).isEmpty();
        assertThat(peeking.status()).isEqualTo(403);
        assertThat(peeking.json().get("code").asText()).isEqualTo("wrong-application");
        assertThat(rows(admin)).containsExactly("{\"tag\":\"customer=acme-corp\",\"count\":1}");
    }

    @Test
    void withoutARangeTheLast24HoursAreCounted() {
        openSession(authToken(app, "customer=acme-corp"));
        clock.advance(Duration.ofHours(25));
        openSession(authToken(app, "customer=globex"));
        clock.advance(Duration.ofSeconds(1));

        assertThat(rows(usage(app, ""))).containsExactly("{\"tag\":\"customer=globex\",\"count\":1}");
    }
}
