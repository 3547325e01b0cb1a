package dev.tollgate.edge;

import static dev.tollgate.edge.Fixtures.CHANNEL;
import static dev.tollgate.edge.Fixtures.STREAM;
import static dev.tollgate.edge.Fixtures.outcome;
import static dev.tollgate.edge.Fixtures.request;
import static dev.tollgate.edge.Fixtures.token;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class WhenTheOriginStreamDiffers {
    private final EdgePolicy policy = Fixtures.policy();
    private final String viewToken =
            token().forChannel(CHANNEL.id()).forOriginStream(STREAM.id()).build();

    @Test
    void anotherStreamIsDeniedAsOriginStreamMismatch() {
        Target.OriginStream other = Target.originStream("us-east#other", STREAM.tags());

        assertThat(outcome(policy.decide(viewToken, request().subscribe(other).build())))
                .isEqualTo("origin-stream-mismatch");
    }

    @Test
    void aChannelTargetNamesNoOriginStreamSoItIsDeniedAsOriginStreamMismatch() {
        assertThat(outcome(policy.decide(viewToken, request().subscribe(CHANNEL).build())))
                .isEqualTo("origin-stream-mismatch");
    }

    @Test
    void theSameStreamIsAllowed() {
        assertThat(outcome(policy.decide(viewToken, request().subscribe(STREAM).build())))
                .isEqualTo("allowed");
    }

    @Test
    void authenticationInvolvesNoStreamSoTheCheckIsSkipped() {
        Decision decision = policy.decide(viewToken, request().authenticate().build());

        assertThat(outcome(decision)).isEqualTo("allowed");
        assertThat(Fixtures.steps(decision)).contains("origin-stream:SKIP");
    }

    @Test
    void theDesignationIsStillChecked() {
        Target.OriginStream untagged = Target.originStream(STREAM.id(), Set.of());

        assertThat(outcome(
                        policy.decide(viewToken, request().subscribe(untagged).build())))
                .isEqualTo("designation-mismatch");
    }
}
