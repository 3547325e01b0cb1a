package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.server.TestServer.App;
import dev.tollgate.server.TestServer.Reply;
import dev.tollgate.token.TokenBuilder;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ServerConfig#clockSkew()} is the one skew of the server: an EdgeAuth token at the edge and the server's own
 * JWTs are accepted until their expiry plus the configured skew, and refused after it. The skew here is 30 s, not the
 * default 60 s, so a server that ignored the configuration would accept the late tokens below.
 */
class WhenTheClockSkewIsConfigured extends ServerScenario {
    static final Duration SKEW = Duration.ofSeconds(30);
    static final Duration LIFETIME = Duration.ofSeconds(60);

    App app;

    @BeforeEach
    @Override
    void startServer() {
        server = TestServer.start(db.config(dataDirectory).withClockSkew(SKEW), clock);
        app = server.createApplication("skewed");
    }

    String edgeToken() {
        return new TokenBuilder()
                .withApplicationId(app.id())
                .withSecret(app.secret())
                .withClock(clock)
                .expiresIn(LIFETIME)
                .forStreamingOnly()
                .forChannelAlias("my-channel")
                .build();
    }

    Reply subscribe(String token) {
        return server.edgeAuthorize("{\"token\":\"" + token + "\",\"request\":{\"action\":\"subscribe\","
                + "\"channel\":{\"id\":\"c1\",\"alias\":\"my-channel\"}}}");
    }

    String apiToken() {
        Reply reply = server.postForm(
                "/v1/auth/token", app.basic(), "grant_type=client_credentials&expires_in=" + LIFETIME.toSeconds());
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().get("access_token").asText();
    }

    Reply mintClientAccessToken(String apiToken) {
        return server.postJson("/v2/client-access-token", "Bearer " + apiToken, "{\"expiresIn\":600}");
    }

    @Test
    void anEdgeTokenExpiredByLessThanTheSkewIsStillAllowed() {
        String token = edgeToken();
        clock.advance(LIFETIME.plus(SKEW).minusSeconds(1));

        Reply reply = subscribe(token);

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }

    @Test
    void anEdgeTokenExpiredByMoreThanTheSkewIsDeniedAsExpired() {
        String token = edgeToken();
        clock.advance(LIFETIME.plus(SKEW).plusSeconds(1));

        Reply reply = subscribe(token);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.json().get("code").asText()).isEqualTo("expired");
    }

    @Test
    void anApiTokenExpiredByLessThanTheSkewStillMintsClientAccessTokens() {
        String token = apiToken();
        clock.advance(LIFETIME.plus(SKEW).minusSeconds(1));

        Reply reply = mintClientAccessToken(token);

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }

    @Test
    void anApiTokenExpiredByMoreThanTheSkewIsRefused() {
        String token = apiToken();
        clock.advance(LIFETIME.plus(SKEW).plusSeconds(1));

        Reply reply = mintClientAccessToken(token);

        assertThat(reply.status()).isEqualTo(401);
        // An OAuth2 path: RFC 6749 §5.2's shape, the verifier's reason in the description.
        assertThat(reply.json().get("error").asText()).isEqualTo("invalid_token");
        assertThat(reply.json().get("error_description").asText()).isEqualTo("the token is not valid: expired");
    }

    @Test
    void aSkewBeyondTheVerifiersMaximumIsRefusedBeforeTheServerStarts() {
        assertThatThrownBy(() -> ServerConfig.of(dataDirectory, 0).withClockSkew(Duration.ofMinutes(11)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the clock skew must be between 0 and PT10M, was PT11M");
        assertThatThrownBy(() -> ServerConfig.of(dataDirectory, 0).withClockSkew(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
