package dev.tollgate.edge;

import static dev.tollgate.edge.Fixtures.CHANNEL;
import static dev.tollgate.edge.Fixtures.ROOM;
import static dev.tollgate.edge.Fixtures.STREAM;
import static dev.tollgate.edge.Fixtures.outcome;
import static dev.tollgate.edge.Fixtures.request;
import static dev.tollgate.edge.Fixtures.token;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WhenTheDesignationNamesAChannel {
    private final EdgePolicy policy = Fixtures.policy();

    @Test
    void theChannelIdIsAllowed() {
        assertThat(outcome(policy.decide(
                        token().forChannel(CHANNEL.id()).build(),
                        request().subscribe(CHANNEL).build())))
                .isEqualTo("allowed");
    }

    @Test
    void theChannelAliasIsAllowed() {
        assertThat(outcome(policy.decide(
                        token().forChannelAlias("news").build(),
                        request().subscribe(CHANNEL).build())))
                .isEqualTo("allowed");
    }

    @Test
    void anotherChannelIdIsDeniedAsDesignationMismatch() {
        Decision decision = policy.decide(
                token().forChannel("other").build(),
                request().subscribe(CHANNEL).build());

        assertThat(outcome(decision)).isEqualTo("designation-mismatch");
        assertThat(decision.trace().getLast().detail()).contains("channelId:other", CHANNEL.id());
    }

    @Test
    void anotherAliasIsDeniedAsDesignationMismatch() {
        assertThat(outcome(policy.decide(
                        token().forChannelAlias("sports").build(),
                        request().subscribe(CHANNEL).build())))
                .isEqualTo("designation-mismatch");
    }

    @Test
    void anAliasForAChannelWithoutOneIsDeniedAsDesignationMismatch() {
        Target.Channel bare = Target.channel(CHANNEL.id());

        assertThat(outcome(policy.decide(
                        token().forChannelAlias("news").build(),
                        request().subscribe(bare).build())))
                .isEqualTo("designation-mismatch");
    }

    @Test
    void theSameIdAsARoomIsDeniedAsDesignationMismatch() {
        Target.Room sameIdRoom = Target.room(CHANNEL.id(), "news");

        assertThat(outcome(policy.decide(
                        token().forChannel(CHANNEL.id()).build(),
                        request().subscribe(sameIdRoom).build())))
                .isEqualTo("designation-mismatch");
        assertThat(outcome(policy.decide(
                        token().forChannel(CHANNEL.id()).build(),
                        request().subscribe(ROOM).build())))
                .isEqualTo("designation-mismatch");
    }

    @Test
    void aStreamOfTheChannelIsAllowedBecauseItCarriesTheChannelTag() {
        assertThat(outcome(policy.decide(
                        token().forChannel(CHANNEL.id()).build(),
                        request().subscribe(STREAM).build())))
                .isEqualTo("allowed");
        assertThat(outcome(policy.decide(
                        token().forChannelAlias("news").build(),
                        request().subscribe(STREAM).build())))
                .isEqualTo("allowed");
    }
}
