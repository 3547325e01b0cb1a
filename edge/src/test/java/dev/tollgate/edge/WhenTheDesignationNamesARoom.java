package dev.tollgate.edge;

import static dev.tollgate.edge.Fixtures.CHANNEL;
import static dev.tollgate.edge.Fixtures.ROOM;
import static dev.tollgate.edge.Fixtures.STREAM;
import static dev.tollgate.edge.Fixtures.outcome;
import static dev.tollgate.edge.Fixtures.request;
import static dev.tollgate.edge.Fixtures.token;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WhenTheDesignationNamesARoom {
    private final EdgePolicy policy = Fixtures.policy();

    @Test
    void theRoomIdIsAllowed() {
        assertThat(outcome(policy.decide(
                        token().forRoom(ROOM.id()).build(),
                        request().subscribe(ROOM).build())))
                .isEqualTo("allowed");
    }

    @Test
    void theRoomAliasIsAllowed() {
        assertThat(outcome(policy.decide(
                        token().forRoomAlias("lobby").build(),
                        request().subscribe(ROOM).build())))
                .isEqualTo("allowed");
    }

    @Test
    void anotherRoomIsDeniedAsDesignationMismatch() {
        assertThat(outcome(policy.decide(
                        token().forRoom("other").build(),
                        request().subscribe(ROOM).build())))
                .isEqualTo("designation-mismatch");
        assertThat(outcome(policy.decide(
                        token().forRoomAlias("hall").build(),
                        request().subscribe(ROOM).build())))
                .isEqualTo("designation-mismatch");
    }

    @Test
    void aRoomDesignationForAChannelIsDeniedAsDesignationMismatch() {
        assertThat(outcome(policy.decide(
                        token().forRoomAlias("news").build(),
                        request().subscribe(CHANNEL).build())))
                .isEqualTo("designation-mismatch");
    }

    @Test
    void aRoomDesignationForAStreamOutsideTheRoomIsDeniedAsDesignationMismatch() {
        assertThat(outcome(policy.decide(
                        token().forRoom(ROOM.id()).build(),
                        request().subscribe(STREAM).build())))
                .isEqualTo("designation-mismatch");
    }
}
