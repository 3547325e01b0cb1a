package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import dev.tollgate.server.TestServer.App;
import dev.tollgate.server.TestServer.Reply;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WhenRequestingAnApiToken extends ServerScenario {
    App app;

    @BeforeEach
    void createApplication() {
        app = server.createApplication("demo");
    }

    @Test
    void itAnswersTheDolbyShapeWithoutCaching() throws Exception {
        Reply reply = server.postForm("/v1/auth/token", app.basic(), "grant_type=client_credentials");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
        assertThat(reply.header("Content-Type")).startsWith("application/json");
        assertThat(reply.json().get("token_type").asText()).isEqualTo("Bearer");
        assertThat(reply.json().get("expires_in").asLong()).isEqualTo(1800);
        assertThat(reply.json().get("scope").asText())
                .isEqualTo("comms:client_access_token:create edge:token:create channels:manage revocations:manage");
        assertThat(reply.json().fieldNames())
                .toIterable()
                .containsExactly("access_token", "token_type", "expires_in", "scope");
    }

    @Test
    void theTokenIsAJwtThatVerifiesAgainstThePublishedKeys() throws Exception {
        String token = server.apiToken(app, null);
        SignedJWT jwt = SignedJWT.parse(token);
        JWKSet jwks =
                JWKSet.parse(server.get("/.well-known/jwks.json", Map.of()).body());
        ECKey key = (ECKey) jwks.getKeyByKeyId(jwt.getHeader().getKeyID());

        assertThat(key).isNotNull();
        assertThat(key.isPrivate()).isFalse();
        assertThat(jwt.verify(new ECDSAVerifier(key))).isTrue();
        assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo(app.id());
        assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo("tollgate");
        assertThat(jwt.getJWTClaimsSet().getJWTID()).isNotBlank();
        assertThat(Duration.between(
                        jwt.getJWTClaimsSet().getIssueTime().toInstant(),
                        jwt.getJWTClaimsSet().getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofSeconds(1800));
    }

    @Test
    void theStandardOAuthPathAnswersTheSame() {
        Reply reply = server.postForm("/oauth2/token", app.basic(), "grant_type=client_credentials&expires_in=60");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("expires_in").asLong()).isEqualTo(60);
    }

    @Test
    void expiresInIsHonouredUpToADay() {
        assertThat(server.postForm("/v1/auth/token", app.basic(), "grant_type=client_credentials&expires_in=86400")
                        .json()
                        .get("expires_in")
                        .asLong())
                .isEqualTo(86400);
        for (String bad : new String[] {"0", "86401", "-5", "ten", "1e3"}) {
            Reply reply =
                    server.postForm("/v1/auth/token", app.basic(), "grant_type=client_credentials&expires_in=" + bad);
            assertThat(reply.status()).as(bad).isEqualTo(400);
            assertThat(reply.json().get("error").asText()).isEqualTo("invalid_request");
            assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
        }
    }

    @Test
    void unknownScopesAreOmittedTheWildcardExpandsAndOnlyUnknownOnesAreAnInvalidScope() {
        Reply some = server.postForm(
                "/v1/auth/token",
                app.basic(),
                "grant_type=client_credentials&scope=comms:conf:create%20edge:token:create");
        assertThat(some.json().get("scope").asText()).isEqualTo("edge:token:create");

        Reply wildcard = server.postForm("/v1/auth/token", app.basic(), "grant_type=client_credentials&scope=comms:*");
        assertThat(wildcard.json().get("scope").asText()).isEqualTo("comms:client_access_token:create");

        // Dolby omits unknown scopes; a token left with none could do nothing, so it is refused (RFC 6749 §5.2).
        Reply unknown =
                server.postForm("/v1/auth/token", app.basic(), "grant_type=client_credentials&scope=nope%20bogus");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("error").asText()).isEqualTo("invalid_scope");
        assertThat(unknown.json().has("access_token")).isFalse();
    }

    @Test
    void theGrantTypeIsRequiredAndMustBeClientCredentials() {
        Reply missing = server.postForm("/v1/auth/token", app.basic(), "expires_in=60");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("error").asText()).isEqualTo("invalid_request");

        Reply password = server.postForm("/v1/auth/token", app.basic(), "grant_type=password");
        assertThat(password.status()).isEqualTo(400);
        assertThat(password.json().get("error").asText()).isEqualTo("unsupported_grant_type");
    }

    @Test
    void anApplicationLimitedToSomeScopesGetsNoOthers() {
        Reply created = server.postJson(
                "/v1/admin/applications",
                server.adminAuthorization(),
                "{\"name\":\"edge only\",\"scopes\":[\"edge:token:create\"]}");
        App limited = new App(
                created.json().get("applicationId").asText(),
                created.json().get("secret").asText());

        Reply reply = server.postForm("/v1/auth/token", limited.basic(), "grant_type=client_credentials&scope=comms:*");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("error").asText()).isEqualTo("invalid_scope");
        assertThat(server.postForm("/v1/auth/token", limited.basic(), "grant_type=client_credentials")
                        .json()
                        .get("scope")
                        .asText())
                .isEqualTo("edge:token:create");
    }
}
