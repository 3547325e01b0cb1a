package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.server.TestServer.App;
import dev.tollgate.server.TestServer.Reply;
import dev.tollgate.token.TokenBuilder;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /v1/dashboard/debug}: any token the platform issues, decoded, verified and simulated. */
class WhenDebuggingAToken {
    @TempDir
    Path dataDirectory;

    TestServer server;
    App app;
    App other;

    @BeforeEach
    void start() {
        server = TestServer.start(ServerConfig.of(dataDirectory, 0), Clock.systemUTC());
        app = server.createApplication("debugged");
        other = server.createApplication("other");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    JsonNode debug(String applicationId, String body) {
        Reply reply = server.postJson(
                "/v1/dashboard/debug?applicationId=" + applicationId, server.adminAuthorization(), body);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
        return reply.json();
    }

    String streamToken(String secret) {
        return new TokenBuilder()
                .withApplicationId(app.id())
                .withSecret(secret)
                .expiresInSeconds(600)
                .forStreamingOnly()
                .forChannelAlias("news")
                .applyTag("customer=acme")
                .build();
    }

    static List<String> checks(JsonNode trace) {
        List<String> names = new ArrayList<>();
        trace.forEach(check -> names.add(
                check.get("check").asText() + ":" + check.get("outcome").asText()));
        return names;
    }

    @Test
    void aDigestTokenIsDecodedVerifiedAndNamedAsThisApplications() {
        JsonNode answer = debug(app.id(), "{\"token\":\"" + streamToken(app.secret()) + "\"}");

        assertThat(answer.get("kind").asText()).isEqualTo("digest");
        assertThat(answer.get("envelope").get("applicationId").asText()).isEqualTo(app.id());
        assertThat(answer.get("claims").get("requiredTag").asText()).isEqualTo("channelAlias:news");
        assertThat(answer.get("signature").get("verified").asBoolean()).isTrue();
        assertThat(answer.get("signature").get("code").asText()).isEqualTo("verified");
        assertThat(answer.get("signature").get("forApplication").asBoolean()).isTrue();
    }

    @Test
    void aForgedDigestIsDecodedButNotVerified() {
        JsonNode answer = debug(app.id(), "{\"token\":\"" + streamToken("not-the-secret") + "\"}");

        assertThat(answer.get("claims").get("type").asText()).isEqualTo("stream");
        assertThat(answer.get("signature").get("verified").asBoolean()).isFalse();
        assertThat(answer.get("signature").get("code").asText()).isEqualTo("bad-digest");
    }

    @Test
    void anotherApplicationsTokenVerifiesButNotForThisOne() {
        JsonNode answer = debug(other.id(), "{\"token\":\"" + streamToken(app.secret()) + "\"}");

        assertThat(answer.get("signature").get("verified").asBoolean()).isTrue();
        assertThat(answer.get("signature").get("forApplication").asBoolean()).isFalse();
    }

    @Test
    void aSimulatedAccessShowsTheDecisionItsOrderedTraceAndTheLocationDatabase() {
        String token = streamToken(app.secret());

        JsonNode allowed = debug(
                app.id(),
                "{\"token\":\"" + token + "\",\"simulate\":{\"action\":\"subscribe\",\"channelAlias\":\"news\","
                        + "\"remoteAddress\":\"8.8.8.8\"}}");
        JsonNode denied = debug(
                app.id(),
                "{\"token\":\"" + token + "\",\"simulate\":{\"action\":\"publish\",\"channelAlias\":\"news\"}}");

        assertThat(allowed.get("simulation").get("decision").asText()).isEqualTo("allowed");
        assertThat(checks(allowed.get("simulation").get("trace"))).first().isEqualTo("token:pass");
        assertThat(denied.get("simulation").get("decision").asText()).isEqualTo("denied");
        assertThat(denied.get("simulation").get("code").asText()).isNotBlank();
        assertThat(checks(denied.get("simulation").get("trace"))).anyMatch(check -> check.endsWith(":fail"));
    }

    @Test
    void aSimulatedCountryIsWhereTheClientIsAndTheTraceNamesTheSimulation() {
        String token = new TokenBuilder()
                .withApplicationId(app.id())
                .withSecret(app.secret())
                .expiresInSeconds(600)
                .forStreamingOnly()
                .forChannelAlias("news")
                .allowCountries("DE")
                .build();
        String access = "{\"token\":\"" + token + "\",\"simulate\":{\"action\":\"subscribe\",\"channelAlias\":\"news\","
                + "\"country\":";

        JsonNode inGermany = debug(app.id(), access + "\"de\"}}");
        JsonNode inFrance = debug(app.id(), access + "\"FR\"}}");
        Reply nowhere = server.postJson(
                "/v1/dashboard/debug?applicationId=" + app.id(), server.adminAuthorization(), access + "\"Germany\"}}");

        assertThat(inGermany.get("simulation").get("decision").asText()).isEqualTo("allowed");
        assertThat(inGermany.get("simulation").get("location").get("country").asText())
                .isEqualTo("DE");
        assertThat(inGermany.get("simulation").get("location").get("database").asText())
                .contains("simulated");
        assertThat(inFrance.get("simulation").get("decision").asText()).isEqualTo("denied");
        assertThat(checks(inFrance.get("simulation").get("trace"))).contains("country-allow:fail");
        assertThat(nowhere.status()).isEqualTo(400);
        assertThat(nowhere.json().get("code").asText()).isEqualTo("invalid-value");
    }

    @Test
    void aReferenceIsVerifiedThroughItsTokenWithoutShowingTheToken() {
        String token = streamToken(app.secret());
        String ref = server.postJson("/v1/token-refs", null, "{\"token\":\"" + token + "\"}")
                .json()
                .get("ref")
                .asText();

        JsonNode answer = debug(app.id(), "{\"token\":\"" + ref + "\"}");

        assertThat(answer.get("kind").asText()).isEqualTo("token-ref");
        assertThat(answer.get("signature").get("verified").asBoolean()).isTrue();
        assertThat(answer.get("claims").get("requiredTag").asText()).isEqualTo("channelAlias:news");
        assertThat(answer.toString()).doesNotContain(token);
    }

    @Test
    void aClientAccessTokenAndAnApiTokenAreDecodedAndCheckedAgainstTheServersKeys() {
        String apiToken = server.apiToken(app, "comms:client_access_token:create");
        String clientToken = server.clientAccessToken(apiToken, "{\"sessionScope\":\"conf:create\"}");

        JsonNode api = debug(app.id(), "{\"token\":\"" + apiToken + "\"}");
        JsonNode client = debug(app.id(), "{\"token\":\"" + clientToken + "\"}");
        JsonNode tampered =
                debug(app.id(), "{\"token\":\"" + clientToken.substring(0, clientToken.length() - 4) + "AAAA\"}");

        assertThat(api.get("kind").asText()).isEqualTo("api-token");
        assertThat(api.get("signature").get("verified").asBoolean()).isTrue();
        assertThat(client.get("kind").asText()).isEqualTo("client-access-token");
        assertThat(client.get("header").get("alg").asText()).isNotBlank();
        assertThat(client.get("claims").get("sub").asText()).isEqualTo(app.id());
        assertThat(client.get("signature").get("forApplication").asBoolean()).isTrue();
        assertThat(tampered.get("signature").get("code").asText()).isEqualTo("bad-signature");
    }

    @Test
    void itActsForOneApplicationAsEveryApplicationScopedApiDoes() {
        String body = "{\"token\":\"" + streamToken(app.secret()) + "\"}";

        Reply nobody = server.postJson("/v1/dashboard/debug?applicationId=" + app.id(), null, body);
        Reply itself = server.postJson("/v1/dashboard/debug", app.basic(), body);
        Reply unknown = server.postJson("/v1/dashboard/debug?applicationId=nope", server.adminAuthorization(), body);

        assertThat(nobody.status()).isEqualTo(401);
        assertThat(itself.status()).isEqualTo(200);
        assertThat(itself.json().get("signature").get("forApplication").asBoolean())
                .isTrue();
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("code").asText()).isEqualTo("application-not-found");
    }

    @Test
    void somethingElseIsSaidToBeNoToken() {
        JsonNode answer = debug(app.id(), "{\"token\":\"hello\"}");

        assertThat(answer.get("kind").asText()).isEqualTo("unknown");
        assertThat(answer.get("signature").get("verified").asBoolean()).isFalse();
    }
}
