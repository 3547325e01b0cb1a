package dev.tollgate.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class WhenVerifyingAnExpiringToken {
    private static final Instant EXPIRY = Instant.parse("2026-11-22T12:00:00Z");

    private final String token = new TokenBuilder()
            .withApplicationId("my-application-id")
            .withSecret("my-secret")
            .expiresAt(EXPIRY)
            .forChannelAlias("my-channel")
            .build();

    private static TokenVerifier verifierAt(Instant now, Duration skew) {
        return TokenVerifier.builder()
                .secrets(SecretResolver.of("my-application-id", "my-secret"))
                .clock(Clock.fixed(now, ZoneOffset.UTC))
                .clockSkew(skew)
                .build();
    }

    @Test
    void itIsVerifiedBeforeItsExpiry() {
        assertThat(verifierAt(EXPIRY.minusSeconds(1), Duration.ZERO).verify(token))
                .isInstanceOf(Verified.class);
    }

    @Test
    void itIsExpiredAtItsExpiryWithoutSkew() {
        Verification result = verifierAt(EXPIRY, Duration.ZERO).verify(token);

        assertThat(result.code()).isEqualTo(VerificationCode.EXPIRED);
        assertThat(((Rejected) result).detail()).contains(EXPIRY.toString());
    }

    @Test
    void anExpiredTokenIsRefusedWithItsAuthenticClaims() {
        Rejected expired =
                (Rejected) verifierAt(EXPIRY.plusSeconds(5), Duration.ZERO).verify(token);

        assertThat(expired.authentic()).hasValueSatisfying(authentic -> {
            assertThat(authentic.applicationId()).isEqualTo("my-application-id");
            assertThat(authentic.claims().expiresAt()).isEqualTo(EXPIRY);
        });
    }

    @Test
    void anExpiredTokenWithAnAlteredDigestCarriesNoClaims() {
        String decoded = new String(Base64.getDecoder().decode(token.substring(7)), StandardCharsets.UTF_8);
        int start = decoded.indexOf("\"digest\":\"") + 10;
        String flipped =
                decoded.substring(0, start) + (decoded.charAt(start) == 'A' ? 'B' : 'A') + decoded.substring(start + 1);
        String altered = "DIGEST:" + Base64.getEncoder().encodeToString(flipped.getBytes(StandardCharsets.UTF_8));

        Verification result = verifierAt(EXPIRY.plusSeconds(5), Duration.ZERO).verify(altered);

        assertThat(result.code()).isEqualTo(VerificationCode.BAD_DIGEST);
        assertThat(((Rejected) result).authentic()).isEmpty();
    }

    @Test
    void theDefaultSkewOfAMinuteStillAcceptsIt() {
        TokenVerifier verifier = TokenVerifier.builder()
                .secrets(SecretResolver.of("my-application-id", "my-secret"))
                .clock(Clock.fixed(EXPIRY.plusSeconds(59), ZoneOffset.UTC))
                .build();

        assertThat(verifier.verify(token).isVerified()).isTrue();
        assertThat(verifier.verify(token, EXPIRY.plusSeconds(60)).code()).isEqualTo(VerificationCode.EXPIRED);
    }

    @Test
    void aSkewBeyondTenMinutesIsRefused() {
        assertThatThrownBy(() -> TokenVerifier.builder().clockSkew(Duration.ofMinutes(11)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("clock skew");
    }

    @Test
    void aBadDigestIsReportedBeforeExpiry() {
        TokenVerifier verifier = TokenVerifier.builder()
                .secrets(SecretResolver.of("my-application-id", "another-secret"))
                .clock(Clock.fixed(EXPIRY.plusSeconds(3600), ZoneOffset.UTC))
                .build();

        assertThat(verifier.verify(token).code()).isEqualTo(VerificationCode.BAD_DIGEST);
    }
}
