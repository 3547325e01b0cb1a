package dev.tollgate.edge;

import static dev.tollgate.edge.Fixtures.CHANNEL;
import static dev.tollgate.edge.Fixtures.outcome;
import static dev.tollgate.edge.Fixtures.request;
import static dev.tollgate.edge.Fixtures.token;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.token.TokenBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WhenTheTokenIsNotValid {
    private final EdgePolicy policy = Fixtures.policy();
    private final AccessRequest subscribe = request().subscribe(CHANNEL).build();

    @Test
    void aWrongSecretIsDeniedAsBadDigest() {
        String forged = token().withSecret("guessed").forChannel(CHANNEL.id()).build();

        Decision decision = policy.decide(forged, subscribe);

        assertThat(outcome(decision)).isEqualTo("bad-digest");
        assertThat(Fixtures.steps(decision)).containsExactly("token:FAIL");
    }

    @Test
    void textWithoutThePrefixIsDeniedAsNotADigestToken() {
        assertThat(outcome(policy.decide("eyJhbGciOiJIUzI1NiJ9.e30.x", subscribe)))
                .isEqualTo("not-a-digest-token");
        assertThat(outcome(policy.decide(null, subscribe))).isEqualTo("not-a-digest-token");
    }

    @Test
    void garbageAfterThePrefixIsDeniedAsBadToken() {
        assertThat(outcome(policy.decide("DIGEST:%%%", subscribe))).isEqualTo("bad-token");
        String notJson = "DIGEST:" + Base64.getEncoder().encodeToString("hello".getBytes(StandardCharsets.UTF_8));
        assertThat(outcome(policy.decide(notJson, subscribe))).isEqualTo("bad-token");
    }

    @Test
    void anUnknownApplicationIsDeniedAsUnknownApplication() {
        String stranger = new TokenBuilder()
                .withApplicationId("stranger.example")
                .withSecret("x")
                .withClock(Fixtures.CLOCK)
                .expiresIn(Duration.ofMinutes(1))
                .build();

        assertThat(outcome(policy.decide(stranger, subscribe))).isEqualTo("unknown-application");
    }

    @Test
    void randomlyAlteredTextIsNeverVerifiedNorAllowed() {
        Random random = new Random(20261101L);
        String valid = token().forChannel(CHANNEL.id()).build();
        // The unaltered token is allowed: a policy that denied everything would pass the loop below.
        assertThat(outcome(policy.decide(valid, subscribe))).isEqualTo("allowed");
        int altered = 0;
        for (int i = 0; i < 2_000; i++) {
            char[] mutated = valid.toCharArray();
            for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                mutated[random.nextInt(mutated.length)] = (char) (32 + random.nextInt(95));
            }
            String text = new String(mutated);
            if (text.equals(valid)) {
                continue; // every flip drew the character already there: the token itself, rightly allowed
            }
            altered++;
            Decision decision = policy.decide(text, subscribe);

            assertThat(outcome(decision)).as(text).isNotEqualTo("allowed");
            assertThat(Fixtures.steps(decision)).as(text).first().isEqualTo("token:FAIL");
        }
        assertThat(altered).isGreaterThan(1_900);
    }
}
