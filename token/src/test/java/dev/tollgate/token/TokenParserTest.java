package dev.tollgate.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TokenParserTest {
    private static final String CANONICAL = "{\"applicationId\":\"my-app\",\"digest\":\"Zm9v+/==\","
            + "\"token\":\"{\\\"expires\\\":1000,\\\"requiredTag\\\":\\\"a\\\\\\\\b\\\"}\"}";

    @Test
    void canonicalEnvelopeWhenTheTextIsCanonicalThenReadsWhatTheGeneralParserReads() {
        TokenParser.Envelope fast = TokenParser.canonicalEnvelope(CANONICAL);

        assertThat(fast).isNotNull();
        assertThat(fast.claimsJson()).isEqualTo("{\"expires\":1000,\"requiredTag\":\"a\\\\b\"}");
        assertThat(TokenParser.envelopeJson(CANONICAL).value()).contains(fast);
    }

    @Test
    void canonicalEnvelopeWhenTheTextIsMutatedThenNeverDisagreesWithTheGeneralParser() {
        Random random = new Random(7);
        String alphabet = "{}\":,\\ atnr/u0e";
        int shortcuts = 0;
        for (int i = 0; i < 50_000; i++) {
            StringBuilder text = new StringBuilder(CANONICAL);
            for (int edit = 1 + random.nextInt(2); edit > 0; edit--) {
                int at = random.nextInt(text.length());
                switch (random.nextInt(3)) {
                    case 0 -> text.deleteCharAt(at);
                    case 1 -> text.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    default -> text.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            TokenParser.Envelope fast = TokenParser.canonicalEnvelope(text.toString());
            if (fast != null) {
                shortcuts++;
                assertThat(TokenParser.envelopeJson(text.toString()).value())
                        .as("%s", text)
                        .contains(fast);
            }
        }
        // The mutations must exercise the shortcut, or this test proves nothing.
        assertThat(shortcuts).isGreaterThan(1_000);
    }
}
