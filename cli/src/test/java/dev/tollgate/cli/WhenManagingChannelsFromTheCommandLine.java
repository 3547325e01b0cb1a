package dev.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.server.ServerConfig;
import dev.tollgate.server.TollgateServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tollgate channel …} and {@code tollgate room …} as separate processes, against a running server. */
class WhenManagingChannelsFromTheCommandLine {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDirectory;

    TollgateServer server;
    String applicationId;

    @BeforeEach
    void startWithAnApplication() throws Exception {
        server = TollgateServer.start(ServerConfig.of(dataDirectory, 0));
        server.announce();
        applicationId = createApplication("cli-channels");
    }

    private String createApplication(String name) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            JsonNode app = JSON.readTree(http.send(
                            HttpRequest.newBuilder(URI.create(server.url() + "/v1/admin/applications"))
                                    .header(
                                            "Authorization",
                                            "Bearer " + server.adminCredential().orElseThrow())
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\"}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body());
            return app.get("applicationId").asText();
        }
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private CliProcess.Result run(String... args) throws Exception {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--application";
        all[args.length + 1] = applicationId;
        all[args.length + 2] = "--data-dir";
        all[args.length + 3] = dataDirectory.toString();
        return CliProcess.run(all);
    }

    @Test
    void aChannelIsCreatedListedShownByIdAndDeleted() throws Exception {
        CliProcess.Result created = run("channel", "create", "--alias", "news");

        assertThat(created.exitCode()).as(created.err()).isZero();
        JsonNode channel = JSON.readTree(created.out());
        String id = channel.get("id").asText();
        assertThat(id).startsWith("us-northeast#" + applicationId + "#news.");
        assertThat(channel.get("kind").asText()).isEqualTo("channel");

        CliProcess.Result list = run("channel", "list");
        CliProcess.Result shown = run("channel", "show", id);
        CliProcess.Result deleted = run("channel", "delete", id);
        CliProcess.Result gone = run("channel", "show", "news");

        assertThat(JSON.readTree(list.out()).get("channels").get(0).get("id").asText())
                .isEqualTo(id);
        assertThat(shown.exitCode()).as(shown.err()).isZero();
        assertThat(JSON.readTree(shown.out()).get("alias").asText()).isEqualTo("news");
        assertThat(JSON.readTree(shown.out()).get("liveStreams").isArray()).isTrue();
        assertThat(deleted.exitCode()).as(deleted.err()).isZero();
        assertThat(JSON.readTree(deleted.out()).get("deleted").asBoolean()).isTrue();
        assertThat(gone.exitCode()).isEqualTo(1);
        assertThat(gone.err()).contains("not-found");
    }

    @Test
    void aRoomIsItsOwnKindAndATakenAliasIsRefusedWithTheServersCode() throws Exception {
        assertThat(run("room", "create", "--alias", "standup").exitCode()).isZero();

        CliProcess.Result again = run("room", "create", "--alias", "standup");
        CliProcess.Result rooms = run("room", "list");
        CliProcess.Result channels = run("channel", "list");

        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("alias-taken");
        assertThat(JSON.readTree(rooms.out()).get("rooms").get(0).get("kind").asText())
                .isEqualTo("room");
        assertThat(JSON.readTree(channels.out()).get("channels").size()).isZero();
    }

    @Test
    void anInvalidAliasIsRefusedWithTheServersCode() throws Exception {
        CliProcess.Result refused = run("channel", "create", "--alias", "two words");

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("invalid-alias");
    }

    @Test
    void withOneApplicationTheApplicationMayBeLeftOutAndWithTwoItMustBeNamed() throws Exception {
        CliProcess.Result implied =
                CliProcess.run("channel", "create", "--alias", "news", "--data-dir", dataDirectory.toString());

        assertThat(implied.exitCode()).as(implied.err()).isZero();
        assertThat(JSON.readTree(implied.out()).get("applicationId").asText()).isEqualTo(applicationId);

        createApplication("second");
        CliProcess.Result ambiguous = CliProcess.run("channel", "list", "--data-dir", dataDirectory.toString());

        assertThat(ambiguous.exitCode()).isEqualTo(2);
        assertThat(ambiguous.err()).contains("give --application ID").contains(applicationId);
        assertThat(run("channel", "list").exitCode()).isZero();
    }
}
