package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.client.ManualClock;
import dev.tollgate.server.TestServer.App;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes on one PostgreSQL keep one failure budget per address and per application (issue 12): N nodes do not give
 * an attacker N times the attempts. The clock is fixed far from the machine's own time, so a budget that refilled on
 * Bucket4j's system time instead of the server's clock would show.
 */
class WhenNodesShareAFailureBudget {
    private static final String TOKEN = "/v1/auth/token";
    private static final String GRANT = "grant_type=client_credentials";

    @TempDir
    Path firstDirectory;

    @TempDir
    Path secondDirectory;

    final ManualClock clock = new ManualClock(Instant.parse("2031-03-01T12:00:00Z"));
    TwoNodes nodes;
    App app;
    String wrong;

    @BeforeEach
    void startTwoNodes() {
        nodes = TwoNodes.start(firstDirectory, secondDirectory, clock);
        app = nodes.first.createApplication("budgeted");
        wrong = new App(app.id(), "not-the-secret").basic();
    }

    @AfterEach
    void stopBoth() {
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void failuresOfOneAddressOnBothNodesUseUpOneBudget() {
        String unknown = new App("no-such-application", "x").basic();
        List<Integer> failures = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            failures.add(
                    nodes.first.postFormFrom("127.0.0.7", TOKEN, unknown, GRANT).status());
            failures.add(nodes.second
                    .postFormFrom("127.0.0.7", TOKEN, unknown, GRANT)
                    .status());
        }

        // Five failures on each node: one node alone would still let the address try (its budget is ten).
        int rightSecretAfterTen = nodes.second
                .postFormFrom("127.0.0.7", TOKEN, app.basic(), GRANT)
                .status();
        int anotherAddress = nodes.second
                .postFormFrom("127.0.0.8", TOKEN, app.basic(), GRANT)
                .status();
        clock.advance(Duration.ofMinutes(1));
        int afterTheRefill = nodes.second
                .postFormFrom("127.0.0.7", TOKEN, app.basic(), GRANT)
                .status();

        assertThat(failures).containsOnly(401);
        assertThat(rightSecretAfterTen).isEqualTo(429);
        assertThat(anotherAddress).isEqualTo(200);
        assertThat(afterTheRefill).isEqualTo(200);
    }

    @Test
    void anAddressBlockedOnOneNodeIsRefusedOnTheOtherBeforeItsCredentialsAreChecked() {
        String unknown = new App("no-such-application", "x").basic();
        for (int i = 0; i < 10; i++) {
            nodes.first.postFormFrom("127.0.0.12", TOKEN, unknown, GRANT);
        }

        // The right secret: refused unchecked once the second node has heard that the address has no attempt left.
        Duration delay = WhenChangesReachEveryNode.delayUntil(() -> nodes.second
                        .postFormFrom("127.0.0.12", TOKEN, app.basic(), GRANT)
                        .status()
                == 429);

        WhenChangesReachEveryNode.report("used-up failure budget", delay);
        assertThat(delay).isLessThanOrEqualTo(WhenChangesReachEveryNode.BOUND);
    }

    @Test
    void wrongSecretsForOneApplicationOnBothNodesUseUpOneBudget() {
        List<Integer> failures = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            failures.add(
                    nodes.first.postFormFrom("127.0.0.9", TOKEN, wrong, GRANT).status());
            failures.add(
                    nodes.second.postFormFrom("127.0.0.10", TOKEN, wrong, GRANT).status());
        }

        // Twenty wrong secrets, ten per node: the application's budget (twenty) is used up on both.
        TestServer.Reply wrongOnFirst = nodes.first.postFormFrom("127.0.0.11", TOKEN, wrong, GRANT);
        int rightOnFirst = nodes.first
                .postFormFrom("127.0.0.11", TOKEN, app.basic(), GRANT)
                .status();

        assertThat(failures).containsOnly(401);
        assertThat(wrongOnFirst.status()).isEqualTo(429);
        // The application budget refills one attempt every 3 s, on the server's clock.
        assertThat(wrongOnFirst.header("Retry-After")).isEqualTo("3");
        assertThat(rightOnFirst).isEqualTo(200);
        assertThat(nodes.first.sql(
                        "SELECT COUNT(*) FROM rate_limit_buckets WHERE id = 'failed-application:" + app.id() + "'"))
                .isEqualTo(1);
    }
}
