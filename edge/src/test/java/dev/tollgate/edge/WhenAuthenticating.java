package dev.tollgate.edge;

import static dev.tollgate.edge.Fixtures.outcome;
import static dev.tollgate.edge.Fixtures.request;
import static dev.tollgate.edge.Fixtures.token;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WhenAuthenticating {
    private final EdgePolicy policy = Fixtures.policy();

    @Test
    void anEdgeTokenIsAllowedBecauseItIsAlsoAnAuthToken() {
        Decision decision = policy.decide(
                token().forChannel(Fixtures.CHANNEL.id()).build(),
                request().authenticate().build());

        assertThat(outcome(decision)).isEqualTo("allowed");
    }

    @Test
    void anAuthTokenIsAllowed() {
        Decision decision = policy.decide(
                token().forAuthenticationOnly().build(),
                request().authenticate().build());

        assertThat(outcome(decision)).isEqualTo("allowed");
    }

    @Test
    void aTokenWithoutADesignationIsAllowedAsTheSeedSays() {
        Decision decision =
                policy.decide(token().build(), request().authenticate().build());

        assertThat(outcome(decision)).isEqualTo("allowed");
        assertThat(decision.trace())
                .filteredOn(check -> check.name().equals("designation"))
                .singleElement()
                .satisfies(check -> assertThat(check.outcome()).isEqualTo(Check.Outcome.SKIP));
    }

    @Test
    void aStreamTokenIsDeniedAsWrongTokenType() {
        Decision decision = policy.decide(
                token().forStreamingOnly().forChannel("c").build(),
                request().authenticate().build());

        assertThat(outcome(decision)).isEqualTo("wrong-token-type");
    }

    @Test
    void aPublishTokenIsDeniedAsWrongTokenType() {
        Decision decision = policy.decide(
                token().forPublishingOnly().forChannel("c").build(),
                request().authenticate().build());

        assertThat(outcome(decision)).isEqualTo("wrong-token-type");
    }

    @Test
    void theAllowedDecisionCarriesTheClaimsTagsAndCapabilities() {
        String token = token().forAuthenticationOnly()
                .applyTag("customer:acme")
                .withCapability("multi-bitrate")
                .build();

        Decision decision = policy.decide(token, request().authenticate().build());

        assertThat(decision).isInstanceOfSatisfying(Allowed.class, allowed -> {
            assertThat(allowed.applicationId()).isEqualTo(Fixtures.APP);
            assertThat(allowed.applyTags()).containsExactly("customer:acme");
            assertThat(allowed.capabilities()).containsExactly("multi-bitrate");
            assertThat(allowed.claims().type()).isEqualTo(dev.tollgate.token.TokenType.AUTH);
            assertThat(allowed.location()).isEmpty();
            assertThat(allowed.geoDatabase()).isEmpty();
        });
    }

    @Test
    void theTraceListsEveryCheckInOrder() {
        Decision decision = policy.decide(
                token().forAuthenticationOnly().build(),
                request().authenticate().build());

        assertThat(Fixtures.steps(decision))
                .containsExactly(
                        "token:PASS",
                        "expiry:PASS",
                        "token-type:PASS",
                        "application:PASS",
                        "designation:SKIP",
                        "remote-address:SKIP",
                        "session:SKIP",
                        "origin-stream:SKIP",
                        "location:SKIP");
        assertThat(decision.explain()).contains("authToken permits AUTHENTICATE");
    }
}
