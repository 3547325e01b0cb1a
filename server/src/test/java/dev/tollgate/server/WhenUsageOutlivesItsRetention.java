package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.TestServer.App;
import dev.tollgate.server.TestServer.Reply;
import dev.tollgate.token.TokenBuilder;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Usage events are kept for the retention (400 days unless configured) and deleted after it, as later events are
 * written: a flood of old rows does not stay in the database forever.
 */
class WhenUsageOutlivesItsRetention extends ServerScenario {
    App app;

    @BeforeEach
    void createAnApplication() {
        app = server.createApplication("retained");
    }

    /** One allowed subscription, with a token minted at the test clock's now. */
    void subscribe() {
        String token = new TokenBuilder()
                .withApplicationId(app.id())
                .withSecret(app.secret())
                .withClock(clock)
                .expiresIn(Duration.ofHours(1))
                .forStreamingOnly()
                .forChannelAlias("news")
                .applyTag("customer=acme")
                .build();
        Reply reply = server.edgeAuthorize("{\"token\":\"" + token + "\",\"request\":{\"action\":\"subscribe\","
                + "\"channel\":{\"id\":\"c1\",\"alias\":\"news\"}}}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }

    long events() {
        return server.sql("SELECT COUNT(*) FROM usage_events");
    }

    long tags() {
        return server.sql("SELECT COUNT(*) FROM usage_event_tags");
    }

    @Test
    void eventsOlderThan400DaysAreDeletedByALaterWrite() {
        subscribe();
        clock.advance(Duration.ofDays(399));
        subscribe();
        long withinRetention = events();
        clock.advance(Duration.ofDays(2));
        subscribe();

        assertThat(withinRetention).isEqualTo(2);
        assertThat(events()).isEqualTo(2);
        assertThat(tags()).isEqualTo(2);
    }

    @Test
    void aConfiguredRetentionIsHonoured() {
        ServerConfig thirtyDays = server.config.withUsageRetention(Duration.ofDays(30));
        server.close();
        server = TestServer.wrap(TollgateServer.start(thirtyDays, clock), thirtyDays);
        subscribe();
        subscribe();
        clock.advance(Duration.ofDays(31));

        subscribe();

        assertThat(events()).isEqualTo(1);
        assertThat(tags()).isEqualTo(1);
    }

    @Test
    void aRetentionUnderOneDayIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> server.config.withUsageRetention(Duration.ofHours(23)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one day");
    }
}
