package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.TestServer.App;
import dev.tollgate.server.TestServer.Reply;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WhenTheCredentialsAreWrong extends ServerScenario {
    App app;

    @BeforeEach
    void createApplication() {
        app = server.createApplication("demo");
    }

    @Test
    void aWrongSecretIsAnInvalidClientWithABasicChallenge() {
        Reply reply = server.postForm(
                "/v1/auth/token", new App(app.id(), app.secret() + "x").basic(), "grant_type=client_credentials");

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.json().get("error").asText()).isEqualTo("invalid_client");
        assertThat(reply.json().get("error_description").asText()).doesNotContain(app.secret());
        assertThat(reply.header("WWW-Authenticate")).startsWith("Basic realm=");
        assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void anUnknownApplicationAndMissingCredentialsAreRefusedTheSameWay() {
        Reply unknown =
                server.postForm("/v1/auth/token", new App("nobody", "x").basic(), "grant_type=client_credentials");
        Reply none = server.postForm("/v1/auth/token", null, "grant_type=client_credentials");

        assertThat(unknown.status()).isEqualTo(401);
        assertThat(none.status()).isEqualTo(401);
        assertThat(unknown.json().get("error").asText()).isEqualTo("invalid_client");
        assertThat(none.json().get("error").asText()).isEqualTo("invalid_client");
    }

    @Test
    void repeatedFailuresFromOneAddressAreSlowedDownEvenWithTheRightSecretAfterwards() {
        App wrong = new App(app.id(), "wrong");
        for (int i = 0; i < 10; i++) {
            assertThat(server.postForm("/v1/auth/token", wrong.basic(), "grant_type=client_credentials")
                            .status())
                    .isEqualTo(401);
        }
        Reply limited = server.postForm("/v1/auth/token", wrong.basic(), "grant_type=client_credentials");
        Reply evenRight = server.postForm("/v1/auth/token", app.basic(), "grant_type=client_credentials");

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.json().get("error").asText()).isEqualTo("too_many_requests");
        assertThat(limited.header("Retry-After")).isNotBlank();
        assertThat(evenRight.status()).isEqualTo(429);
    }

    @Test
    void wrongSecretsFromManyAddressesDoNotLockTheApplicationOut() {
        App wrong = new App(app.id(), "wrong");
        // Seven, seven and six failures from three addresses: no address reaches its own limit (10), the
        // application's budget (20) is used up.
        String[] addresses = {"127.0.0.10", "127.0.0.11", "127.0.0.12"};
        int[] failures = {7, 7, 6};
        for (int a = 0; a < addresses.length; a++) {
            for (int i = 0; i < failures[a]; i++) {
                assertThat(server.postFormFrom(
                                        addresses[a], "/v1/auth/token", wrong.basic(), "grant_type=client_credentials")
                                .status())
                        .isEqualTo(401);
            }
        }

        Reply right = server.postFormFrom("127.0.0.20", "/v1/auth/token", app.basic(), "grant_type=client_credentials");
        Reply stillWrong =
                server.postFormFrom("127.0.0.21", "/v1/auth/token", wrong.basic(), "grant_type=client_credentials");

        assertThat(right.status()).as(right.body()).isEqualTo(200);
        assertThat(right.json().get("access_token").asText()).isNotBlank();
        assertThat(stillWrong.status()).isEqualTo(429);
        // The application's budget refused, not the address's: 20 a minute refill one every 3 s.
        assertThat(stillWrong.header("Retry-After")).isEqualTo("3");
    }

    @Test
    void retryAfterIsTheTimeUntilTheAddressMayTryAgainAndShrinksAsTimePasses() {
        App wrong = new App(app.id(), "wrong");
        for (int i = 0; i < 10; i++) {
            server.postForm("/v1/auth/token", wrong.basic(), "grant_type=client_credentials");
        }

        Reply atOnce = server.postForm("/v1/auth/token", app.basic(), "grant_type=client_credentials");
        clock.advance(Duration.ofMillis(4_500));
        Reply later = server.postForm("/v1/auth/token", app.basic(), "grant_type=client_credentials");
        clock.advance(Duration.ofMillis(1_500));
        Reply whenTold = server.postForm("/v1/auth/token", app.basic(), "grant_type=client_credentials");

        // Ten failures a minute refill one every 6 s; 1.5 s left is announced as 2, rounded up.
        assertThat(atOnce.status()).isEqualTo(429);
        assertThat(atOnce.header("Retry-After")).isEqualTo("6");
        assertThat(later.status()).isEqualTo(429);
        assertThat(later.header("Retry-After")).isEqualTo("2");
        assertThat(whenTold.status()).as(whenTold.body()).isEqualTo(200);
    }

    @Test
    void aClientAccessTokenIsNotAnApiToken() {
        String apiToken = server.apiToken(app, null);
        String clientToken = server.postJson("/v2/client-access-token", "Bearer " + apiToken, "{}")
                .json()
                .get("access_token")
                .asText();

        Reply reply = server.postJson("/v2/client-access-token", "Bearer " + clientToken, "{}");

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.json().get("error").asText()).isEqualTo("invalid_token");
        assertThat(reply.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
    }

    @Test
    void aTamperedOrExpiredApiTokenIsRefused() {
        String apiToken = server.apiToken(app, null);
        String[] parts = apiToken.split("\\.");
        String tampered = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();

        assertThat(server.postJson("/v2/client-access-token", "Bearer " + tampered, "{}")
                        .status())
                .isEqualTo(401);

        clock.advance(java.time.Duration.ofSeconds(1800 + 61));
        Reply expired = server.postJson("/v2/client-access-token", "Bearer " + apiToken, "{}");
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.json().get("error").asText()).isEqualTo("invalid_token");
    }

    @Test
    void theTokensOfADeletedApplicationStopWorking() {
        String apiToken = server.apiToken(app, null);
        server.send(
                "DELETE",
                "/v1/admin/applications/" + app.id(),
                java.util.Map.of("Authorization", server.adminAuthorization()),
                null);

        assertThat(server.postJson("/v2/client-access-token", "Bearer " + apiToken, "{}")
                        .status())
                .isEqualTo(401);
        assertThat(server.postForm("/v1/auth/token", app.basic(), "grant_type=client_credentials")
                        .status())
                .isEqualTo(401);
    }
}
