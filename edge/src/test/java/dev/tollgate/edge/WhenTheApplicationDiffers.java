package dev.tollgate.edge;

import static dev.tollgate.edge.Fixtures.CHANNEL;
import static dev.tollgate.edge.Fixtures.outcome;
import static dev.tollgate.edge.Fixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.token.TokenBuilder;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WhenTheApplicationDiffers {
    private final EdgePolicy policy = Fixtures.policy();
    private final String otherAppToken = new TokenBuilder()
            .withApplicationId(Fixtures.OTHER_APP)
            .withSecret(Fixtures.OTHER_SECRET)
            .withClock(Fixtures.CLOCK)
            .expiresIn(Duration.ofMinutes(5))
            .forChannel(CHANNEL.id())
            .build();

    @Test
    void subscribingIsDeniedAsApplicationMismatch() {
        Decision decision =
                policy.decide(otherAppToken, request().subscribe(CHANNEL).build());

        assertThat(outcome(decision)).isEqualTo("application-mismatch");
        assertThat(decision.trace().getLast().detail()).contains(Fixtures.OTHER_APP, Fixtures.APP);
    }

    @Test
    void authenticatingForAnotherApplicationIsDeniedAsApplicationMismatch() {
        assertThat(outcome(policy.decide(otherAppToken, request().authenticate().build())))
                .isEqualTo("application-mismatch");
    }

    @Test
    void theTokensOwnApplicationIsAllowed() {
        assertThat(outcome(policy.decide(
                        otherAppToken,
                        request()
                                .applicationId(Fixtures.OTHER_APP)
                                .subscribe(CHANNEL)
                                .build())))
                .isEqualTo("allowed");
    }

    @Test
    void withNoOwnerNamedTheRuleIsNotCheckedAndTheTraceSaysSo() {
        AccessRequest unnamed =
                AccessRequest.builder().time(Fixtures.NOW).subscribe(CHANNEL).build();

        Decision decision = policy.decide(otherAppToken, unnamed);

        assertThat(outcome(decision)).isEqualTo("allowed");
        Check application = decision.trace().stream()
                .filter(check -> check.name().equals("application"))
                .findFirst()
                .orElseThrow();
        assertThat(application.outcome()).isEqualTo(Check.Outcome.SKIP);
        assertThat(application.detail()).startsWith("not checked").contains(Fixtures.OTHER_APP);
    }

    @Test
    void theOwnerIsNeverTakenFromTheToken() {
        // The request names the fixture application; the token is another's: a default from the token would allow it.
        Decision decision =
                policy.decide(otherAppToken, request().subscribe(CHANNEL).build());

        assertThat(decision)
                .isInstanceOfSatisfying(
                        Denied.class,
                        denied -> assertThat(denied.authentic())
                                .hasValueSatisfying(token ->
                                        assertThat(token.applicationId()).isEqualTo(Fixtures.OTHER_APP)));
    }
}
