package dev.tollgate.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import org.junit.jupiter.api.Test;

class WhenBuildingAToken {
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    private static TokenBuilder builder() {
        return new TokenBuilder()
                .withApplicationId("my-application-id")
                .withSecret("my-secret")
                .withClock(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void fieldsAppearInCallOrderWithCapabilitiesThenApplyTagsLast() {
        TokenBuilder builder = builder()
                .applyTag("customer1")
                .withCapability("streaming")
                .forPublishingOnly()
                .expiresAt(Instant.ofEpochMilli(1000))
                .forOriginStream("origin")
                .forSession("session")
                .withUri("https://example.org/a");

        builder.build();

        assertThat(builder.value())
                .isEqualTo("{\"type\":\"publish\",\"expires\":1000,\"originStreamId\":\"origin\","
                        + "\"sessionId\":\"session\",\"uri\":\"https://example.org/a\","
                        + "\"capabilities\":[\"streaming\"],\"applyTags\":[\"customer1\"]}");
    }

    @Test
    void aRepeatedCallKeepsTheFirstPositionAndTheLastValue() {
        TokenBuilder builder = builder()
                .forChannel("first")
                .expiresAt(Instant.ofEpochMilli(1000))
                .forRoomAlias("last")
                .expiresAt(new Date(2000));

        builder.build();

        assertThat(builder.value()).isEqualTo("{\"requiredTag\":\"roomAlias:last\",\"expires\":2000}");
    }

    @Test
    void stringsAreEscapedAsTheReferenceWriterDoes() {
        TokenBuilder builder = builder()
                .expiresAt(Instant.ofEpochMilli(1000))
                .forTag("q\"b\\s/c\u0001\u001f\t\n\r\b\fé✓\u007f\u2028😀");

        builder.build();

        assertThat(builder.value())
                .isEqualTo("{\"expires\":1000,\"requiredTag\":"
                        + "\"q\\\"b\\\\s/c\\u0001\\u001f\\t\\n\\r\\b\\fé✓\u007f\u2028😀\"}");
    }

    @Test
    void aLoneSurrogateStaysOneInTheValueAndIsSignedAsUtf8WritesIt() {
        // As the reference: value() is the JSON text as built; the token carries what UTF-8 encoding makes of it ('?').
        TokenBuilder builder = builder().expiresAt(Instant.ofEpochMilli(1000)).forTag("a\ud800b");

        String token = builder.build();
        String claims = builder.value();

        assertThat(claims).isEqualTo("{\"expires\":1000,\"requiredTag\":\"a\ud800b\"}");
        assertThat(((Verified) DigestTokens.verifyAndDecode("my-secret", token))
                        .claims()
                        .json())
                .isEqualTo("{\"expires\":1000,\"requiredTag\":\"a?b\"}");
        builder.forTag("changed");
        assertThat(builder.value())
                .as("a setter does not change the last build's value")
                .isEqualTo(claims);
    }

    @Test
    void aRelativeExpiryIsCountedFromEachBuild() {
        Clock[] clock = {Clock.fixed(NOW, ZoneOffset.UTC)};
        TokenBuilder builder = builder().expiresIn(Duration.ofMinutes(5));
        String first = builder.withClock(clock[0]).build();
        String firstClaims = builder.value();

        String second = builder.withClock(Clock.fixed(NOW.plusSeconds(10), ZoneOffset.UTC))
                .build();

        assertThat(firstClaims).isEqualTo("{\"expires\":" + NOW.plusSeconds(300).toEpochMilli() + "}");
        assertThat(builder.value())
                .isEqualTo("{\"expires\":" + NOW.plusSeconds(310).toEpochMilli() + "}");
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void buildingTwiceGivesTheSameTokenForAnAbsoluteExpiry() {
        TokenBuilder builder =
                builder().expiresAt(Instant.ofEpochMilli(1000)).applyTag("a").withCapability("b");

        assertThat(builder.build()).isEqualTo(builder.build());
    }

    @Test
    void anInetAddressIsWrittenAsTheBareLiteral() throws Exception {
        TokenBuilder builder = builder()
                .expiresAt(Instant.ofEpochMilli(1000))
                .forRemoteAddress(InetAddress.getByAddress("edge.example", new byte[] {10, 1, 2, 3}));

        builder.build();

        assertThat(builder.value()).isEqualTo("{\"expires\":1000,\"remoteAddress\":\"10.1.2.3\"}");
    }

    @Test
    void aScopedIpv6AddressIsWrittenWithoutItsScope() throws Exception {
        byte[] linkLocal = InetAddress.getByName("fe80::1").getAddress();
        TokenBuilder builder = builder()
                .expiresAt(Instant.ofEpochMilli(1000))
                .forRemoteAddress(Inet6Address.getByAddress(null, linkLocal, 2));

        builder.build();

        // getHostAddress() gives fe80:0:0:0:0:0:0:1%2, which no edge's IP literal matches.
        assertThat(builder.value()).isEqualTo("{\"expires\":1000,\"remoteAddress\":\"fe80:0:0:0:0:0:0:1\"}");
    }

    @Test
    void aLifetimeBeyondTheMillisecondRangeIsRefusedWhenSet() {
        assertThatThrownBy(() -> builder().expiresInSeconds(Long.MAX_VALUE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the lifetime 9223372036854775807 s is too long: at most 4611686018427387 s either way"
                        + " (about 146 million years)");
        assertThatThrownBy(() -> builder().expiresInSeconds(Long.MIN_VALUE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder().expiresIn(Duration.ofSeconds(Long.MAX_VALUE)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most");
    }

    @Test
    void theLongestLifetimeStillBuilds() {
        TokenBuilder builder = builder().expiresIn(TokenBuilder.MAX_LIFETIME);

        builder.build();

        assertThat(builder.value()).isEqualTo("{\"expires\":" + (NOW.toEpochMilli() + Long.MAX_VALUE / 2) + "}");
    }

    @Test
    void locationHelpersWriteTheSeedsCapabilities() {
        TokenBuilder builder = builder()
                .expiresAt(Instant.ofEpochMilli(1000))
                .allowCountries("US", "DE")
                .denyCountries("IN", "??")
                .allowPostalCodes("60609", "60616")
                .denyPostalCodes("01748");

        String token = builder.build();

        assertThat(builder.value())
                .isEqualTo("{\"expires\":1000,\"capabilities\":[\"geo-country-allow=US,DE\","
                        + "\"geo-country-deny=IN,??\",\"geo-postal-code-allow=60609,60616\","
                        + "\"geo-postal-code-deny=01748\"]}");
        Verified verified = (Verified) DigestTokens.verifyAndDecode("my-secret", token);
        assertThat(verified.claims().location().orElseThrow().countryAllow()).contains(java.util.Set.of("US", "DE"));
        assertThat(verified.claims().location().orElseThrow().countryDeny()).containsExactlyInAnyOrder("IN", "??");
    }

    @Test
    void countriesMustBeUpperCaseAlpha2OrUnmapped() {
        assertThatThrownBy(() -> builder().allowCountries("us"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'us'");
        assertThatThrownBy(() -> builder().denyCountries("USA")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder().denyCountries()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder().allowPostalCodes("606,09")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMissingApplicationIdSecretOrExpiryFailsInBuild() {
        assertThatThrownBy(() ->
                        new TokenBuilder().withSecret("s").expiresInSeconds(1).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("application ID");
        assertThatThrownBy(() -> new TokenBuilder()
                        .withApplicationId("a")
                        .expiresInSeconds(1)
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("secret");
        assertThatThrownBy(() -> new TokenBuilder()
                        .withApplicationId("a")
                        .withSecret("s")
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("expiry");
        assertThatThrownBy(() -> new TokenBuilder().value())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("build()");
    }

    @Test
    void signingClaimsTextRefusesClaimsTheReferenceWouldRefuse() {
        assertThatThrownBy(() -> DigestTokens.signAndEncode("a", "s", "{\"type\":\"stream\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expires");
        assertThatThrownBy(() -> DigestTokens.signAndEncode("a", "s", "{\"expires\":1,\"applicationId\":\"a\"}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(DigestTokens.signAndEncode("a", "s", "{\"expires\":1}")).startsWith("DIGEST:");
    }
}
