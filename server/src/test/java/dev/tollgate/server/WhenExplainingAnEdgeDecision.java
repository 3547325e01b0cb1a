package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.server.TestServer.App;
import dev.tollgate.server.TestServer.Reply;
import dev.tollgate.token.TokenBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WhenExplainingAnEdgeDecision extends ServerScenario {
    App app;

    @BeforeEach
    void createApplication() {
        app = server.createApplication("demo");
    }

    String edgeToken(String options) {
        Reply reply = server.postJson("/v1/edge-tokens", app.basic(), options);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().get("token").asText();
    }

    Reply explain(String token, String request) {
        return server.postJson(
                "/v1/tokens/verify",
                null,
                "{\"token\":\"" + token + "\"" + (request == null ? "" : ",\"request\":" + request) + "}");
    }

    static List<String> checks(JsonNode answer) {
        List<String> checks = new ArrayList<>();
        answer.get("trace")
                .forEach(check -> checks.add(
                        check.get("check").asText() + ":" + check.get("outcome").asText()));
        return checks;
    }

    @Test
    void withoutARequestOnlyTheTokenIsCheckedAgainstTheRegisteredSecret() {
        Reply good = explain(edgeToken("{\"channelAlias\":\"news\"}"), null);
        Reply forged = explain(
                new TokenBuilder()
                        .withApplicationId(app.id())
                        .withSecret("not-the-secret")
                        .expiresInSeconds(60)
                        .build(),
                null);
        Reply stranger = explain(
                new TokenBuilder()
                        .withApplicationId("nobody")
                        .withSecret("x")
                        .expiresInSeconds(60)
                        .build(),
                null);

        assertThat(good.status()).isEqualTo(200);
        assertThat(good.json().get("decision").asText()).isEqualTo("allowed");
        assertThat(good.json().get("code").asText()).isEqualTo("allowed");
        assertThat(good.json().get("claims").get("requiredTag").asText()).isEqualTo("channelAlias:news");
        assertThat(forged.json().get("decision").asText()).isEqualTo("denied");
        assertThat(forged.json().get("code").asText()).isEqualTo("bad-digest");
        assertThat(forged.json().has("claims")).isFalse();
        assertThat(stranger.json().get("code").asText()).isEqualTo("unknown-application");
    }

    @Test
    void aSubscriptionToTheDesignatedChannelIsAllowedWithTheWholeTrace() {
        String token = edgeToken("{\"streamingOnly\":true,\"channelAlias\":\"news\"}");

        Reply allowed = explain(token, "{\"action\":\"subscribe\",\"channel\":{\"id\":\"c1\",\"alias\":\"news\"}}");
        Reply elsewhere = explain(token, "{\"action\":\"subscribe\",\"channel\":{\"id\":\"c2\",\"alias\":\"sports\"}}");
        Reply publish = explain(token, "{\"action\":\"publish\",\"channel\":{\"id\":\"c1\",\"alias\":\"news\"}}");

        assertThat(allowed.json().get("decision").asText()).isEqualTo("allowed");
        assertThat(checks(allowed.json())).contains("token:pass", "token-type:pass", "designation:pass");
        assertThat(elsewhere.json().get("decision").asText()).isEqualTo("denied");
        assertThat(elsewhere.json().get("code").asText()).isEqualTo("designation-mismatch");
        assertThat(checks(elsewhere.json())).contains("designation:fail");
        assertThat(publish.json().get("code").asText()).isEqualTo("wrong-token-type");
    }

    @Test
    void aChannelOrRoomGivenByAliasAloneOrByIdAloneIsDecided() {
        String byAlias = edgeToken("{\"streamingOnly\":true,\"channelAlias\":\"news\"}");
        String byId = edgeToken("{\"streamingOnly\":true,\"room\":\"r1\"}");

        Reply aliasOnly = explain(byAlias, "{\"action\":\"subscribe\",\"channel\":{\"alias\":\"news\"}}");
        Reply otherAlias = explain(byAlias, "{\"action\":\"subscribe\",\"channel\":{\"alias\":\"sports\"}}");
        Reply idOnly = explain(byId, "{\"action\":\"subscribe\",\"room\":{\"id\":\"r1\"}}");
        // A token designating a room ID cannot be checked against a room whose ID nobody gave.
        Reply roomAliasOnly = explain(byId, "{\"action\":\"subscribe\",\"room\":{\"alias\":\"r1\"}}");
        Reply neither = explain(byAlias, "{\"action\":\"subscribe\",\"channel\":{}}");

        assertThat(aliasOnly.json().get("code").asText()).as(aliasOnly.body()).isEqualTo("allowed");
        assertThat(otherAlias.json().get("code").asText()).isEqualTo("designation-mismatch");
        assertThat(idOnly.json().get("code").asText()).as(idOnly.body()).isEqualTo("allowed");
        assertThat(roomAliasOnly.json().get("code").asText()).isEqualTo("designation-mismatch");
        assertThat(neither.status()).isEqualTo(400);
        assertThat(neither.json().get("code").asText()).isEqualTo("missing-field");
    }

    @Test
    void anExpiredTokenIsDeniedButItsClaimsAreShown() {
        String token = new TokenBuilder()
                .withApplicationId(app.id())
                .withSecret(app.secret())
                .expiresAt(Instant.now().minusSeconds(3600))
                .forChannel("c1")
                .build();

        Reply reply = explain(token, "{\"action\":\"authenticate\"}");

        assertThat(reply.json().get("code").asText()).isEqualTo("expired");
        assertThat(reply.json().get("claims").get("requiredTag").asText()).isEqualTo("channelId:c1");
        assertThat(checks(reply.json())).contains("expiry:fail");
    }

    @Test
    void aReplayAtAnEarlierTimeUsesThatTime() {
        long expires = Instant.now().minusSeconds(3600).toEpochMilli();
        String token = new TokenBuilder()
                .withApplicationId(app.id())
                .withSecret(app.secret())
                .expiresAt(Instant.ofEpochMilli(expires))
                .build();

        Reply reply = explain(token, "{\"action\":\"authenticate\",\"at\":" + (expires - 60_000) + "}");

        assertThat(reply.json().get("decision").asText()).isEqualTo("allowed");
    }

    @Test
    void aCountryConstraintShowsWhereTheAddressIs() {
        String token = edgeToken("{\"denyCountries\":[\"US\"]}");

        Reply reply = explain(token, "{\"action\":\"authenticate\",\"remoteAddress\":\"8.8.8.8\"}");

        assertThat(reply.json().get("code").asText()).isEqualTo("country-denied");
        assertThat(reply.json().get("location").get("country").asText()).isEqualTo("US");
        assertThat(reply.json().get("location").get("database").asText()).isNotBlank();
    }

    @Test
    void aMalformedRequestIsABadRequest() {
        String token = edgeToken("{}");
        Reply action = explain(token, "{\"action\":\"fly\"}");
        Reply noTarget = explain(token, "{\"action\":\"subscribe\"}");
        Reply twoTargets =
                explain(token, "{\"action\":\"subscribe\",\"channel\":{\"id\":\"a\"},\"room\":{\"id\":\"b\"}}");
        Reply badAddress = explain(token, "{\"action\":\"authenticate\",\"remoteAddress\":\"example.com\"}");
        Reply noToken = server.postJson("/v1/tokens/verify", null, "{}");

        assertThat(action.json().get("code").asText()).isEqualTo("invalid-value");
        assertThat(noTarget.json().get("code").asText()).isEqualTo("invalid-value");
        assertThat(twoTargets.json().get("code").asText()).isEqualTo("conflicting-fields");
        assertThat(badAddress.json().get("code").asText()).isEqualTo("invalid-value");
        assertThat(noToken.json().get("code").asText()).isEqualTo("missing-field");
        assertThat(explain("garbage", null).json().get("code").asText()).isEqualTo("not-a-digest-token");
    }

    @Test
    void theOwnerOfTheTargetIsWhatTheCallerNamesAndUncheckedWhenNobodyDoes() {
        App other = server.createApplication("other");
        String token = edgeToken("{\"streamingOnly\":true,\"channelAlias\":\"news\"}");
        String news = ",\"channel\":{\"alias\":\"news\"}";

        Reply unnamed = explain(token, "{\"action\":\"subscribe\"" + news + "}");
        Reply own = explain(token, "{\"action\":\"subscribe\",\"applicationId\":\"" + app.id() + "\"" + news + "}");
        Reply others =
                explain(token, "{\"action\":\"subscribe\",\"applicationId\":\"" + other.id() + "\"" + news + "}");

        assertThat(checks(unnamed.json())).contains("application:skip");
        JsonNode applicationCheck = null;
        for (JsonNode check : unnamed.json().get("trace")) {
            if (check.get("check").asText().equals("application")) {
                applicationCheck = check;
            }
        }
        assertThat(applicationCheck.get("detail").asText()).startsWith("not checked");
        assertThat(own.json().get("code").asText()).isEqualTo("allowed");
        assertThat(checks(own.json())).contains("application:pass");
        // The seed: "the applicationId for the publishing and subscribing tokens must match".
        assertThat(others.json().get("code").asText()).isEqualTo("application-mismatch");
        assertThat(others.json().get("claims").get("requiredTag").asText()).isEqualTo("channelAlias:news");
    }

    @Test
    void anUnknownReferenceIsADenialWithItsOwnCheck() {
        Reply reply = explain("tgr_AAAAAAAAAAAAAAAAAAAAAA", "{\"action\":\"authenticate\"}");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("code").asText()).isEqualTo("unknown-token-ref");
        assertThat(checks(reply.json())).containsExactly("token-ref:fail");
        assertThat(reply.json().has("claims")).isFalse();
    }
}
