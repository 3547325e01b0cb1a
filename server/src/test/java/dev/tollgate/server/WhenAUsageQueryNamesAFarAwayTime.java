package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.TestServer.App;
import dev.tollgate.server.TestServer.Reply;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /v1/usage} takes instants from 1970 to the end of 9999 only: ISO-8601 parses years up to ±1,000,000,000,
 * whose epoch milliseconds overflow and whose arithmetic leaves {@code Instant}'s range (review item 2, once a 500).
 */
class WhenAUsageQueryNamesAFarAwayTime extends ServerScenario {
    App app;

    @BeforeEach
    void createTheApplication() {
        app = server.createApplication("billing");
    }

    Reply usage(String query) {
        return server.get("/v1/usage?" + query, Map.of("Authorization", app.basic()));
    }

    @Test
    void aYearFarInTheFutureIsAnInvalidParameter() {
        // %2B is '+': the query string is form-encoded.
        Reply both = usage("from=%2B1000000000-01-01T00:00:00Z&to=%2B1000000000-01-02T00:00:00Z");
        Reply tenThousand = usage("from=%2B10000-01-01T00:00:00Z&to=%2B10000-01-02T00:00:00Z");

        assertThat(both.status()).as(both.body()).isEqualTo(400);
        assertThat(both.json().get("code").asText()).isEqualTo("invalid-parameter");
        assertThat(both.json().get("message").asText()).contains("1970-01-01").contains("9999-12-31");
        assertThat(tenThousand.status()).as(tenThousand.body()).isEqualTo(400);
        assertThat(tenThousand.json().get("code").asText()).isEqualTo("invalid-parameter");
    }

    @Test
    void aYearFarInThePastIsAnInvalidParameter() {
        Reply to = usage("to=-1000000000-01-01T00:00:00Z");
        Reply from = usage("from=1969-12-31T23:59:59Z&to=1970-01-01T01:00:00Z");

        assertThat(to.status()).as(to.body()).isEqualTo(400);
        assertThat(to.json().get("code").asText()).isEqualTo("invalid-parameter");
        assertThat(from.status()).as(from.body()).isEqualTo(400);
        assertThat(from.json().get("code").asText()).isEqualTo("invalid-parameter");
    }

    @Test
    void theBoundsThemselvesAreAccepted() {
        Reply first = usage("to=1970-01-01T00:00:00Z");
        Reply firstDay = usage("from=1970-01-01&to=1970-01-02");
        Reply last = usage("from=9999-12-31&to=9999-12-31T23:59:59.999Z");

        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().get("from").asText()).isEqualTo("1969-12-31T00:00:00Z");
        assertThat(firstDay.status()).as(firstDay.body()).isEqualTo(200);
        assertThat(last.status()).as(last.body()).isEqualTo(200);
        assertThat(last.json().get("rows").size()).isZero();
    }
}
