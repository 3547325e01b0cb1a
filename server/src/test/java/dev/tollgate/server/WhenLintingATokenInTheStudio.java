package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.server.TestServer.App;
import dev.tollgate.server.TestServer.Reply;
import dev.tollgate.server.internal.minting.TokenLint;
import dev.tollgate.token.TokenBuilder;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /v1/dashboard/lint}: the studio's linter, over the options the API mints from or a token. */
class WhenLintingATokenInTheStudio {
    @TempDir
    Path dataDirectory;

    TestServer server;
    App app;

    @BeforeEach
    void start() {
        server = TestServer.start(ServerConfig.of(dataDirectory, 0), Clock.systemUTC());
        app = server.createApplication("studio");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    JsonNode lint(String body) {
        Reply reply = server.postJson("/v1/dashboard/lint", null, body);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    static List<String> codes(JsonNode answer) {
        List<String> codes = new ArrayList<>();
        answer.get("findings").forEach(finding -> codes.add(finding.get("code").asText()));
        return codes;
    }

    static String severity(JsonNode answer, String code) {
        for (JsonNode finding : answer.get("findings")) {
            if (finding.get("code").asText().equals(code)) {
                return finding.get("severity").asText();
            }
        }
        throw new AssertionError("no finding " + code + " in " + answer);
    }

    @Test
    void aTokenMeantForAnRtmpUrlThatIsTooLongIsAnError() {
        JsonNode answer = lint("{\"kind\":\"digest\",\"options\":{\"applicationId\":\"" + app.id()
                + "\",\"publishingOnly\":true,\"channelAlias\":\"news\",\"carrier\":\"rtmp-url\"}}");

        assertThat(codes(answer)).contains("rtmp-name-too-long");
        assertThat(severity(answer, "rtmp-name-too-long")).isEqualTo("error");
        assertThat(answer.get("size").get("rtmpBytes").asInt()).isGreaterThan(255);
        assertThat(answer.get("size").get("rtmpLimit").asInt()).isEqualTo(255);
    }

    @Test
    void aStreamTokenWithoutDesignationIsAnErrorAndAnEdgeTokenWithoutOneAWarning() {
        JsonNode stream = lint("{\"options\":{\"applicationId\":\"" + app.id() + "\",\"streamingOnly\":true}}");
        JsonNode edge = lint("{\"options\":{\"applicationId\":\"" + app.id() + "\"}}");

        assertThat(severity(stream, "no-designation")).isEqualTo("error");
        assertThat(severity(edge, "no-designation")).isEqualTo("warning");
    }

    @Test
    void anExpiryInThePastOrBeyondAYearIsAnError() {
        JsonNode past = lint("{\"options\":{\"applicationId\":\"" + app.id()
                + "\",\"channelAlias\":\"news\",\"expiresInSeconds\":-60}}");
        JsonNode far = lint(
                "{\"options\":{\"applicationId\":\"" + app.id() + "\",\"channelAlias\":\"news\",\"expiresInSeconds\":"
                        + Duration.ofDays(400).toSeconds() + "}}");

        assertThat(severity(past, "expiry-in-the-past")).isEqualTo("error");
        assertThat(severity(far, "expiry-beyond-edge-limit")).isEqualTo("error");
        assertThat(codes(far)).contains("over-broad-grant");
    }

    @Test
    void aTokenLargerThanAClientCarriesIsWarnedAbout() {
        StringBuilder options = new StringBuilder(
                "{\"options\":{\"applicationId\":\"" + app.id() + "\",\"channelAlias\":\"news\",\"applyTags\":[");
        for (int i = 0; i < 80; i++) {
            options.append(i == 0 ? "" : ",")
                    .append("\"customer-account-number=")
                    .append(i)
                    .append("\"");
        }
        JsonNode answer = lint(options.append("]}}").toString());

        assertThat(codes(answer)).contains("token-too-long-for-client");
        assertThat(answer.get("size").get("bytes").asInt()).isGreaterThan(2048);
    }

    @Test
    void aTokenMadeElsewhereIsLintedAsItIs() {
        String token = new TokenBuilder()
                .withApplicationId(app.id())
                .withSecret(app.secret())
                .expiresInSeconds(600)
                .forPublishingOnly()
                .forTag("region=eu")
                .build();

        JsonNode answer = lint("{\"token\":\"" + token + "\",\"carrier\":\"url\"}");

        assertThat(codes(answer)).contains("over-broad-grant", "rtmp-name-too-long");
        assertThat(answer.get("size").get("bytes").asInt()).isEqualTo(token.length());
    }

    @Test
    void theOptionsAreTheAPIsAndShapeErrorsAreItsErrors() {
        Reply both = server.postJson(
                "/v1/dashboard/lint",
                null,
                "{\"options\":{\"applicationId\":\"a\",\"channel\":\"x\",\"roomAlias\":\"y\"}}");
        Reply unknown = server.postJson("/v1/dashboard/lint", null, "{\"options\":{\"applicationId\":\"a\",\"x\":1}}");
        Reply notAToken = server.postJson("/v1/dashboard/lint", null, "{\"token\":\"hello\"}");

        assertThat(both.status()).isEqualTo(400);
        assertThat(both.json().get("code").asText()).isEqualTo("conflicting-fields");
        assertThat(unknown.json().get("code").asText()).isEqualTo("unknown-field");
        assertThat(notAToken.json().get("code").asText()).isEqualTo("invalid-value");
    }

    @Test
    void everyCodeIsTabledInTheDashboardsDocs() throws java.io.IOException {
        String docs = java.nio.file.Files.readString(Path.of("..", "docs", "dashboard.md"));

        for (String code : TokenLint.CODES) {
            assertThat(docs).as(code).contains("| `" + code + "` |");
        }
    }

    @Test
    void theCodesAreFrozen() {
        assertThat(TokenLint.CODES)
                .containsExactly(
                        "token-too-long-for-client",
                        "rtmp-name-too-long",
                        "url-unsafe-characters",
                        "expiry-in-the-past",
                        "expiry-beyond-edge-limit",
                        "no-designation",
                        "over-broad-grant");
    }
}
