package dev.tollgate.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Tollgate never mints a token that its own verifier would reject for a location capability it cannot read. */
class WhenAddingALocationCapability {
    private static TokenBuilder builder() {
        return new TokenBuilder()
                .withApplicationId("my-application-id")
                .withSecret("my-secret")
                .expiresAt(Instant.ofEpochMilli(1000));
    }

    @Test
    void aMalformedCountryListIsRefusedWithTheReason() {
        assertThatThrownBy(() -> builder().withCapability("geo-country-allow=usa"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("withCapability: geo-country-allow=usa: 'usa' is not an ISO 3166-1 alpha-2 country code"
                        + " that exists (e.g. US, DE), UK, XK or ??");
    }

    @Test
    void everyLocationCapabilityIsChecked() {
        assertThatThrownBy(() -> builder().withCapability("geo-country-deny=US,,IN"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("withCapability: geo-country-deny=US,,IN: the list has an empty entry");
        assertThatThrownBy(() -> builder().withCapability("geo-postal-code-allow="))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty entry");
        assertThatThrownBy(() -> builder().withCapability("geo-postal-code-deny=01748,not/a/code"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'not/a/code' is not a postal code");
    }

    @Test
    void aCountryCodeThatDoesNotExistIsRefused() {
        assertThatThrownBy(() -> builder().withCapability("geo-country-allow=ZZ"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'ZZ'");
        assertThatThrownBy(() -> builder().allowCountries("XX")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder().denyCountries("AA")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSeedsOwnExamplesAreAccepted() {
        TokenBuilder builder = builder()
                .withCapability("geo-country-allow=US,UK,DE")
                .withCapability("geo-country-deny=US,IN,??")
                .withCapability("geo-postal-code-allow=60609,60616")
                .withCapability("geo-postal-code-deny=01748,01721")
                .allowCountries("XK", "GB");

        String token = builder.build();

        assertThat(DigestTokens.verifyAndDecode("my-secret", token)).isInstanceOf(Verified.class);
        assertThat(builder.value()).contains("\"geo-country-allow=US,UK,DE\"", "\"geo-country-allow=XK,GB\"");
    }

    @Test
    void otherCapabilitiesAreWrittenAsGiven() {
        TokenBuilder builder = builder().withCapability("geo-fencing").withCapability("multi-bitrate");

        builder.build();

        assertThat(builder.value())
                .isEqualTo("{\"expires\":1000,\"capabilities\":[\"geo-fencing\",\"multi-bitrate\"]}");
    }

    @Test
    void aRefusedCapabilityLeavesTheBuilderAsItWas() {
        TokenBuilder builder = builder().withCapability("multi-bitrate");
        String before = builder.build();

        assertThatThrownBy(() -> builder.withCapability("geo-country-allow=usa"))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(builder.build()).isEqualTo(before);
    }

    @Test
    void rawClaimsWithAMalformedLocationCapabilityAreNotSigned() {
        assertThatThrownBy(() -> DigestTokens.signAndEncode(
                        "my-application-id",
                        "my-secret",
                        "{\"expires\":1000,\"capabilities\":[\"geo-country-allow=USA\"]}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("geo-country-allow=USA: 'USA'");
    }
}
