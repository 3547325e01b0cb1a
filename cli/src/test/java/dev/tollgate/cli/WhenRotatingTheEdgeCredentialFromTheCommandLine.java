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
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tollgate edge-credential rotate} as a separate process, against a running server. */
class WhenRotatingTheEdgeCredentialFromTheCommandLine {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDirectory;

    TollgateServer server;

    @BeforeEach
    void start() {
        server = TollgateServer.start(ServerConfig.of(dataDirectory, 0));
        server.announce();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    int edgeStatus(String credential) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(
                            HttpRequest.newBuilder(URI.create(server.url() + "/v1/revocations/feed"))
                                    .header("Authorization", "Bearer " + credential)
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .statusCode();
        }
    }

    @Test
    void itPrintsTheNewCredentialOnceAndTheOldOneStopsAfterTheOverlap() throws Exception {
        String old = server.edgeCredential().orElseThrow();

        CliProcess.Result rotated =
                CliProcess.run("edge-credential", "rotate", "--overlap", "0", "--data-dir", dataDirectory.toString());
        JsonNode answer = JSON.readTree(rotated.out());
        String fresh = answer.get("edgeCredential").asText();

        assertThat(rotated.exitCode()).as(rotated.err()).isZero();
        assertThat(fresh).startsWith("tge_").isNotEqualTo(old);
        assertThat(Files.readString(dataDirectory.resolve("edge.token")).strip())
                .isEqualTo(fresh);
        assertThat(edgeStatus(fresh)).isEqualTo(200);
        assertThat(edgeStatus(old)).isEqualTo(401);
    }

    @Test
    void anOverlapBeyondSevenDaysIsAUsageError() throws Exception {
        CliProcess.Result tooLong =
                CliProcess.run("edge-credential", "rotate", "--overlap", "8d", "--data-dir", dataDirectory.toString());
        CliProcess.Result notADuration = CliProcess.run(
                "edge-credential", "rotate", "--overlap", "soon", "--data-dir", dataDirectory.toString());

        assertThat(tooLong.exitCode()).isEqualTo(2);
        assertThat(tooLong.err()).contains("at most 7d");
        assertThat(notADuration.exitCode()).isEqualTo(2);
        assertThat(edgeStatus(server.edgeCredential().orElseThrow())).isEqualTo(200);
    }
}
