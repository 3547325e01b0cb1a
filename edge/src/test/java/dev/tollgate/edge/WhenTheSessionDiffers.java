package dev.tollgate.edge;

import static dev.tollgate.edge.Fixtures.CHANNEL;
import static dev.tollgate.edge.Fixtures.outcome;
import static dev.tollgate.edge.Fixtures.request;
import static dev.tollgate.edge.Fixtures.token;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WhenTheSessionDiffers {
    private final EdgePolicy policy = Fixtures.policy();
    private final String token =
            token().forChannel(CHANNEL.id()).forSession("session-1").build();

    @Test
    void itIsDeniedAsSessionMismatch() {
        assertThat(outcome(policy.decide(
                        token,
                        request().sessionId("session-2").subscribe(CHANNEL).build())))
                .isEqualTo("session-mismatch");
    }

    @Test
    void aRequestWithoutASessionIsDeniedAsSessionMismatch() {
        assertThat(outcome(policy.decide(token, request().subscribe(CHANNEL).build())))
                .isEqualTo("session-mismatch");
    }

    @Test
    void authenticationIsCheckedTooBecauseTheSessionIsTheUsersConstraint() {
        assertThat(outcome(policy.decide(
                        token, request().sessionId("other").authenticate().build())))
                .isEqualTo("session-mismatch");
    }

    @Test
    void theSameSessionIsAllowed() {
        assertThat(outcome(policy.decide(
                        token,
                        request().sessionId("session-1").subscribe(CHANNEL).build())))
                .isEqualTo("allowed");
    }
}
