package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.tollgate.server.TestServer.App;
import dev.tollgate.server.TestServer.Reply;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WhenRequestingAClientAccessToken extends ServerScenario {
    App app;
    String apiToken;

    @BeforeEach
    void obtainAnApiToken() {
        app = server.createApplication("demo");
        apiToken = server.apiToken(app, "comms:client_access_token:create");
    }

    Reply request(String json) {
        return server.postJson("/v2/client-access-token", "Bearer " + apiToken, json);
    }

    @Test
    void itIsASignedJwtCarryingTheApplicationScopeAndExternalId() throws Exception {
        Reply reply =
                request("{\"sessionScope\":\"conf:create notifications:set\",\"externalId\":\"alice@example.com\"}");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
        assertThat(reply.json().get("token_type").asText()).isEqualTo("Bearer");
        assertThat(reply.json().get("expires_in").asLong()).isEqualTo(3600);
        assertThat(reply.json().get("scope").asText()).isEqualTo("conf:create notifications:set");
        SignedJWT jwt = SignedJWT.parse(reply.json().get("access_token").asText());
        JWKSet jwks =
                JWKSet.parse(server.get("/.well-known/jwks.json", Map.of()).body());
        assertThat(jwt.getHeader().getKeyID()).isNotBlank();
        assertThat(jwt.verify(new ECDSAVerifier(
                        (ECKey) jwks.getKeyByKeyId(jwt.getHeader().getKeyID()))))
                .isTrue();
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo(app.id());
        assertThat(claims.getStringClaim("external_id")).isEqualTo("alice@example.com");
        assertThat(claims.getStringClaim("scope")).isEqualTo("conf:create notifications:set");
        assertThat(claims.getIssuer()).isEqualTo("tollgate");
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(claims.getIssueTime()).isNotNull();
        assertThat(Duration.between(
                        claims.getIssueTime().toInstant(),
                        claims.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofHours(1));
    }

    @Test
    void theScopeMayBeAnArrayAndUnknownValuesAreOmitted() {
        Reply reply = request("{\"sessionScope\":[\"conf:create\",\"bogus\",\"session:update\"]}");
        assertThat(reply.json().get("scope").asText()).isEqualTo("conf:create session:update");
    }

    @Test
    void anAbsentOrStarScopeIsUnrestrictedAndWarnedAbout() {
        Reply absent = request("{}");
        Reply star = request("{\"sessionScope\":\"*\"}");

        assertThat(absent.json().get("scope").asText()).isEqualTo("*");
        assertThat(star.json().get("scope").asText()).isEqualTo("*");
        assertThat(star.header("Tollgate-Warning")).startsWith("grants-everything");
    }

    @Test
    void aTokenThatAllowsNothingOrLivesPastTwelveHoursIsIssuedWithWarnings() {
        Reply nothing = request("{\"sessionScope\":\"bogus\"}");
        Reply twelveHours = request("{\"sessionScope\":\"conf:create\",\"expiresIn\":43200}");
        Reply longLived = request("{\"sessionScope\":\"conf:create\",\"expiresIn\":43201}");
        Reply both = request("{\"sessionScope\":[\"bogus\"],\"expires_in\":86400}");

        assertThat(nothing.status()).isEqualTo(200);
        assertThat(nothing.json().get("scope").asText()).isEmpty();
        assertThat(nothing.response().headers().allValues("Tollgate-Warning"))
                .singleElement()
                .asString()
                .startsWith("no-known-scope");
        assertThat(twelveHours.header("Tollgate-Warning")).isNull();
        assertThat(longLived.response().headers().allValues("Tollgate-Warning"))
                .singleElement()
                .asString()
                .startsWith("long-lived");
        assertThat(both.response().headers().allValues("Tollgate-Warning"))
                .anyMatch(w -> w.startsWith("no-known-scope"))
                .anyMatch(w -> w.startsWith("long-lived"));
    }

    @Test
    void bothSpellingsOfTheLifetimeAreAcceptedWithinADay() {
        assertThat(request("{\"expiresIn\":600}").json().get("expires_in").asLong())
                .isEqualTo(600);
        assertThat(request("{\"expires_in\":86400}").json().get("expires_in").asLong())
                .isEqualTo(86400);
        Reply tooLong = request("{\"expiresIn\":86401}");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().get("error").asText()).isEqualTo("invalid_request");
        assertThat(request("{\"expiresIn\":0}").status()).isEqualTo(400);
        assertThat(request("{\"expiresIn\":\"600\"}").status()).isEqualTo(400);
    }

    @Test
    void anExternalIdOf1024BytesIsAcceptedAndOneByteMoreIsNot() {
        // 512 two-byte characters: 1,024 UTF-8 bytes but only 512 characters, so bytes are what is counted.
        String ok = "é".repeat(512);
        Reply accepted = request("{\"externalId\":\"" + ok + "\",\"sessionScope\":\"conf:create\"}");
        Reply refused = request("{\"externalId\":\"" + ok + "x\",\"sessionScope\":\"conf:create\"}");

        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.json().get("access_token").asText().length()).isLessThanOrEqualTo(2048);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("error_description").asText()).contains("1024 UTF-8 bytes");
    }

    @Test
    void aTokenOverTheSizeLimitAsksToReduceTheParticipantInformation() {
        // 1,024 bytes that JSON escapes to two characters each (quotation marks): the JWT grows past 2,048.
        String bulky = "\\\"".repeat(1024);
        Reply reply = request("{\"externalId\":\"" + bulky + "\"}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("error").asText()).isEqualTo("invalid_request");
        assertThat(reply.json().get("error_description").asText())
                .contains("2048-byte limit")
                .contains("reduce the participant information");
    }

    @Test
    void anApiTokenWithoutTheScopeIsForbidden() {
        String edgeOnly = server.apiToken(app, "edge:token:create");
        Reply reply = server.postJson("/v2/client-access-token", "Bearer " + edgeOnly, "{}");

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.json().get("error").asText()).isEqualTo("insufficient_scope");
        assertThat(reply.header("WWW-Authenticate")).contains("insufficient_scope");
    }

    @Test
    void theDashboardTokenLastsTwelveHours() throws Exception {
        Reply reply = server.postJson(
                "/v1/admin/applications/" + app.id() + "/client-access-token", server.adminAuthorization(), null);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("expires_in").asLong()).isEqualTo(12 * 3600);
        JWTClaimsSet claims =
                SignedJWT.parse(reply.json().get("access_token").asText()).getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo(app.id());
        assertThat(Duration.between(
                        claims.getIssueTime().toInstant(),
                        claims.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofHours(12));
        assertThat(server.postJson("/v1/admin/applications/" + app.id() + "/client-access-token", null, null)
                        .status())
                .isEqualTo(401);
    }
}
