package dev.tollgate.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WhenVerifyingABadToken {
    private static final String SECRET = "my-secret";

    private static String envelope(String json) {
        return "DIGEST:" + Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** A correctly signed token around arbitrary claims text, to show the claims are checked after the digest. */
    private static String signed(String claims) {
        return DigestTokens.sign("my-application-id", SECRET, claims);
    }

    static Stream<Arguments> malformedTokens() {
        String digest = "\"digest\":\"abc\"";
        return Stream.of(
                Arguments.of("bad base64", "DIGEST:@@@not-base64@@@"),
                Arguments.of("base64 of garbage", envelope("not json")),
                Arguments.of("a JSON array", envelope("[1,2,3]")),
                Arguments.of("a JSON string", envelope("\"token\"")),
                Arguments.of("an empty object", envelope("{}")),
                Arguments.of("a missing digest", envelope("{\"applicationId\":\"a\",\"token\":\"{}\"}")),
                Arguments.of(
                        "a numeric application ID", envelope("{\"applicationId\":1," + digest + ",\"token\":\"{}\"}")),
                Arguments.of(
                        "an empty application ID",
                        envelope("{\"applicationId\":\"\"," + digest + ",\"token\":\"{}\"}")),
                Arguments.of(
                        "a duplicate application ID",
                        envelope("{\"applicationId\":\"a\",\"applicationId\":\"b\"," + digest + ",\"token\":\"{}\"}")),
                Arguments.of(
                        "trailing content", envelope("{\"applicationId\":\"a\"," + digest + ",\"token\":\"{}\"} {}")),
                Arguments.of(
                        "invalid UTF-8",
                        "DIGEST:" + Base64.getEncoder().encodeToString(new byte[] {'{', (byte) 0xC3, '('})),
                Arguments.of("deep nesting", envelope("{\"x\":" + "[".repeat(200) + "]".repeat(200) + "}")),
                Arguments.of("claims that are not JSON", signed("not json")),
                Arguments.of("claims that are an array", signed("[]")),
                Arguments.of("claims without expires", signed("{\"type\":\"stream\"}")),
                Arguments.of("a string expiry", signed("{\"expires\":\"1000\"}")),
                Arguments.of("a fractional expiry", signed("{\"expires\":1000.5}")),
                Arguments.of("a huge expiry", signed("{\"expires\":123456789012345678901234567890}")),
                Arguments.of("an unknown type", signed("{\"expires\":1000,\"type\":\"admin\"}")),
                Arguments.of("a numeric required tag", signed("{\"expires\":1000,\"requiredTag\":5}")),
                Arguments.of("capabilities that are a string", signed("{\"expires\":1000,\"capabilities\":\"a\"}")),
                Arguments.of("apply tags holding a number", signed("{\"expires\":1000,\"applyTags\":[\"a\",1]}")),
                Arguments.of("a duplicate claim", signed("{\"expires\":1000,\"expires\":2000}")),
                Arguments.of(
                        "an application ID among the claims", signed("{\"expires\":1000,\"applicationId\":\"x\"}")));
        // A malformed location capability is not here: the reference verifies such a token, and so does
        // verifyAndDecode; TokenVerifier refuses it (WhenVerifyingAMalformedLocationConstraint).
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedTokens")
    void itIsRejectedAsABadTokenWithoutThrowing(String description, String token) {
        Verification result = DigestTokens.verifyAndDecode(SECRET, token);

        assertThat(result).isInstanceOf(Rejected.class);
        assertThat(result.code()).isEqualTo(VerificationCode.BAD_TOKEN);
        assertThat(((Rejected) result).detail()).isNotBlank().doesNotContain(SECRET);
    }

    @Test
    void aTokenOverTheSizeLimitIsABadToken() {
        String token = new TokenBuilder()
                .withApplicationId("my-application-id")
                .withSecret(SECRET)
                .expiresAt(java.time.Instant.ofEpochMilli(1000))
                .forTag("x".repeat(DigestTokens.MAX_TOKEN_LENGTH))
                .build();

        assertThat(DigestTokens.verifyAndDecode(SECRET, token).code()).isEqualTo(VerificationCode.BAD_TOKEN);
    }

    @Test
    void textWithoutThePrefixIsNotADigestToken() {
        assertThat(DigestTokens.verifyAndDecode(SECRET, "eyJhbGciOiJIUzI1NiJ9.e30.x")
                        .code())
                .isEqualTo(VerificationCode.NOT_A_DIGEST_TOKEN);
        assertThat(DigestTokens.verifyAndDecode(SECRET, "").code()).isEqualTo(VerificationCode.NOT_A_DIGEST_TOKEN);
        assertThat(DigestTokens.verifyAndDecode(SECRET, null).code()).isEqualTo(VerificationCode.NOT_A_DIGEST_TOKEN);
    }

    @Test
    void aTamperedClaimIsABadDigest() {
        String claims = "{\"expires\":1000,\"type\":\"stream\"}";
        String token = signed(claims);
        String decoded = new String(Base64.getDecoder().decode(token.substring(7)), StandardCharsets.UTF_8);
        String tampered = envelope(decoded.replace("stream", "publish"));

        assertThat(DigestTokens.verifyAndDecode(SECRET, tampered).code()).isEqualTo(VerificationCode.BAD_DIGEST);
    }

    @Test
    void aDigestOfTheRightLengthButWrongValueIsABadDigest() {
        String token = signed("{\"expires\":1000}");
        String decoded = new String(Base64.getDecoder().decode(token.substring(7)), StandardCharsets.UTF_8);
        int start = decoded.indexOf("\"digest\":\"") + 10;
        char first = decoded.charAt(start);
        String flipped = decoded.substring(0, start) + (first == 'A' ? 'B' : 'A') + decoded.substring(start + 1);

        assertThat(DigestTokens.verifyAndDecode(SECRET, envelope(flipped)).code())
                .isEqualTo(VerificationCode.BAD_DIGEST);
    }

    @Test
    void randomBytesAreAlwaysABadTokenAndNeverThrow() {
        java.util.Random random = new java.util.Random(20261122L);
        for (int i = 0; i < 5_000; i++) {
            byte[] bytes = new byte[random.nextInt(200)];
            random.nextBytes(bytes);
            String token = "DIGEST:" + Base64.getEncoder().encodeToString(bytes);

            // Random bytes are never the JSON envelope: always the one code for that, never a digest check.
            assertThat(DigestTokens.verifyAndDecode(SECRET, token).code())
                    .as("%s", token)
                    .isEqualTo(VerificationCode.BAD_TOKEN);
            assertThat(DigestTokens.decodeUnverified(token))
                    .as("%s", token)
                    .isInstanceOfSatisfying(
                            Rejected.class,
                            rejected -> assertThat(rejected.code()).isEqualTo(VerificationCode.BAD_TOKEN));
        }
    }
}
