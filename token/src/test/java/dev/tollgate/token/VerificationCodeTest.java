package dev.tollgate.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class VerificationCodeTest {

    @Test
    void codesWhenListedThenMatchTheFrozenWireContract() {
        // Renaming a code breaks every client that switches on it: change this list only with a migration note.
        assertThat(Arrays.stream(VerificationCode.values()).map(VerificationCode::code))
                .containsExactly(
                        "verified",
                        "not-a-digest-token",
                        "bad-token",
                        "bad-digest",
                        "unsupported",
                        "expired",
                        "unknown-application");
    }

    @Test
    void fromCodeWhenGivenAWireCodeThenFindsTheConstant() {
        assertThat(VerificationCode.fromCode("bad-digest")).contains(VerificationCode.BAD_DIGEST);
        assertThat(VerificationCode.fromCode("BAD_DIGEST")).isEmpty();
    }
}
