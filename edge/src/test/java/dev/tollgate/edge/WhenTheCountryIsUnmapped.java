package dev.tollgate.edge;

import static dev.tollgate.edge.Fixtures.CHANNEL;
import static dev.tollgate.edge.Fixtures.UNMAPPED;
import static dev.tollgate.edge.Fixtures.outcome;
import static dev.tollgate.edge.Fixtures.request;
import static dev.tollgate.edge.Fixtures.token;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WhenTheCountryIsUnmapped {
    private final EdgePolicy policy = Fixtures.policy();

    private Decision subscribe(String token) {
        return policy.decide(
                token, request().remoteAddress(UNMAPPED).subscribe(CHANNEL).build());
    }

    @Test
    void denyingQuestionMarksDeniesItAsCountryDenied() {
        Decision decision = subscribe(
                token().forChannel(CHANNEL.id()).denyCountries("US", "IN", "??").build());

        assertThat(outcome(decision)).isEqualTo("country-denied");
        assertThat(decision.location()).map(GeoLocation::country).contains("??");
    }

    @Test
    void anAllowListWithoutQuestionMarksDeniesItAsCountryNotAllowed() {
        assertThat(outcome(subscribe(
                        token().forChannel(CHANNEL.id()).allowCountries("US").build())))
                .isEqualTo("country-not-allowed");
    }

    @Test
    void allowingQuestionMarksAllowsIt() {
        assertThat(outcome(subscribe(token().forChannel(CHANNEL.id())
                        .allowCountries("US", "??")
                        .build())))
                .isEqualTo("allowed");
    }

    @Test
    void aDenyListWithoutQuestionMarksAllowsIt() {
        assertThat(outcome(subscribe(
                        token().forChannel(CHANNEL.id()).denyCountries("IN").build())))
                .isEqualTo("allowed");
    }
}
