package dev.tollgate.edge;

import static dev.tollgate.edge.Fixtures.CHANNEL;
import static dev.tollgate.edge.Fixtures.outcome;
import static dev.tollgate.edge.Fixtures.request;
import static dev.tollgate.edge.Fixtures.token;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WhenLocationIsUnavailable {
    private final String countryToken =
            token().forChannel(CHANNEL.id()).allowCountries("US").build();

    @Test
    void noConfiguredDatabaseDeniesAsLocationUnavailable() {
        Decision decision = Fixtures.policyWithoutLocation()
                .decide(countryToken, request().subscribe(CHANNEL).build());

        assertThat(outcome(decision)).isEqualTo("location-unavailable");
        assertThat(decision.geoDatabase()).isEmpty();
    }

    @Test
    void aTokenWithoutLocationConstraintsNeedsNoDatabase() {
        String token = token().forChannel(CHANNEL.id()).build();

        assertThat(outcome(Fixtures.policyWithoutLocation()
                        .decide(token, request().subscribe(CHANNEL).build())))
                .isEqualTo("allowed");
    }

    @Test
    void anUnknownClientAddressDeniesAsLocationUnavailable() {
        AccessRequest noAddress = AccessRequest.builder()
                .applicationId(Fixtures.APP)
                .time(Fixtures.NOW)
                .subscribe(CHANNEL)
                .build();

        Decision decision = Fixtures.policy().decide(countryToken, noAddress);

        assertThat(outcome(decision)).isEqualTo("location-unavailable");
        assertThat(decision.geoDatabase()).map(GeoDatabase::type).contains("GeoIP2-City");
    }

    @Test
    void aPostalConstraintAgainstACountryDatabaseDeniesAsLocationUnavailable() {
        EdgePolicy policy = Fixtures.policy(Fixtures.countryLocator());
        String token = token().forChannel(CHANNEL.id()).denyPostalCodes("01748").build();

        Decision decision = policy.decide(token, request().subscribe(CHANNEL).build());

        assertThat(outcome(decision)).isEqualTo("location-unavailable");
        assertThat(decision.trace().getLast().detail()).contains("GeoLite2-Country", "has none");
        assertThat(decision.geoDatabase()).map(GeoDatabase::buildDate).contains(Fixtures.COUNTRY_BUILT);
    }

    @Test
    void aLookupErrorDeniesAsLocationUnavailable() {
        EdgePolicy policy = Fixtures.policy(GeoLocator.open(Fixtures.ipv4OnlyCountry()));

        Decision decision = policy.decide(
                countryToken,
                request().remoteAddress(Fixtures.US_V6).subscribe(CHANNEL).build());

        assertThat(outcome(decision)).isEqualTo("location-unavailable");
        assertThat(decision.trace().getLast().detail()).contains("IPv4 networks only");
        assertThat(decision.geoDatabase()).map(GeoDatabase::type).contains("GeoLite2-Country");
    }
}
