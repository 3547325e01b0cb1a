package dev.tollgate.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.token.VerificationCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class WhenListingDenialCodes {

    @Test
    void theListIsFrozen() {
        assertThat(Arrays.stream(DenialCode.values()).map(DenialCode::code))
                .containsExactly(
                        "not-a-digest-token",
                        "bad-token",
                        "bad-digest",
                        "unsupported",
                        "expired",
                        "unknown-application",
                        "wrong-token-type",
                        "no-designation",
                        "designation-mismatch",
                        "application-mismatch",
                        "remote-address-mismatch",
                        "session-mismatch",
                        "origin-stream-mismatch",
                        "country-not-allowed",
                        "country-denied",
                        "postal-code-not-allowed",
                        "postal-code-denied",
                        "location-unavailable",
                        "unknown-token-ref",
                        "revoked",
                        "revocations-unavailable");
    }

    @Test
    void exactlyTheTokensOwnFailuresRefuseTheToken() {
        // A server answers these 401 (the token is no credential) and the rest 403 (an authentic token, refused).
        assertThat(Arrays.stream(DenialCode.values()).filter(DenialCode::refusesTheToken))
                .containsExactly(
                        DenialCode.NOT_A_DIGEST_TOKEN,
                        DenialCode.BAD_TOKEN,
                        DenialCode.BAD_DIGEST,
                        DenialCode.UNSUPPORTED,
                        DenialCode.EXPIRED,
                        DenialCode.UNKNOWN_APPLICATION,
                        DenialCode.UNKNOWN_TOKEN_REF,
                        DenialCode.REVOKED);
    }

    @Test
    void everyTokenRejectionHasTheSameCode() {
        for (VerificationCode code : VerificationCode.values()) {
            if (code != VerificationCode.VERIFIED) {
                assertThat(DenialCode.of(code).code()).isEqualTo(code.code());
            }
        }
        assertThatThrownBy(() -> DenialCode.of(VerificationCode.VERIFIED)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void codesReadBack() {
        for (DenialCode code : DenialCode.values()) {
            assertThat(DenialCode.fromCode(code.code())).contains(code);
        }
        assertThat(DenialCode.fromCode("nope")).isEmpty();
    }

    @Test
    void everyCodeIsDocumented() throws IOException {
        Path doc = Path.of(System.getProperty("tollgate.root", ".."), "docs", "error-codes.md");
        String text = Files.readString(doc);
        for (DenialCode code : DenialCode.values()) {
            assertThat(text).contains("`" + code.code() + "`");
        }
        for (VerificationCode code : VerificationCode.values()) {
            assertThat(text).contains("`" + code.code() + "`");
        }
    }
}
