package dev.tollgate.edge;

import static dev.tollgate.edge.Fixtures.CHANNEL;
import static dev.tollgate.edge.Fixtures.NOW;
import static dev.tollgate.edge.Fixtures.outcome;
import static dev.tollgate.edge.Fixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.token.DigestTokens;
import dev.tollgate.token.VerificationCode;
import org.junit.jupiter.api.Test;

/**
 * An authentic token minted elsewhere whose location capability cannot be read: the edge fails closed for every
 * action, though the reference-compatible {@code verifyAndDecode} calls the same token verified.
 */
class WhenTheLocationConstraintIsMalformed {
    private final EdgePolicy policy = Fixtures.policy();

    private static String token(String type) {
        long expires = NOW.plusSeconds(600).toEpochMilli();
        return Fixtures.signedElsewhere("{\"expires\":" + expires + type + ",\"requiredTag\":\"channelId:"
                + CHANNEL.id() + "\",\"capabilities\":[\"geo-country-allow=usa\"]}");
    }

    @Test
    void itCannotAuthenticate() {
        Decision decision = policy.decide(token(""), request().authenticate().build());

        assertThat(outcome(decision)).isEqualTo("bad-token");
        assertThat(((Denied) decision).detail()).contains("geo-country-allow=usa", "'usa'");
    }

    @Test
    void itCannotSubscribe() {
        assertThat(outcome(policy.decide(token(""), request().subscribe(CHANNEL).build())))
                .isEqualTo("bad-token");
    }

    @Test
    void itCannotPublish() {
        assertThat(outcome(policy.decide(
                        token(",\"type\":\"publish\""),
                        request().publish(CHANNEL).build())))
                .isEqualTo("bad-token");
    }

    @Test
    void theReferenceCompatibleCallStillSaysVerified() {
        assertThat(DigestTokens.verifyAndDecode(Fixtures.SECRET, token("")).code())
                .isEqualTo(VerificationCode.VERIFIED);
    }

    @Test
    void theSameTokenWithAWellFormedListIsAllowed() {
        long expires = NOW.plusSeconds(600).toEpochMilli();
        String token = Fixtures.signedElsewhere("{\"expires\":" + expires + ",\"requiredTag\":\"channelId:"
                + CHANNEL.id() + "\",\"capabilities\":[\"geo-country-allow=us\"]}");

        assertThat(outcome(policy.decide(token, request().subscribe(CHANNEL).build())))
                .isEqualTo("allowed");
    }
}
