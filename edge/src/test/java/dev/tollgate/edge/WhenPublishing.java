package dev.tollgate.edge;

import static dev.tollgate.edge.Fixtures.CHANNEL;
import static dev.tollgate.edge.Fixtures.ROOM;
import static dev.tollgate.edge.Fixtures.outcome;
import static dev.tollgate.edge.Fixtures.request;
import static dev.tollgate.edge.Fixtures.token;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WhenPublishing {
    private final EdgePolicy policy = Fixtures.policy();

    @Test
    void aPublishTokenForTheRoomIsAllowed() {
        Decision decision = policy.decide(
                token().forPublishingOnly().forRoom(ROOM.id()).build(),
                request().publish(ROOM).build());

        assertThat(outcome(decision)).isEqualTo("allowed");
    }

    @Test
    void anEdgeTokenIsDeniedAsWrongTokenType() {
        Decision decision = policy.decide(
                token().forChannel(CHANNEL.id()).build(),
                request().publish(CHANNEL).build());

        assertThat(outcome(decision)).isEqualTo("wrong-token-type");
    }

    @Test
    void aStreamTokenIsDeniedAsWrongTokenType() {
        Decision decision = policy.decide(
                token().forStreamingOnly().forChannel(CHANNEL.id()).build(),
                request().publish(CHANNEL).build());

        assertThat(outcome(decision)).isEqualTo("wrong-token-type");
    }

    @Test
    void anAuthTokenIsDeniedAsWrongTokenType() {
        Decision decision = policy.decide(
                token().forAuthenticationOnly().forChannel(CHANNEL.id()).build(),
                request().publish(CHANNEL).build());

        assertThat(outcome(decision)).isEqualTo("wrong-token-type");
    }

    @Test
    void aPublishTokenForAnotherChannelIsDeniedAsDesignationMismatch() {
        Decision decision = policy.decide(
                token().forPublishingOnly().forChannel("another").build(),
                request().publish(CHANNEL).build());

        assertThat(outcome(decision)).isEqualTo("designation-mismatch");
    }
}
