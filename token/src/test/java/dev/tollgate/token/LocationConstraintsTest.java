package dev.tollgate.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LocationConstraintsTest {
    @Test
    void isCountryCodeWhenTheCodeExistsThenTrue() {
        assertThat(List.of("US", "DE", "GB", "IN", "??")).allMatch(LocationConstraints::isCountryCode);
    }

    @Test
    void isCountryCodeWhenTheCodeIsOnlyWellShapedThenFalse() {
        assertThat(List.of("ZZ", "XX", "AA", "EU", "us", "USA", "")).noneMatch(LocationConstraints::isCountryCode);
        assertThat(LocationConstraints.isCountryCode(null)).isFalse();
    }

    @Test
    void isCountryCodeWhenTheSeedsUkOrMaxMindsKosovoThenTrue() {
        assertThat(LocationConstraints.isCountryCode("UK")).isTrue();
        assertThat(LocationConstraints.isCountryCode("XK")).isTrue();
    }

    @Test
    void fromCapabilitiesWhenUkIsListedThenItReadsAsGb() {
        LocationConstraints constraints = LocationConstraints.fromCapabilities(
                        List.of("geo-country-allow=US,UK,DE", "geo-country-deny=uk"))
                .orElseThrow();

        assertThat(constraints.countryAllow()).isEqualTo(Optional.of(Set.of("US", "GB", "DE")));
        assertThat(constraints.countryDeny()).containsExactly("GB");
    }

    @Test
    void fromCapabilitiesWhenACodeDoesNotExistThenEmpty() {
        assertThat(LocationConstraints.fromCapabilities(List.of("geo-country-deny=ZZ")))
                .isEmpty();
    }

    @Test
    void fromCapabilitiesWhenACodeIsNotAsciiThenEmptyEvenIfItsUpperCaseIsACountry() {
        // "ß".toUpperCase() is "SS" (South Sudan), "ıd" (dotless i) upper-cases to "ID" (Indonesia).
        assertThat(LocationConstraints.fromCapabilities(List.of("geo-country-allow=\u00df")))
                .isEmpty();
        assertThat(LocationConstraints.fromCapabilities(List.of("geo-country-allow=\u0131d")))
                .isEmpty();
        assertThat(LocationConstraints.fromCapabilities(List.of("geo-country-allow=id")))
                .isPresent();
    }

    @Test
    void malformationWhenNotALocationCapabilityThenEmpty() {
        assertThat(LocationConstraints.malformation("geo-fencing")).isEmpty();
        assertThat(LocationConstraints.malformation("multi-bitrate")).isEmpty();
        assertThat(LocationConstraints.malformation("geo-country-allow=US")).isEmpty();
    }
}
