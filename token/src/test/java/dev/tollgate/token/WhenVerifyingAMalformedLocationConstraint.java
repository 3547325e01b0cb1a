package dev.tollgate.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An authentic token whose location capability cannot be read (minted elsewhere, e.g. by the reference, which checks
 * nothing): the reference-compatible call keeps the reference's answer, Tollgate's verifier fails closed.
 */
class WhenVerifyingAMalformedLocationConstraint {
    private static final String SECRET = "my-secret";
    private static final String TOKEN = DigestTokens.sign(
            "my-application-id", SECRET, "{\"expires\":2000,\"capabilities\":[\"geo-country-allow=USA\"]}");

    @Test
    void verifyAndDecodeSaysVerifiedAsTheReferenceDoes() {
        Verification result = DigestTokens.verifyAndDecode(SECRET, TOKEN);

        assertThat(result.code()).isEqualTo(VerificationCode.VERIFIED);
        Claims claims = ((Verified) result).claims();
        assertThat(claims.capabilities()).containsExactly("geo-country-allow=USA");
        assertThat(claims.location()).as("no constraint can be read").isEmpty();
    }

    @Test
    void theTokenVerifierRejectsItAsABadTokenNamingTheCapability() {
        TokenVerifier verifier = TokenVerifier.builder()
                .secrets(SecretResolver.of(Map.of("my-application-id", List.of(SECRET))))
                .build();

        Verification result = verifier.verify(TOKEN, Instant.ofEpochMilli(1000));

        assertThat(result.code()).isEqualTo(VerificationCode.BAD_TOKEN);
        assertThat(((Rejected) result).detail())
                .isEqualTo("a location capability is malformed: geo-country-allow=USA: 'USA' is not an ISO 3166-1"
                        + " alpha-2 country code that exists (e.g. US, DE), UK, XK or ??");
    }

    @Test
    void itCannotBeSignedAgainFromItsClaims() {
        Claims claims = ((Verified) DigestTokens.verifyAndDecode(SECRET, TOKEN)).claims();

        assertThatThrownBy(() -> DigestTokens.signAndEncode("my-application-id", SECRET, claims))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("geo-country-allow=USA");
    }
}
