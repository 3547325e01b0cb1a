package dev.tollgate.edge;

import static dev.tollgate.edge.Fixtures.CHANNEL;
import static dev.tollgate.edge.Fixtures.NOW;
import static dev.tollgate.edge.Fixtures.outcome;
import static dev.tollgate.edge.Fixtures.request;
import static dev.tollgate.edge.Fixtures.token;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WhenTheTokenIsExpired {
    private final EdgePolicy policy = EdgePolicy.builder()
            .secrets(Fixtures.secrets())
            .clock(Fixtures.CLOCK)
            .clockSkew(Duration.ofSeconds(30))
            .build();
    private final String token = token().forChannel(CHANNEL.id()).expiresAt(NOW).build();

    @Test
    void presentingItAfterTheSkewIsDeniedAsExpired() {
        Decision decision = policy.decide(
                token, request().time(NOW.plusSeconds(31)).subscribe(CHANNEL).build());

        assertThat(outcome(decision)).isEqualTo("expired");
        assertThat(Fixtures.steps(decision)).containsExactly("expiry:FAIL");
    }

    @Test
    void theDenialCarriesTheAuthenticClaimsSoNothingVerifiesItAgain() {
        Decision decision = policy.decide(
                token, request().time(NOW.plusSeconds(31)).subscribe(CHANNEL).build());

        assertThat(decision.authentic()).hasValueSatisfying(authentic -> {
            assertThat(authentic.applicationId()).isEqualTo(Fixtures.APP);
            assertThat(authentic.claims().expiresAt()).isEqualTo(NOW);
            assertThat(authentic.claims().requiredTag().orElseThrow().value()).isEqualTo(CHANNEL.id());
        });
    }

    @Test
    void presentingItWithinTheSkewIsAllowed() {
        assertThat(outcome(policy.decide(
                        token,
                        request().time(NOW.plusSeconds(29)).subscribe(CHANNEL).build())))
                .isEqualTo("allowed");
    }

    @Test
    void publishingCannotBeginOnceTheTokenExpired() {
        String publish = token().forPublishingOnly()
                .forChannel(CHANNEL.id())
                .expiresAt(NOW.minusSeconds(60))
                .build();

        assertThat(outcome(policy.decide(publish, request().publish(CHANNEL).build())))
                .isEqualTo("expired");
    }

    @Test
    void theTraceSaysAnEstablishedSessionIsNotEndedByExpiry() {
        Decision decision = policy.decide(token, request().subscribe(CHANNEL).build());

        assertThat(decision.trace().get(1).name()).isEqualTo("expiry");
        assertThat(decision.trace().get(1).detail()).contains("established sessions are not ended");
    }

    @Test
    void theRequestTimeDecidesNotTheWallClock() {
        // Replaying a past decision: the request's time is what expiry is checked against.
        assertThat(outcome(policy.decide(
                        token,
                        request()
                                .time(NOW.minusSeconds(3600))
                                .subscribe(CHANNEL)
                                .build())))
                .isEqualTo("allowed");
    }
}
