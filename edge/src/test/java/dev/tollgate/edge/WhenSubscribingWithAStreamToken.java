package dev.tollgate.edge;

import static dev.tollgate.edge.Fixtures.CHANNEL;
import static dev.tollgate.edge.Fixtures.outcome;
import static dev.tollgate.edge.Fixtures.request;
import static dev.tollgate.edge.Fixtures.token;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WhenSubscribingWithAStreamToken {
    private final EdgePolicy policy = Fixtures.policy();

    @Test
    void itIsAllowed() {
        Decision decision = policy.decide(
                token().forStreamingOnly().forChannel(CHANNEL.id()).build(),
                request().subscribe(CHANNEL).build());

        assertThat(outcome(decision)).isEqualTo("allowed");
    }

    @Test
    void anEdgeTokenIsAllowedToo() {
        Decision decision = policy.decide(
                token().forChannel(CHANNEL.id()).build(),
                request().subscribe(CHANNEL).build());

        assertThat(outcome(decision)).isEqualTo("allowed");
    }

    @Test
    void anAuthTokenIsDeniedAsWrongTokenType() {
        Decision decision = policy.decide(
                token().forAuthenticationOnly().forChannel(CHANNEL.id()).build(),
                request().subscribe(CHANNEL).build());

        assertThat(outcome(decision)).isEqualTo("wrong-token-type");
    }
}
