package dev.tollgate.edge;

import static dev.tollgate.edge.Fixtures.CHANNEL;
import static dev.tollgate.edge.Fixtures.outcome;
import static dev.tollgate.edge.Fixtures.request;
import static dev.tollgate.edge.Fixtures.token;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WhenSubscribingWithAPublishToken {
    private final EdgePolicy policy = Fixtures.policy();

    @Test
    void itIsDeniedAsWrongTokenType() {
        Decision decision = policy.decide(
                token().forPublishingOnly().forChannel(CHANNEL.id()).build(),
                request().subscribe(CHANNEL).build());

        assertThat(outcome(decision)).isEqualTo("wrong-token-type");
        assertThat(decision.trace().getLast().detail()).contains("publishToken does not permit SUBSCRIBE");
        assertThat(decision.trace().getLast().outcome()).isEqualTo(Check.Outcome.FAIL);
    }

    @Test
    void theSameTokenIsAllowedToPublishToItsChannel() {
        Decision decision = policy.decide(
                token().forPublishingOnly().forChannel(CHANNEL.id()).build(),
                request().publish(CHANNEL).build());

        assertThat(outcome(decision)).isEqualTo("allowed");
        assertThat(Fixtures.steps(decision)).contains("token-type:PASS", "designation:PASS");
    }
}
