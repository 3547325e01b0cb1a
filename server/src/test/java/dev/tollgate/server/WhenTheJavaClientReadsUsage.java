package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.client.Credentials;
import dev.tollgate.client.OpenedSession;
import dev.tollgate.client.ParticipantInfo;
import dev.tollgate.client.TollgateClient;
import dev.tollgate.client.TollgateException;
import dev.tollgate.client.UsageQuery;
import dev.tollgate.client.UsageReport;
import dev.tollgate.server.TestServer.App;
import dev.tollgate.token.TokenBuilder;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SDK's {@code usage(credentials, query)} against the real server: the application's own report, by tag. */
class WhenTheJavaClientReadsUsage extends ServerScenario {
    App app;
    TollgateClient client;
    Instant start;

    @BeforeEach
    void connect() {
        app = server.createApplication("sdk-usage");
        client = TollgateClient.builder().baseUrl(server.server.url()).build();
        start = clock.instant();
    }

    OpenedSession open(String... tags) {
        TokenBuilder builder = new TokenBuilder()
                .withApplicationId(app.id())
                .withSecret(app.secret())
                .withClock(clock)
                .expiresIn(Duration.ofHours(1))
                .forAuthenticationOnly();
        for (String tag : tags) {
            builder.applyTag(tag);
        }
        return client.openSession(builder.build(), ParticipantInfo.of("viewer", "Viewer"));
    }

    @Test
    void itReadsViewerAndPublisherMinutesByChannelAndAsCsv() {
        Instant from = start.minusSeconds(1);
        var sessions = server.usageSessions();
        sessions.open(UsageSessions.open("1", app.id(), "ch-1", dev.tollgate.edge.Action.SUBSCRIBE, start));
        sessions.close("nginx-rtmp", "1", start.plusSeconds(90));
        sessions.open(UsageSessions.open("2", app.id(), "ch-1", dev.tollgate.edge.Action.PUBLISH, start));
        sessions.close("nginx-rtmp", "2", start.plusSeconds(120));
        UsageQuery query = UsageQuery.builder()
                .between(from, start.plusSeconds(600))
                .groupBy("channel", "application")
                .build();

        UsageReport report = client.usage(Credentials.basic(app.id(), app.secret()), query);
        String csv = client.usageCsv(Credentials.basic(app.id(), app.secret()), query);

        assertThat(report.rows())
                .containsExactly(new UsageReport.Row(
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of("ch-1"),
                        Optional.of(app.id()),
                        0,
                        1,
                        1.5,
                        1,
                        2.0));
        assertThat(csv)
                .isEqualTo("channel,application,count,viewerSessions,viewerMinutes,publisherSessions,"
                        + "publisherMinutes\r\nch-1," + app.id() + ",0,1,1.5,1,2\r\n");
    }

    @Test
    void itReadsTheApplicationsSessionsByTagAndDay() {
        open("customer=acme corp", "plan=gold");
        open("customer=acme corp");
        open();
        Instant end = clock.instant().plusSeconds(1);

        UsageReport byTag = client.usage(
                Credentials.basic(app.id(), app.secret()),
                UsageQuery.builder().between(start, end).build());
        UsageReport acmeByDay = client.usage(
                Credentials.basic(app.id(), app.secret()),
                UsageQuery.builder()
                        .between(start, end)
                        .tag("customer=acme corp")
                        .action("authenticate")
                        .groupBy("day", "action")
                        .build());

        assertThat(byTag.applicationId()).isEqualTo(app.id());
        assertThat(byTag.from()).isEqualTo(start);
        assertThat(byTag.groupBy()).containsExactly("tag");
        assertThat(byTag.rows())
                .containsExactly(
                        new UsageReport.Row(Optional.of("customer=acme corp"), Optional.empty(), Optional.empty(), 2),
                        new UsageReport.Row(Optional.of("plan=gold"), Optional.empty(), Optional.empty(), 1),
                        new UsageReport.Row(Optional.empty(), Optional.empty(), Optional.empty(), 1));
        assertThat(acmeByDay.rows())
                .containsExactly(new UsageReport.Row(
                        Optional.empty(),
                        Optional.of("authenticate"),
                        Optional.of(LocalDate.ofInstant(start, ZoneOffset.UTC)),
                        2));
        assertThat(byTag.truncated()).isFalse();
    }

    @Test
    void theAdminCredentialReadsAnyApplicationAndBadCredentialsAreTyped() {
        open("customer=acme-corp");
        Instant end = clock.instant().plusSeconds(1);

        UsageReport admin = client.usage(
                Credentials.bearer(server.admin),
                UsageQuery.builder().between(start, end).applicationId(app.id()).build());
        TollgateException wrong = Assertions.catchThrowableOfType(
                TollgateException.class,
                () -> client.usage(
                        Credentials.basic(app.id(), "not-the-secret"),
                        UsageQuery.builder().build()));

        assertThat(admin.rows()).extracting(UsageReport.Row::count).containsExactly(1L);
        assertThat(wrong.code()).isEqualTo("invalid-client");
        assertThat(wrong.status()).contains(401);
    }
}
