package dev.tollgate.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.token.TokenVerifier;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EdgePolicyTest {

    @Test
    void buildWhenNoSecretsThenIllegalState() {
        assertThatThrownBy(() -> EdgePolicy.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("secrets");
    }

    @Test
    void buildWhenVerifierAndSecretsThenIllegalState() {
        TokenVerifier verifier =
                TokenVerifier.builder().secrets(Fixtures.secrets()).build();

        assertThatThrownBy(() -> EdgePolicy.builder()
                        .verifier(verifier)
                        .secrets(Fixtures.secrets())
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not both");
    }

    @Test
    void buildWhenSkewTooLargeThenIllegalArgument() {
        assertThatThrownBy(() -> EdgePolicy.builder()
                        .secrets(Fixtures.secrets())
                        .clockSkew(Duration.ofHours(1))
                        .build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void buildWhenVerifierGivenThenItIsUsed() {
        TokenVerifier verifier = TokenVerifier.builder()
                .secrets(Fixtures.secrets())
                .clock(Fixtures.CLOCK)
                .build();

        EdgePolicy policy = EdgePolicy.builder().verifier(verifier).build();

        assertThat(policy.verifier()).isSameAs(verifier);
        assertThat(policy.geoLocator()).isEmpty();
    }

    @Test
    void decideWhenRequestNullThenNullPointer() {
        assertThatThrownBy(() -> Fixtures.policy().decide("DIGEST:x", null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("request");
    }
}
