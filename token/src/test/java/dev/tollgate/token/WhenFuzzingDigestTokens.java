package dev.tollgate.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;

/**
 * Coverage-guided fuzz targets for the digest token parser and verifier. {@code ./mvnw verify} replays the committed
 * corpora under {@code src/test/resources/dev/tollgate/token/WhenFuzzingDigestTokensInputs/}; {@code scripts/fuzz.sh}
 * fuzzes one target for a bounded time (docs/reliability.md).
 */
class WhenFuzzingDigestTokens {
    private static final String SECRET = "fuzz-secret";
    private static final TokenVerifier VERIFIER = TokenVerifier.builder()
            .secrets(applicationId -> List.of("other-secret", SECRET))
            .clock(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC))
            .build();

    @FuzzTest
    void anyTokenTextIsAnsweredWithoutThrowing(String token) {
        readEverywhere(token);
    }

    @FuzzTest
    void anyEnvelopeIsReadAlikeByTheShortcutAndTheGeneralParser(@NotNull byte[] envelope) {
        readEverywhere(TokenParser.PREFIX + Base64.getEncoder().encodeToString(envelope));

        TokenParser.Envelope fast = TokenParser.canonicalEnvelope(envelope.clone());
        if (fast != null) {
            String text = new String(envelope, StandardCharsets.UTF_8);
            TokenParser.Envelope general =
                    TokenParser.envelopeJson(text).value().orElse(null);
            assertThat(general)
                    .as("the general parser accepts what the shortcut read")
                    .isNotNull();
            assertThat(fast.applicationId()).isEqualTo(general.applicationId());
            assertThat(fast.digestBytes()).isEqualTo(general.digestBytes());
            assertThat(fast.claimsJson()).isEqualTo(general.claimsJson());
            assertThat(fast.claimsUtf8()).isEqualTo(general.claimsUtf8());
        }
    }

    @FuzzTest
    void anyClaimsAreReadAlikeByTheShortcutAndTheGeneralParser(@NotNull String claims) {
        TokenParser.Result<Claims> read = TokenParser.claims(claims);
        Claims fast = TokenParser.canonicalClaims(claims);
        if (fast != null) {
            assertThat(TokenParser.claimsJson(claims).value())
                    .as("the general parser reads what the shortcut read")
                    .contains(fast);
        }
        assertThat(read.value().isPresent() ^ read.rejection().isPresent()).isTrue();
    }

    @FuzzTest
    void aTokenWhoseDigestWasAlteredIsNeverVerified(FuzzedDataProvider data) {
        String applicationId = data.consumeString(64);
        String claims = data.consumeString(2048);
        if (applicationId.isEmpty()) {
            return;
        }
        byte[] applicationIdJson = JsonText.quotedUtf8(applicationId);
        byte[] escapedClaims = JsonText.escapedUtf8(claims);
        byte[] digest = Hmac.key(applicationId, SECRET).orElseThrow().digest(claims.getBytes(StandardCharsets.UTF_8));

        // The genuine token verifies exactly when its claims read (expiry aside, which verifyAndDecode ignores).
        String genuine = DigestTokens.encode(applicationIdJson, digest, escapedClaims);
        Verification verification = DigestTokens.verifyAndDecode(SECRET, genuine);
        boolean readable = TokenParser.claims(
                        new String(claims.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                .value()
                .isPresent();
        assertThat(verification instanceof Verified).as("%s", verification).isEqualTo(readable);

        byte[] altered = alter(digest, data);
        if (java.util.Arrays.equals(altered, digest)) {
            return;
        }
        String forged = DigestTokens.encode(applicationIdJson, altered, escapedClaims);
        assertThat(DigestTokens.verifyAndDecode(SECRET, forged)).isNotInstanceOf(Verified.class);
        assertThat(VERIFIER.verify(forged, Instant.EPOCH)).isNotInstanceOf(Verified.class);
        assertThat(DigestTokens.verifyAndDecode(SECRET, forged).code()).isNotEqualTo(VerificationCode.VERIFIED);
    }

    /** The digest with one byte changed, cut short, or lengthened, as the fuzzer chooses. */
    private static byte[] alter(byte[] digest, FuzzedDataProvider data) {
        int at = data.consumeInt(0, digest.length - 1);
        return switch (data.consumeInt(0, 2)) {
            case 0 -> {
                byte[] changed = digest.clone();
                changed[at] = data.consumeByte();
                yield changed;
            }
            case 1 -> java.util.Arrays.copyOf(digest, at);
            default -> {
                byte[] longer = java.util.Arrays.copyOf(digest, digest.length + 1);
                longer[digest.length] = data.consumeByte();
                yield longer;
            }
        };
    }

    /** Every public reader of token text answers with a value, whatever the text. */
    private static void readEverywhere(String token) {
        assertThat(VERIFIER.verify(token)).isNotNull();
        assertThat(DigestTokens.verifyAndDecode(SECRET, token)).isNotNull();
        assertThat(DigestTokens.decodeUnverified(token)).isNotNull();
    }
}
