package dev.tollgate.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TokenParserTest {
    private static final String CANONICAL = "{\"applicationId\":\"my-app\",\"digest\":\"Zm9v+/==\","
            + "\"token\":\"{\\\"expires\\\":1000,\\\"requiredTag\\\":\\\"a\\\\\\\\b\\\"}\"}";

    @Test
    void canonicalEnvelopeWhenTheTextIsCanonicalThenReadsWhatTheGeneralParserReads() {
        TokenParser.Envelope fast = TokenParser.canonicalEnvelope(CANONICAL.getBytes(StandardCharsets.UTF_8));

        assertThat(fast).isNotNull();
        assertThat(fast.claimsJson()).isEqualTo("{\"expires\":1000,\"requiredTag\":\"a\\\\b\"}");
        assertSameEnvelope(fast, CANONICAL);
    }

    @Test
    void envelopeWhenTheShortcutGivesUpLateThenTheGeneralParserReadsTheOriginalBytes() {
        // Escaped quotes first (unescaped in place by the shortcut), then a \/ escape the shortcut does not take.
        String text = "{\"applicationId\":\"my-app\",\"digest\":\"Zm9v\","
                + "\"token\":\"{\\\"expires\\\":1000,\\\"uri\\\":\\\"a\\/b\\\"}\"}";
        String token = "DIGEST:" + java.util.Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));

        TokenParser.Envelope read = TokenParser.envelope(token).value().orElseThrow();

        assertThat(read.claimsJson()).isEqualTo("{\"expires\":1000,\"uri\":\"a/b\"}");
        assertThat(read.claimsJson())
                .isEqualTo(TokenParser.envelopeJson(text).value().orElseThrow().claimsJson());
    }

    @Test
    void canonicalEnvelopeWhenTheTextIsMutatedThenNeverDisagreesWithTheGeneralParser() {
        Random random = new Random(7);
        String alphabet = "{}\":,\\ atnr/u0e\té";
        int shortcuts = 0;
        for (int i = 0; i < 50_000; i++) {
            String text = mutate(random, CANONICAL, alphabet);
            TokenParser.Envelope fast = TokenParser.canonicalEnvelope(text.getBytes(StandardCharsets.UTF_8));
            if (fast != null) {
                shortcuts++;
                assertSameEnvelope(fast, text);
            }
        }
        // The mutations must exercise the shortcut, or this test proves nothing.
        assertThat(shortcuts).isGreaterThan(1_000);
    }

    /** One to two random deletions, insertions or replacements drawn from {@code alphabet}. */
    private static String mutate(Random random, String base, String alphabet) {
        StringBuilder text = new StringBuilder(base);
        for (int edit = 1 + random.nextInt(2); edit > 0; edit--) {
            int at = random.nextInt(text.length());
            switch (random.nextInt(3)) {
                case 0 -> text.deleteCharAt(at);
                case 1 -> text.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                default -> text.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
            }
        }
        return text.toString();
    }

    private static void assertSameEnvelope(TokenParser.Envelope fast, String text) {
        TokenParser.Envelope general = TokenParser.envelopeJson(text).value().orElse(null);
        assertThat(general).as("the general parser accepts %s", text).isNotNull();
        assertThat(fast.applicationId()).isEqualTo(general.applicationId());
        assertThat(fast.digest()).isEqualTo(general.digest());
        assertThat(fast.claimsJson()).isEqualTo(general.claimsJson());
        assertThat(fast.claimsUtf8()).isEqualTo(general.claimsUtf8());
    }

    private static final String CLAIMS = "{\"uri\":\"https://b.example\",\"expires\":1000,\"type\":\"stream\","
            + "\"requiredTag\":\"channelAlias:news\",\"remoteAddress\":\"10.1.2.3\",\"sessionId\":\"s\","
            + "\"originStreamId\":\"o\",\"capabilities\":[\"geo-country-allow=US\",\"b\"],\"applyTags\":[]}";

    @Test
    void canonicalClaimsWhenTheTextIsCanonicalThenReadsWhatTheGeneralParserReads() {
        Claims fast = TokenParser.canonicalClaims(CLAIMS);

        assertThat(fast).isNotNull();
        assertThat(TokenParser.claimsJson(CLAIMS).value()).contains(fast);
        assertThat(fast.location().orElseThrow().countryAllow()).contains(java.util.Set.of("US"));
    }

    @Test
    void canonicalClaimsWhenTheTextIsMutatedThenNeverDisagreesWithTheGeneralParser() {
        Random random = new Random(11);
        String alphabet = "{}[]\":,\\ 0123456789-.eatnr/?US";
        int shortcuts = 0;
        for (int i = 0; i < 100_000; i++) {
            String text = mutate(random, CLAIMS, alphabet);
            Claims fast = TokenParser.canonicalClaims(text);
            if (fast != null) {
                shortcuts++;
                assertThat(TokenParser.claimsJson(text).value()).as("%s", text).contains(fast);
            }
        }
        assertThat(shortcuts).isGreaterThan(5_000);
    }
}
