package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.edge.Action;
import dev.tollgate.server.TestServer.App;
import dev.tollgate.server.TestServer.Reply;
import dev.tollgate.server.internal.usage.UsageSessionStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The media servers' usage sessions in {@code GET /v1/usage}: viewer and publisher sessions and minutes, a session that
 * crosses the window counting only its minutes inside it, grouped by channel, application, tag, action and day, and
 * as CSV.
 */
class WhenReportingUsageSessions extends ServerScenario {
    static final Instant FROM = Instant.parse("2026-10-01T00:00:00Z");
    static final Instant TO = Instant.parse("2026-10-02T00:00:00Z");

    App app;
    UsageSessionStore sessions;

    @BeforeEach
    void createTheApplication() {
        app = server.createApplication("minutes");
        sessions = server.usageSessions();
    }

    /** A session from {@code start} to {@code end} (minutes after FROM, negative before it). */
    void session(String key, String channel, Action action, long start, long end, String... tags) {
        sessions.open(UsageSessions.open(key, app.id(), channel, action, FROM.plus(Duration.ofMinutes(start)), tags));
        sessions.close("nginx-rtmp", key, FROM.plus(Duration.ofMinutes(end)));
    }

    Reply usage(String query) {
        return server.get("/v1/usage?from=" + FROM + "&to=" + TO + "&" + query, Map.of("Authorization", app.basic()));
    }

    static List<String> rows(Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        List<String> rows = new ArrayList<>();
        for (JsonNode row : reply.json().get("rows")) {
            rows.add(row.toString());
        }
        return rows;
    }

    @Test
    void sessionsCountOnlyTheirMinutesInsideTheWindow() {
        session("inside", "ch-1", Action.SUBSCRIBE, 60, 90);
        session("across-from", "ch-1", Action.SUBSCRIBE, -30, 15);
        session("across-to", "ch-1", Action.PUBLISH, 24 * 60 - 10, 24 * 60 + 50);
        session("before", "ch-1", Action.SUBSCRIBE, -90, -10);
        session("after", "ch-1", Action.SUBSCRIBE, 24 * 60, 24 * 60 + 5);

        assertThat(rows(usage("groupBy=channel")))
                .containsExactly("{\"channel\":\"ch-1\",\"count\":0,\"viewerSessions\":2,\"viewerMinutes\":45,"
                        + "\"publisherSessions\":1,\"publisherMinutes\":10}");
    }

    @Test
    void anOpenSessionCountsUntilItsLastSignOfLife() {
        sessions.open(UsageSessions.open("open", app.id(), "ch-1", Action.SUBSCRIBE, FROM.minusSeconds(600)));
        sessions.touch("nginx-rtmp", "open", FROM.plusSeconds(90));

        assertThat(rows(usage("groupBy=action")))
                .containsExactly("{\"action\":\"subscribe\",\"count\":0,\"viewerSessions\":1,\"viewerMinutes\":1.5,"
                        + "\"publisherSessions\":0,\"publisherMinutes\":0}");
    }

    @Test
    void sessionsAreGroupedByChannelTagAndDayWithoutAChannelOrTagLast() {
        session("a", "ch-b", Action.SUBSCRIBE, 0, 2, "customer=acme");
        session("b", "ch-a", Action.SUBSCRIBE, 0, 1, "customer=acme", "plan=gold");
        session("c", null, Action.SUBSCRIBE, -1, 3);

        assertThat(rows(usage("groupBy=channel,tag,day")))
                .containsExactly(
                        "{\"channel\":\"ch-a\",\"tag\":\"customer=acme\",\"day\":\"2026-10-01\",\"count\":0,"
                                + "\"viewerSessions\":1,\"viewerMinutes\":1,\"publisherSessions\":0,"
                                + "\"publisherMinutes\":0}",
                        "{\"channel\":\"ch-a\",\"tag\":\"plan=gold\",\"day\":\"2026-10-01\",\"count\":0,"
                                + "\"viewerSessions\":1,\"viewerMinutes\":1,\"publisherSessions\":0,"
                                + "\"publisherMinutes\":0}",
                        "{\"channel\":\"ch-b\",\"tag\":\"customer=acme\",\"day\":\"2026-10-01\",\"count\":0,"
                                + "\"viewerSessions\":1,\"viewerMinutes\":2,\"publisherSessions\":0,"
                                + "\"publisherMinutes\":0}",
                        "{\"channel\":null,\"tag\":null,\"day\":\"2026-10-01\",\"count\":0,"
                                + "\"viewerSessions\":1,\"viewerMinutes\":3,\"publisherSessions\":0,"
                                + "\"publisherMinutes\":0}");
    }

    @Test
    void aTagOrActionFilterSelectsTheSessionsItNames() {
        session("a", "ch-1", Action.SUBSCRIBE, 0, 2, "customer=acme");
        session("b", "ch-1", Action.PUBLISH, 0, 4, "customer=globex");

        assertThat(rows(usage("groupBy=application&tag=customer%3Dglobex")))
                .containsExactly("{\"application\":\"" + app.id() + "\",\"count\":0,\"viewerSessions\":0,"
                        + "\"viewerMinutes\":0,\"publisherSessions\":1,\"publisherMinutes\":4}");
        assertThat(rows(usage("groupBy=application&action=authenticate"))).isEmpty();
    }

    @Test
    void anotherApplicationsSessionsAreNotCounted() {
        App other = server.createApplication("other");
        sessions.open(UsageSessions.open("x", other.id(), "ch-1", Action.SUBSCRIBE, FROM));
        sessions.close("nginx-rtmp", "x", FROM.plusSeconds(60));

        assertThat(rows(usage("groupBy=channel"))).isEmpty();
    }

    @Test
    void theCsvFormatIsRfc4180WithAHeaderAndFormulaLikeValuesDefused() {
        session("a", "=HYPERLINK(\"x\")", Action.SUBSCRIBE, 0, 2, "note=a,b");
        session("b", "ch-1", Action.PUBLISH, 0, 1, "-1+1");

        Reply reply = usage("groupBy=channel,tag&format=csv");

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.response().headers().firstValue("Content-Type")).contains("text/csv; charset=utf-8");
        assertThat(reply.response().headers().firstValue("Tollgate-Truncated")).contains("false");
        assertThat(reply.body())
                .isEqualTo("channel,tag,count,viewerSessions,viewerMinutes,publisherSessions,publisherMinutes\r\n"
                        + "\"'=HYPERLINK(\"\"x\"\")\",\"note=a,b\",0,1,2,0,0\r\n"
                        + "ch-1,'-1+1,0,0,0,1,1\r\n");
    }

    @Test
    void anUnknownFormatIsRefused() {
        Reply reply = usage("format=xml");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("code").asText()).isEqualTo("invalid-parameter");
    }
}
