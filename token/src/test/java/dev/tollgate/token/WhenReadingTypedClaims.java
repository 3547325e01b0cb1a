package dev.tollgate.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WhenReadingTypedClaims {

    private static Claims verifiedClaims(String claimsJson) {
        String token = DigestTokens.signAndEncode("app", "secret", claimsJson);
        return ((Verified) DigestTokens.verifyAndDecode("secret", token)).claims();
    }

    @Test
    void everyKnownFieldIsTyped() {
        Claims claims = verifiedClaims("{\"uri\":\"https://b.example\",\"expires\":1000,\"type\":\"publish\","
                + "\"requiredTag\":\"roomAlias:lobby\",\"remoteAddress\":\"::1\",\"sessionId\":\"s\","
                + "\"originStreamId\":\"o\",\"capabilities\":[\"multi-bitrate\"],\"applyTags\":[\"t1\",\"t2\"]}");

        assertThat(claims.expires()).isEqualTo(1000);
        assertThat(claims.type()).isEqualTo(TokenType.PUBLISH);
        assertThat(claims.requiredTag())
                .contains(new RequiredTag("roomAlias:lobby", RequiredTag.Kind.ROOM_ALIAS, "lobby"));
        assertThat(claims.remoteAddress()).contains("::1");
        assertThat(claims.sessionId()).contains("s");
        assertThat(claims.originStreamId()).contains("o");
        assertThat(claims.uri()).contains("https://b.example");
        assertThat(claims.capabilities()).containsExactly("multi-bitrate");
        assertThat(claims.applyTags()).containsExactly("t1", "t2");
        assertThat(claims.location().orElseThrow().isEmpty()).isTrue();
        assertThat(claims.unknownFields()).isEmpty();
    }

    @Test
    void aTokenWithoutTypeIsAnEdgeToken() {
        assertThat(verifiedClaims("{\"expires\":1}").type()).isEqualTo(TokenType.EDGE);
    }

    @Test
    void eachDesignationKindIsRecognisedByItsPrefix() {
        assertThat(RequiredTag.parse("channelId:us#app#c.1").kind()).isEqualTo(RequiredTag.Kind.CHANNEL_ID);
        assertThat(RequiredTag.parse("channelAlias:c").kind()).isEqualTo(RequiredTag.Kind.CHANNEL_ALIAS);
        assertThat(RequiredTag.parse("roomId:r").value()).isEqualTo("r");
        assertThat(RequiredTag.parse("my-tag=awesome"))
                .isEqualTo(new RequiredTag("my-tag=awesome", RequiredTag.Kind.OTHER, "my-tag=awesome"));
    }

    @Test
    void unknownFieldsAreKeptAsCompactJson() {
        Claims claims = verifiedClaims("{\"expires\":1, \"x-custom\" : {\"a\": [1, true, null]}, \"n\":2.5}");

        assertThat(claims.unknownFields()).containsEntry("x-custom", "{\"a\":[1,true,null]}");
        assertThat(claims.unknownFields()).containsEntry("n", "2.5");
        assertThat(claims.json()).isEqualTo("{\"expires\":1, \"x-custom\" : {\"a\": [1, true, null]}, \"n\":2.5}");
    }

    @Test
    void repeatedLocationCapabilitiesAllHold() {
        Claims claims = verifiedClaims("{\"expires\":1,\"capabilities\":[\"geo-country-allow=US,DE,FR\","
                + "\"geo-country-allow=de,FR\",\"geo-country-deny=??\",\"geo-country-deny=IN\","
                + "\"geo-postal-code-deny=sw1a 1aa\"]}");

        assertThat(claims.location().orElseThrow().countryAllow()).isEqualTo(Optional.of(Set.of("DE", "FR")));
        assertThat(claims.location().orElseThrow().countryDeny()).containsExactlyInAnyOrder("??", "IN");
        assertThat(claims.location().orElseThrow().postalCodeDeny()).containsExactly("SW1A 1AA");
        assertThat(claims.location().orElseThrow().needsPostalCode()).isTrue();
    }

    @Test
    void theReferenceValueAppendsTheApplicationId() {
        String token = DigestTokens.signAndEncode("app", "secret", "{\"expires\":1}");

        assertThat(((Verified) DigestTokens.verifyAndDecode("secret", token)).valueJson())
                .isEqualTo("{\"expires\":1,\"applicationId\":\"app\"}");
    }

    @Test
    void decodingWithoutASecretShowsTheEnvelope() {
        String token = DigestTokens.signAndEncode("app", "secret", "{\"expires\":1}");

        Decoded decoded = (Decoded) DigestTokens.decodeUnverified(token);

        assertThat(decoded.applicationId()).isEqualTo("app");
        assertThat(decoded.digest()).hasSize(88);
        assertThat(decoded.claims().expires()).isEqualTo(1);
    }
}
