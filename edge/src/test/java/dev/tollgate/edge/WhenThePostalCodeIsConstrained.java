package dev.tollgate.edge;

import static dev.tollgate.edge.Fixtures.CHANNEL;
import static dev.tollgate.edge.Fixtures.outcome;
import static dev.tollgate.edge.Fixtures.request;
import static dev.tollgate.edge.Fixtures.token;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WhenThePostalCodeIsConstrained {
    private final EdgePolicy policy = Fixtures.policy();

    private Decision subscribeFrom(String address, String token) {
        return policy.decide(
                token, request().remoteAddress(address).subscribe(CHANNEL).build());
    }

    @Test
    void anAllowedPostalCodeIsAllowed() {
        Decision decision = subscribeFrom(
                Fixtures.US_CHICAGO,
                token().forChannel(CHANNEL.id())
                        .allowPostalCodes("60609", "60616")
                        .build());

        assertThat(outcome(decision)).isEqualTo("allowed");
        assertThat(decision.location()).flatMap(GeoLocation::postalCode).contains("60609");
        assertThat(decision.geoDatabase()).hasValueSatisfying(db -> {
            assertThat(db.type()).isEqualTo("GeoIP2-City");
            assertThat(db.buildDate()).isEqualTo(Fixtures.CITY_BUILT);
        });
    }

    @Test
    void aLowerCasePostalCodeOnTheAllowListMatches() {
        Decision decision = subscribeFrom(
                Fixtures.GB_LONDON,
                token().forChannel(CHANNEL.id()).allowPostalCodes("sw1a 1aa").build());

        assertThat(outcome(decision)).isEqualTo("allowed");
        assertThat(decision.location()).flatMap(GeoLocation::postalCode).contains("SW1A 1AA");
    }

    @Test
    void aLowerCasePostalCodeOnTheDenyListIsDenied() {
        assertThat(outcome(subscribeFrom(
                        Fixtures.GB_LONDON,
                        token().forChannel(CHANNEL.id())
                                .denyPostalCodes("sw1a 1aa")
                                .build())))
                .isEqualTo("postal-code-denied");
    }

    @Test
    void aPostalCodeOffTheAllowListIsDeniedAsPostalCodeNotAllowed() {
        assertThat(outcome(subscribeFrom(
                        Fixtures.DE_BERLIN,
                        token().forChannel(CHANNEL.id())
                                .allowPostalCodes("60609")
                                .build())))
                .isEqualTo("postal-code-not-allowed");
    }

    @Test
    void anAddressWithoutAPostalCodeIsNotOnAnAllowList() {
        assertThat(outcome(subscribeFrom(
                        Fixtures.IN_NO_POSTAL,
                        token().forChannel(CHANNEL.id())
                                .allowPostalCodes("60609")
                                .build())))
                .isEqualTo("postal-code-not-allowed");
    }

    @Test
    void aDeniedPostalCodeIsDeniedAsPostalCodeDenied() {
        Decision decision = subscribeFrom(
                Fixtures.US_V6,
                token().forChannel(CHANNEL.id())
                        .denyPostalCodes("01748", "60616")
                        .build());

        assertThat(outcome(decision)).isEqualTo("postal-code-denied");
        assertThat(decision.location()).flatMap(GeoLocation::postalCode).contains("60616");
        assertThat(decision.geoDatabase()).hasValueSatisfying(db -> {
            assertThat(db.type()).isEqualTo("GeoIP2-City");
            assertThat(db.buildDate()).isEqualTo(Fixtures.CITY_BUILT);
        });
    }

    @Test
    void aPostalCodeOffTheDenyListIsAllowed() {
        assertThat(outcome(subscribeFrom(
                        Fixtures.US_CHICAGO,
                        token().forChannel(CHANNEL.id())
                                .denyPostalCodes("01748")
                                .build())))
                .isEqualTo("allowed");
    }

    @Test
    void anUnknownPostalCodeAgainstADenyListFailsClosedAsLocationUnavailable() {
        assertThat(outcome(subscribeFrom(
                        Fixtures.IN_NO_POSTAL,
                        token().forChannel(CHANNEL.id())
                                .denyPostalCodes("01748")
                                .build())))
                .isEqualTo("location-unavailable");
    }

    @Test
    void countryAndPostalCodeConstraintsCombine() {
        String token = token().forChannel(CHANNEL.id())
                .allowCountries("US")
                .allowPostalCodes("60616")
                .build();

        Decision decision = subscribeFrom(Fixtures.US_CHICAGO, token);

        assertThat(outcome(decision)).isEqualTo("postal-code-not-allowed");
        assertThat(Fixtures.steps(decision)).endsWith("location:PASS", "country-allow:PASS", "postal-code-allow:FAIL");
    }
}
