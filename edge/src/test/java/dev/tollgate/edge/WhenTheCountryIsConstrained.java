package dev.tollgate.edge;

import static dev.tollgate.edge.Fixtures.CHANNEL;
import static dev.tollgate.edge.Fixtures.outcome;
import static dev.tollgate.edge.Fixtures.request;
import static dev.tollgate.edge.Fixtures.token;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WhenTheCountryIsConstrained {
    private final EdgePolicy policy = Fixtures.policy();

    private Decision subscribeFrom(String address, String token) {
        return policy.decide(
                token, request().remoteAddress(address).subscribe(CHANNEL).build());
    }

    @Test
    void anAllowedCountryIsAllowedAndTheLocationIsRecorded() {
        Decision decision = subscribeFrom(
                Fixtures.US_CHICAGO,
                token().forChannel(CHANNEL.id()).allowCountries("US", "DE").build());

        assertThat(outcome(decision)).isEqualTo("allowed");
        assertThat(decision.location()).map(GeoLocation::country).contains("US");
        assertThat(decision.geoDatabase()).hasValueSatisfying(db -> {
            assertThat(db.type()).isEqualTo("GeoIP2-City");
            assertThat(db.buildDate()).isEqualTo(Fixtures.CITY_BUILT);
        });
        assertThat(decision.trace())
                .filteredOn(check -> check.name().equals("location"))
                .singleElement()
                .satisfies(check -> assertThat(check.detail()).contains("GeoIP2-City", "2026-10-28"));
    }

    @Test
    void aCountryOffTheAllowListIsDeniedAsCountryNotAllowed() {
        Decision decision = subscribeFrom(
                Fixtures.DE_BERLIN,
                token().forChannel(CHANNEL.id()).allowCountries("US").build());

        assertThat(outcome(decision)).isEqualTo("country-not-allowed");
        assertThat(decision.location()).map(GeoLocation::country).contains("DE");
        assertThat(decision.geoDatabase()).map(GeoDatabase::type).contains("GeoIP2-City");
    }

    @Test
    void aDeniedCountryIsDeniedAsCountryDenied() {
        Decision decision = subscribeFrom(
                Fixtures.IN_NO_POSTAL,
                token().forChannel(CHANNEL.id()).denyCountries("US", "IN").build());

        assertThat(outcome(decision)).isEqualTo("country-denied");
        assertThat(decision.location()).map(GeoLocation::country).contains("IN");
        assertThat(decision.geoDatabase()).hasValueSatisfying(db -> {
            assertThat(db.type()).isEqualTo("GeoIP2-City");
            assertThat(db.buildDate()).isEqualTo(Fixtures.CITY_BUILT);
        });
    }

    @Test
    void theSeedsUkAllowsAnAddressTheDatabaseCallsGb() {
        Decision decision = subscribeFrom(
                Fixtures.GB_LONDON,
                token().forChannel(CHANNEL.id())
                        .allowCountries("US", "UK", "DE")
                        .build());

        assertThat(outcome(decision)).isEqualTo("allowed");
        assertThat(decision.location()).map(GeoLocation::country).contains("GB");
    }

    @Test
    void theSeedsUkDeniesAnAddressTheDatabaseCallsGb() {
        assertThat(outcome(subscribeFrom(
                        Fixtures.GB_LONDON,
                        token().forChannel(CHANNEL.id()).denyCountries("UK").build())))
                .isEqualTo("country-denied");
    }

    @Test
    void gbAndUkAreTheSameCountry() {
        assertThat(outcome(subscribeFrom(
                        Fixtures.GB_LONDON,
                        token().forChannel(CHANNEL.id()).allowCountries("GB").build())))
                .isEqualTo("allowed");
        assertThat(outcome(subscribeFrom(
                        Fixtures.US_CHICAGO,
                        token().forChannel(CHANNEL.id()).allowCountries("UK").build())))
                .isEqualTo("country-not-allowed");
    }

    @Test
    void aCountryOffTheDenyListIsAllowed() {
        assertThat(outcome(subscribeFrom(
                        Fixtures.DE_BERLIN,
                        token().forChannel(CHANNEL.id())
                                .denyCountries("US", "IN")
                                .build())))
                .isEqualTo("allowed");
    }

    @Test
    void anIpv6ClientIsLocatedToo() {
        assertThat(outcome(subscribeFrom(
                        Fixtures.US_V6,
                        token().forChannel(CHANNEL.id()).allowCountries("US").build())))
                .isEqualTo("allowed");
    }

    @Test
    void authenticationIsConstrainedByLocationToo() {
        String token = token().forAuthenticationOnly().allowCountries("US").build();

        assertThat(outcome(policy.decide(
                        token,
                        request()
                                .remoteAddress(Fixtures.DE_BERLIN)
                                .authenticate()
                                .build())))
                .isEqualTo("country-not-allowed");
    }

    @Test
    void anIpLocationDbCountryFileAnswersToo() {
        EdgePolicy withIpLocationDb = Fixtures.policy(GeoLocator.open(Fixtures.ipLocationDbCountry()));
        String token = token().forChannel(CHANNEL.id()).allowCountries("DE").build();

        Decision decision = withIpLocationDb.decide(
                token,
                request().remoteAddress(Fixtures.DE_BERLIN).subscribe(CHANNEL).build());

        assertThat(outcome(decision)).isEqualTo("allowed");
        assertThat(decision.geoDatabase()).map(GeoDatabase::type).contains("iptoasn-country");
    }
}
