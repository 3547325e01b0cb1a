package dev.tollgate.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HmacTest {
    private static final byte[] DIGEST =
            Hmac.key("app", "secret").orElseThrow().digest("{\"expires\":1}".getBytes(StandardCharsets.UTF_8));

    @Test
    void constantTimeEqualsWhenTheArraysAreEqualThenTrue() {
        assertThat(DIGEST).hasSize(Hmac.DIGEST_LENGTH);
        assertThat(Hmac.constantTimeEquals(DIGEST, DIGEST.clone())).isTrue();
        assertThat(Hmac.constantTimeEquals(new byte[0], new byte[0])).isTrue();
    }

    @Test
    void constantTimeEqualsWhenAnySingleBitDiffersThenFalse() {
        // Every position: a digest is 11 whole 8-byte lanes; the 85-byte array also has a tail after its lanes.
        for (byte[] expected : new byte[][] {DIGEST, java.util.Arrays.copyOf(DIGEST, 85)}) {
            for (int at = 0; at < expected.length; at++) {
                for (int bit = 0; bit < 8; bit++) {
                    byte[] presented = expected.clone();
                    presented[at] ^= (byte) (1 << bit);
                    assertThat(Hmac.constantTimeEquals(expected, presented))
                            .as("byte %d bit %d", at, bit)
                            .isFalse();
                }
            }
        }
    }

    @Test
    void constantTimeEqualsWhenTheLengthsDifferThenFalse() {
        assertThat(Hmac.constantTimeEquals(DIGEST, java.util.Arrays.copyOf(DIGEST, 87)))
                .isFalse();
        assertThat(Hmac.constantTimeEquals(DIGEST, java.util.Arrays.copyOf(DIGEST, 89)))
                .isFalse();
    }
}
