package dev.tollgate.edge;

import static dev.tollgate.edge.Fixtures.CHANNEL;
import static dev.tollgate.edge.Fixtures.STREAM;
import static dev.tollgate.edge.Fixtures.outcome;
import static dev.tollgate.edge.Fixtures.request;
import static dev.tollgate.edge.Fixtures.token;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WhenPublishingWithoutADesignation {
    private final EdgePolicy policy = Fixtures.policy();

    @Test
    void itIsDeniedAsNoDesignation() {
        Decision decision = policy.decide(
                token().forPublishingOnly().build(), request().publish(CHANNEL).build());

        assertThat(outcome(decision)).isEqualTo("no-designation");
    }

    @Test
    void itIsDeniedForAStreamTargetToo() {
        Decision decision = policy.decide(
                token().forPublishingOnly().build(), request().publish(STREAM).build());

        assertThat(outcome(decision)).isEqualTo("no-designation");
    }

    @Test
    void theSameTokenWithADesignationIsAllowedToPublish() {
        Decision decision = policy.decide(
                token().forPublishingOnly().forChannel(CHANNEL.id()).build(),
                request().publish(CHANNEL).build());

        assertThat(outcome(decision)).isEqualTo("allowed");
    }

    @Test
    void withoutADesignationItStillCannotAuthenticateAsPublishTokensNeverDo() {
        // Seed: an undesignated token "would allow authentication" — but only a type that authenticates at all;
        // a publishToken publishes only, so the contrast with an edgeToken is the token type, not the designation.
        Decision decision = policy.decide(
                token().forPublishingOnly().build(), request().authenticate().build());

        assertThat(outcome(decision)).isEqualTo("wrong-token-type");
    }
}
