package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.TestServer.App;
import dev.tollgate.server.TestServer.Reply;
import dev.tollgate.token.TokenBuilder;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The revocation table becomes unreadable while everything else works: decisions go on from the last copy for the
 * staleness bound (30 s), then fail closed with {@code revocations-unavailable} (503), and recover once it can be
 * read again.
 */
class WhenTheRevocationListCannotBeRead extends ServerScenario {
    App app;
    String token;

    @BeforeEach
    void mintAToken() {
        app = server.createApplication("stale");
        token = new TokenBuilder()
                .withApplicationId(app.id())
                .withSecret(app.secret())
                .withClock(clock)
                .expiresIn(Duration.ofHours(1))
                .forChannelAlias("news")
                .build();
    }

    Reply authorize() {
        return server.edgeAuthorize("{\"token\":\"" + token + "\",\"request\":{\"action\":\"subscribe\","
                + "\"channel\":{\"id\":\"c1\",\"alias\":\"news\"}}}");
    }

    @Test
    void decisionsUseTheLastCopyWithinTheBoundThenFailClosedAndThenRecover() {
        assertThat(authorize().status()).isEqualTo(200);
        server.sql("ALTER TABLE revocations RENAME TO revocations_away");

        clock.advance(Duration.ofSeconds(20));
        Reply withinTheBound = authorize();
        clock.advance(Duration.ofSeconds(11));
        Reply pastTheBound = authorize();
        Reply apiCall = server.get(
                "/v1/revocations",
                java.util.Map.of("Authorization", "Bearer " + server.apiToken(app, "revocations:manage")));
        server.sql("ALTER TABLE revocations_away RENAME TO revocations");
        clock.advance(Duration.ofSeconds(2));
        Reply recovered = authorize();

        assertThat(withinTheBound.status()).as(withinTheBound.body()).isEqualTo(200);
        assertThat(pastTheBound.status()).as(pastTheBound.body()).isEqualTo(503);
        assertThat(pastTheBound.json().get("code").asText()).isEqualTo("revocations-unavailable");
        assertThat(apiCall.status()).as(apiCall.body()).isEqualTo(503);
        assertThat(apiCall.json().get("code").asText()).isEqualTo("revocations-unavailable");
        assertThat(recovered.status()).as(recovered.body()).isEqualTo(200);
    }
}
