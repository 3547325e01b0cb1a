package dev.tollgate.edge;

import static dev.tollgate.edge.Fixtures.CHANNEL;
import static dev.tollgate.edge.Fixtures.STREAM;
import static dev.tollgate.edge.Fixtures.outcome;
import static dev.tollgate.edge.Fixtures.request;
import static dev.tollgate.edge.Fixtures.token;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WhenTheDesignationIsATag {
    private final EdgePolicy policy = Fixtures.policy();

    @Test
    void aStreamCarryingTheTagIsAllowed() {
        assertThat(outcome(policy.decide(
                        token().forTag("customer:acme").build(),
                        request().subscribe(STREAM).build())))
                .isEqualTo("allowed");
    }

    @Test
    void aStreamWithoutTheTagIsDeniedAsDesignationMismatch() {
        assertThat(outcome(policy.decide(
                        token().forTag("customer:globex").build(),
                        request().subscribe(STREAM).build())))
                .isEqualTo("designation-mismatch");
    }

    @Test
    void aChannelTargetCarriesNoStreamTagsSoItIsDeniedAsDesignationMismatch() {
        assertThat(outcome(policy.decide(
                        token().forTag("customer:acme").build(),
                        request().subscribe(CHANNEL).build())))
                .isEqualTo("designation-mismatch");
    }

    @Test
    void aPublishTokenWithTheTagMayPublishToTheStream() {
        assertThat(outcome(policy.decide(
                        token().forPublishingOnly().forTag("customer:acme").build(),
                        request().publish(STREAM).build())))
                .isEqualTo("allowed");
    }
}
