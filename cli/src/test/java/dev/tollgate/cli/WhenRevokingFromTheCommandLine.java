package dev.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.server.ServerConfig;
import dev.tollgate.server.TollgateServer;
import dev.tollgate.token.TokenBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tollgate revoke …} as separate processes, against a running server. */
class WhenRevokingFromTheCommandLine {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDirectory;

    TollgateServer server;
    String applicationId;
    String secret;

    @BeforeEach
    void startWithAnApplication() throws Exception {
        server = TollgateServer.start(ServerConfig.of(dataDirectory, 0));
        server.announce();
        try (HttpClient http = HttpClient.newHttpClient()) {
            JsonNode app = JSON.readTree(http.send(
                            HttpRequest.newBuilder(URI.create(server.url() + "/v1/admin/applications"))
                                    .header(
                                            "Authorization",
                                            "Bearer " + server.adminCredential().orElseThrow())
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"cli-revoke\"}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body());
            applicationId = app.get("applicationId").asText();
            secret = app.get("secret").asText();
        }
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private CliProcess.Result run(String... args) throws Exception {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--data-dir";
        all[args.length + 1] = dataDirectory.toString();
        return CliProcess.run(all);
    }

    @Test
    void aTokenIsRevokedListedAndWithdrawn() throws Exception {
        String token = new TokenBuilder()
                .withApplicationId(applicationId)
                .withSecret(secret)
                .expiresIn(Duration.ofHours(1))
                .forChannelAlias("news")
                .build();

        CliProcess.Result revoked = run("revoke", "token", token);

        assertThat(revoked.exitCode()).as(revoked.err()).isZero();
        JsonNode entry = JSON.readTree(revoked.out());
        String id = entry.get("id").asText();
        assertThat(id).startsWith("rev_");
        assertThat(entry.get("kind").asText()).isEqualTo("token");
        assertThat(revoked.out()).doesNotContain(token);

        CliProcess.Result listed = run("revoke", "list");
        CliProcess.Result withdrawn = run("revoke", "withdraw", id);
        CliProcess.Result again = run("revoke", "withdraw", id);

        assertThat(JSON.readTree(listed.out())
                        .get("revocations")
                        .get(0)
                        .get("id")
                        .asText())
                .isEqualTo(id);
        assertThat(withdrawn.exitCode()).as(withdrawn.err()).isZero();
        assertThat(JSON.readTree(withdrawn.out()).get("withdrawn").asBoolean()).isTrue();
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("not-found");
    }

    @Test
    void everyMatchKindIsTakenWithAnOptionalEnd() throws Exception {
        CliProcess.Result tag = run("revoke", "tag", "vip", "--ends-at", "2099-01-01T00:00:00Z");
        CliProcess.Result channel = run("revoke", "channel", "news");
        CliProcess.Result room = run("revoke", "room", "standup");
        CliProcess.Result session = run("revoke", "session", "sess-1");
        CliProcess.Result subject = run("revoke", "subject", "alice@example.com");
        CliProcess.Result watermark = run("revoke", "issued-before");

        for (CliProcess.Result result : new CliProcess.Result[] {tag, channel, room, session, subject, watermark}) {
            assertThat(result.exitCode()).as(result.err()).isZero();
        }
        assertThat(JSON.readTree(tag.out()).get("endsAt").asText()).isEqualTo("2099-01-01T00:00:00Z");
        assertThat(JSON.readTree(subject.out()).get("kind").asText()).isEqualTo("subject");
        assertThat(JSON.readTree(run("revoke", "list").out()).get("revocations").size())
                .isEqualTo(6);
    }

    @Test
    void aMalformedInstantIsAUsageErrorAndAWrongShapedMatchIsTheServersCode() throws Exception {
        CliProcess.Result typo = run("revoke", "issued-before", "yesterday");
        CliProcess.Result future = run("revoke", "issued-before", "2099-01-01T00:00:00Z");
        CliProcess.Result forged = run("revoke", "token", "DIGEST:bm90LWEtdG9rZW4=");

        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.err()).contains("ISO-8601");
        assertThat(future.exitCode()).isEqualTo(1);
        assertThat(future.err()).contains("invalid-value");
        assertThat(forged.exitCode()).isEqualTo(1);
        assertThat(forged.err()).contains("invalid-value");
    }
}
