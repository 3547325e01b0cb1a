package dev.tollgate.edge;

import static dev.tollgate.edge.Fixtures.CHANNEL;
import static dev.tollgate.edge.Fixtures.outcome;
import static dev.tollgate.edge.Fixtures.request;
import static dev.tollgate.edge.Fixtures.token;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WhenSubscribingWithoutADesignation {
    private final EdgePolicy policy = Fixtures.policy();
    private final String token = token().build();

    @Test
    void itIsDeniedAsNoDesignation() {
        Decision decision = policy.decide(token, request().subscribe(CHANNEL).build());

        assertThat(outcome(decision)).isEqualTo("no-designation");
    }

    @Test
    void theSameTokenStillAuthenticates() {
        Decision decision = policy.decide(token, request().authenticate().build());

        assertThat(outcome(decision)).isEqualTo("allowed");
    }
}
