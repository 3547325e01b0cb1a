package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.TestServer.App;
import dev.tollgate.server.TestServer.Reply;
import dev.tollgate.token.SecretResolver;
import dev.tollgate.token.TokenBuilder;
import dev.tollgate.token.TokenVerifier;
import dev.tollgate.token.VerificationCode;
import dev.tollgate.token.Verified;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WhenMintingAnEdgeToken extends ServerScenario {
    App app;

    @BeforeEach
    void createApplication() {
        app = server.createApplication("demo");
    }

    TokenVerifier verifierFor(String... secrets) {
        return TokenVerifier.builder()
                .secrets(SecretResolver.of(app.id(), secrets))
                .clock(clock)
                .build();
    }

    @Test
    void itEqualsWhatTheBuilderMakesWithTheSameOptionsByteForByte() {
        long expiresAt = Instant.now().plusSeconds(600).toEpochMilli();
        Reply reply = server.postJson(
                "/v1/edge-tokens",
                app.basic(),
                "{\"expiresAt\":" + expiresAt + ",\"streamingOnly\":true,\"capabilities\":[\"multi-bitrate\"],"
                        + "\"allowCountries\":[\"US\",\"DE\"],\"remoteAddress\":\"203.0.113.7\","
                        + "\"channelAlias\":\"my-channel\",\"applyTags\":[\"customer:42\"]}");

        String expected = new TokenBuilder()
                .withApplicationId(app.id())
                .withSecret(app.secret())
                .expiresAt(Instant.ofEpochMilli(expiresAt))
                .forStreamingOnly()
                .withCapability("multi-bitrate")
                .allowCountries("US", "DE")
                .forRemoteAddress("203.0.113.7")
                .forChannelAlias("my-channel")
                .applyTag("customer:42")
                .build();
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
        assertThat(reply.json().get("token").asText()).isEqualTo(expected);
        assertThat(reply.json().get("claims").get("requiredTag").asText()).isEqualTo("channelAlias:my-channel");
        assertThat(reply.json().has("warnings")).isFalse();
    }

    @Test
    void anApiTokenWithTheEdgeScopeMayMintAndOneWithoutMayNot() {
        String allowed = server.apiToken(app, "edge:token:create");
        String other = server.apiToken(app, "comms:client_access_token:create");

        Reply minted = server.postJson("/v1/edge-tokens", "Bearer " + allowed, "{\"authenticationOnly\":true}");
        Reply refused = server.postJson("/v1/edge-tokens", "Bearer " + other, "{\"authenticationOnly\":true}");

        assertThat(minted.status()).isEqualTo(200);
        assertThat(verifierFor(app.secret()).verify(minted.json().get("token").asText()))
                .isInstanceOf(Verified.class);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("code").asText()).isEqualTo("insufficient-scope");
    }

    @Test
    void afterARotationTheNewSecretSignsAndOldTokensVerifyUntilRetired() {
        String before = server.postJson("/v1/edge-tokens", app.basic(), "{}")
                .json()
                .get("token")
                .asText();
        Reply rotated = server.postJson(
                "/v1/admin/applications/" + app.id() + "/rotate-secret", server.adminAuthorization(), null);
        String newSecret = rotated.json().get("secret").asText();
        assertThat(rotated.json().get("activeSecrets").asInt()).isEqualTo(2);

        // Both secrets authenticate during the rotation.
        assertThat(server.postJson("/v1/edge-tokens", app.basic(), "{}").status())
                .isEqualTo(200);
        String after = server.postJson("/v1/edge-tokens", new App(app.id(), newSecret).basic(), "{}")
                .json()
                .get("token")
                .asText();
        assertThat(verifierFor(newSecret).verify(after)).isInstanceOf(Verified.class);
        assertThat(verifierFor(newSecret).verify(before).code()).isEqualTo(VerificationCode.BAD_DIGEST);

        Reply retired = server.postJson(
                "/v1/admin/applications/" + app.id() + "/retire-secret", server.adminAuthorization(), null);
        assertThat(retired.json().get("retired").asInt()).isEqualTo(1);
        assertThat(server.postJson("/v1/edge-tokens", app.basic(), "{}").status())
                .isEqualTo(401);
    }

    @Test
    void aTokenForAUrlIsWarnedAboutAndOneTooLongForRtmpIsRefused() {
        Reply url = server.postJson("/v1/edge-tokens", app.basic(), "{\"carrier\":\"url\",\"channel\":\"c\"}");
        assertThat(url.status()).isEqualTo(200);
        assertThat(url.json().get("warnings").get(0).asText()).startsWith("not-url-safe");

        Reply rtmp = server.postJson(
                "/v1/edge-tokens", app.basic(), "{\"carrier\":\"rtmp-url\",\"publishingOnly\":true,\"channel\":\"c\"}");
        assertThat(rtmp.status()).isEqualTo(400);
        assertThat(rtmp.json().get("code").asText()).isEqualTo("token-too-long-for-carrier");
    }

    @Test
    void aStreamTokenWithoutADesignationIsWarnedAbout() {
        Reply reply = server.postJson("/v1/edge-tokens", app.basic(), "{\"streamingOnly\":true}");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("warnings").get(0).asText()).startsWith("no-designation");
    }

    @Test
    void conflictingOrInvalidOptionsAreRefusedWithTheirCode() {
        Map<String, String> cases = Map.of(
                "{\"streamingOnly\":true,\"publishingOnly\":true}", "conflicting-fields",
                "{\"channel\":\"a\",\"room\":\"b\"}", "conflicting-fields",
                "{\"allowCountries\":[\"usa\"]}", "invalid-value",
                "{\"expiresInSeconds\":0}", "invalid-expires-in",
                "{\"applicationId\":\"someone-else\"}", "wrong-application",
                "{\"chanel\":\"typo\"}", "unknown-field",
                "{\"capabilities\":\"one\"}", "wrong-type");
        cases.forEach((body, code) -> {
            Reply reply = server.postJson("/v1/edge-tokens", app.basic(), body);
            assertThat(reply.status()).as(body).isEqualTo(code.equals("wrong-application") ? 403 : 400);
            assertThat(reply.json().get("code").asText()).as(body).isEqualTo(code);
        });
    }
}
