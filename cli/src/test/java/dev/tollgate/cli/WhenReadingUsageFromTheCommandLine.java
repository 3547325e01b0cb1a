package dev.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.edge.Action;
import dev.tollgate.server.ServerConfig;
import dev.tollgate.server.TollgateServer;
import dev.tollgate.server.internal.usage.JdbcUsageSessionStore;
import dev.tollgate.server.internal.usage.UsageSession;
import dev.tollgate.server.internal.usage.UsageSessionStore;
import dev.tollgate.token.TokenBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tollgate usage} as a separate process, against a server that has recorded a tagged session. */
class WhenReadingUsageFromTheCommandLine {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDirectory;

    TollgateServer server;
    String applicationId;

    @BeforeEach
    void recordATaggedSession() throws Exception {
        server = TollgateServer.start(ServerConfig.of(dataDirectory, 0));
        // What serve does once it has printed its report: the command finds the server through server.url.
        server.announce();
        try (HttpClient http = HttpClient.newHttpClient()) {
            JsonNode app = JSON.readTree(http.send(
                            HttpRequest.newBuilder(URI.create(server.url() + "/v1/admin/applications"))
                                    .header(
                                            "Authorization",
                                            "Bearer " + server.adminCredential().orElseThrow())
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"cli-usage\"}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body());
            applicationId = app.get("applicationId").asText();
            String token = new TokenBuilder()
                    .withApplicationId(applicationId)
                    .withSecret(app.get("secret").asText())
                    .expiresIn(Duration.ofHours(1))
                    .forAuthenticationOnly()
                    .applyTag("customer=acme corp")
                    .build();
            int status = http.send(
                            HttpRequest.newBuilder(URI.create(server.url() + "/v1/sessions"))
                                    .header("Authorization", "Bearer " + token)
                                    .POST(HttpRequest.BodyPublishers.noBody())
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .statusCode();
            assertThat(status).isEqualTo(201);
        }
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void itPrintsTheReportFilteredAndGroupedAsAsked() throws Exception {
        CliProcess.Result result = CliProcess.run(
                "usage",
                "--application",
                applicationId,
                "--tag",
                "customer=acme corp",
                "--group-by",
                "tag,action",
                "--format",
                "json",
                "--data-dir",
                dataDirectory.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode report = JSON.readTree(result.out());
        assertThat(report.get("applicationId").asText()).isEqualTo(applicationId);
        assertThat(report.get("rows").toString())
                .isEqualTo(
                        "[{\"tag\":\"customer=acme corp\",\"action\":\"authenticate\",\"count\":1,\"viewerSessions\":0,\"viewerMinutes\":0,\"publisherSessions\":0,\"publisherMinutes\":0}]");
    }

    /** Two sessions on one channel, as a media server's hooks store them, an hour ago. */
    void recordUsageSessions() {
        UsageSessionStore sessions = new JdbcUsageSessionStore(
                Jdbi.create("jdbc:h2:file:" + dataDirectory.resolve("tollgate") + ";DB_CLOSE_ON_EXIT=FALSE", "sa", ""));
        Instant start = Instant.now().minus(Duration.ofHours(1));
        for (Action action : List.of(Action.SUBSCRIBE, Action.PUBLISH)) {
            String key = action.wireName();
            sessions.open(new UsageSession(
                    "s-" + key,
                    "nginx-rtmp",
                    key,
                    applicationId,
                    Optional.of("news=1"),
                    Optional.empty(),
                    action,
                    "edge",
                    Optional.empty(),
                    "digest",
                    List.of(),
                    Optional.empty(),
                    Optional.empty(),
                    start,
                    start,
                    Optional.empty(),
                    Optional.empty()));
            sessions.close("nginx-rtmp", key, start.plus(Duration.ofSeconds(action == Action.PUBLISH ? 600 : 90)));
        }
    }

    @Test
    void itPrintsATableWithAlignedColumnsByDefault() throws Exception {
        recordUsageSessions();

        CliProcess.Result result = CliProcess.run(
                "usage",
                "--application",
                applicationId,
                "--group-by",
                "channel",
                "--data-dir",
                dataDirectory.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        List<String> lines = result.out().lines().toList();
        assertThat(lines.getFirst()).startsWith("Usage of " + applicationId + " from ");
        assertThat(lines.subList(1, lines.size()))
                .containsExactly(
                        "CHANNEL  EVENTS  VIEWERS  VIEWER MIN  PUBLISHERS  PUBLISHER MIN",
                        "news=1        0        1         1.5           1             10",
                        "-             1        0           0           0              0");
    }

    @Test
    void itPrintsTheServersCsvWhenAsked() throws Exception {
        recordUsageSessions();

        CliProcess.Result result = CliProcess.run(
                "usage",
                "--application",
                applicationId,
                "--group-by",
                "channel",
                "--format",
                "csv",
                "--data-dir",
                dataDirectory.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out())
                .isEqualTo("channel,count,viewerSessions,viewerMinutes,publisherSessions,publisherMinutes\r\n"
                        + "news=1,0,1,1.5,1,10\r\n"
                        + ",1,0,0,0,0\r\n");
    }

    @Test
    void anUnknownFormatIsRefused() throws Exception {
        CliProcess.Result result = CliProcess.run(
                "usage", "--application", applicationId, "--format", "xml", "--data-dir", dataDirectory.toString());

        assertThat(result.exitCode()).isEqualTo(Tollgate.REJECTED);
        assertThat(result.err()).contains("invalid-parameter: --format must be table, json or csv");
    }

    @Test
    void aBadGroupingIsRefusedWithTheServersCode() throws Exception {
        CliProcess.Result result = CliProcess.run(
                "usage",
                "--application",
                applicationId,
                "--group-by",
                "customer",
                "--data-dir",
                dataDirectory.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("invalid-parameter");
    }

    @Test
    void commaSeparatedActionsAndASpacedGroupingAreReadAsTheServerReadsThem() throws Exception {
        CliProcess.Result result = CliProcess.run(
                "usage",
                "--application",
                applicationId,
                "--action",
                "authenticate,publish",
                "--group-by",
                "action, tag",
                "--format",
                "json",
                "--data-dir",
                dataDirectory.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(JSON.readTree(result.out()).get("rows").toString())
                .isEqualTo(
                        "[{\"action\":\"authenticate\",\"tag\":\"customer=acme corp\",\"count\":1,\"viewerSessions\":0,\"viewerMinutes\":0,\"publisherSessions\":0,\"publisherMinutes\":0}]");
    }

    @Test
    void aRangeThatEndsBeforeItStartsIsRefusedWithTheServersCode() throws Exception {
        CliProcess.Result result = CliProcess.run(
                "usage",
                "--application",
                applicationId,
                "--from",
                "2026-11-22",
                "--to",
                "2026-11-21T23:00:00Z",
                "--data-dir",
                dataDirectory.toString());

        assertThat(result.exitCode()).isEqualTo(Tollgate.REJECTED);
        assertThat(result.out()).isEmpty();
        assertThat(result.err().strip()).isEqualTo("tollgate usage: invalid-time-range: to must be after from");
    }
}
