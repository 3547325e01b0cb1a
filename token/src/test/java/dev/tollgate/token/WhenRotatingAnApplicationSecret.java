package dev.tollgate.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WhenRotatingAnApplicationSecret {
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    private static String tokenSignedWith(String applicationId, String secret) {
        return new TokenBuilder()
                .withApplicationId(applicationId)
                .withSecret(secret)
                .withClock(Clock.fixed(NOW, ZoneOffset.UTC))
                .expiresInSeconds(60)
                .forChannel("channel-1")
                .build();
    }

    private final TokenVerifier verifier = TokenVerifier.builder()
            .secrets(SecretResolver.of(Map.of("app-a", List.of("new-secret", "old-secret"), "app-b", List.of("b"))))
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .build();

    @Test
    void tokensSignedWithTheOldAndTheNewSecretBothVerify() {
        assertThat(verifier.verify(tokenSignedWith("app-a", "old-secret")).isVerified())
                .isTrue();
        assertThat(verifier.verify(tokenSignedWith("app-a", "new-secret")).isVerified())
                .isTrue();
    }

    @Test
    void aRetiredSecretNoLongerVerifies() {
        assertThat(verifier.verify(tokenSignedWith("app-a", "retired-secret")).code())
                .isEqualTo(VerificationCode.BAD_DIGEST);
    }

    @Test
    void anotherApplicationsSecretDoesNotVerify() {
        assertThat(verifier.verify(tokenSignedWith("app-b", "new-secret")).code())
                .isEqualTo(VerificationCode.BAD_DIGEST);
    }

    @Test
    void anUnknownApplicationIsReportedAsSuch() {
        Verification result = verifier.verify(tokenSignedWith("app-c", "new-secret"));

        assertThat(result.code()).isEqualTo(VerificationCode.UNKNOWN_APPLICATION);
    }

    @Test
    void theVerifiedResultNamesTheApplication() {
        Verified verified = (Verified) verifier.verify(tokenSignedWith("app-a", "new-secret"));

        assertThat(verified.applicationId()).isEqualTo("app-a");
        assertThat(verified.claims().expiresAt()).isEqualTo(NOW.plusSeconds(60));
    }
}
