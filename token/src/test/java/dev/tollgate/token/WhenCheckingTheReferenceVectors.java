package dev.tollgate.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WhenCheckingTheReferenceVectors {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> builtVectors() {
        return Vectors.upstream().stream()
                .filter(v -> v.has("builder_calls"))
                .map(v -> Arguments.of(Named.of(v.get("id").asText(), v)));
    }

    static Stream<Arguments> verifications() {
        return Vectors.upstream().stream().flatMap(vector -> {
            String token = vector.has("expected_token")
                    ? vector.get("expected_token").asText()
                    : vector.get("given_token").asText();
            Stream.Builder<Arguments> cases = Stream.builder();
            vector.get("verifications")
                    .forEach(check -> cases.add(Arguments.of(
                            Named.of(
                                    vector.get("id").asText() + " with "
                                            + check.get("secret").asText(),
                                    token),
                            check)));
            return cases.build();
        });
    }

    @Test
    void theVectorFileHoldsEveryReferenceScenario() {
        assertThat(Vectors.upstream()).hasSizeGreaterThanOrEqualTo(14);
    }

    @ParameterizedTest
    @MethodSource("builtVectors")
    void theBuilderWritesTheReferenceTokenByteForByte(JsonNode vector) {
        TokenBuilder builder = Vectors.replay(vector.get("builder_calls"));

        String token = builder.build();

        assertThat(token).isEqualTo(vector.get("expected_token").asText());
        assertThat(builder.value()).isEqualTo(vector.get("expected_claims_json").asText());
    }

    @ParameterizedTest
    @MethodSource("verifications")
    void verificationGivesTheReferenceCodeAndValue(String token, JsonNode check) throws Exception {
        Verification result = DigestTokens.verifyAndDecode(check.get("secret").asText(), token);

        assertThat(result.isVerified()).isEqualTo(check.get("expected_verified").asBoolean());
        assertThat(result.code().code()).isEqualTo(check.get("expected_code").asText());
        if (check.path("expected_value_absent").asBoolean()) {
            assertThat(result).isInstanceOf(Rejected.class);
        }
        if (check.path("expected_value_present").asBoolean()) {
            JsonNode value = JSON.readTree(((Verified) result).valueJson());
            for (JsonNode assertion : check.path("assertions")) {
                JsonNode field = value.get(assertion.get("field").asText());
                switch (assertion.get("op").asText()) {
                    case "equals" ->
                        assertThat(field.asText())
                                .isEqualTo(assertion.get("value").asText());
                    case "length" ->
                        assertThat(field.size())
                                .isEqualTo(assertion.get("value").asInt());
                    case "index" ->
                        assertThat(field.get(assertion.get("index").asInt()).asText())
                                .isEqualTo(assertion.get("value").asText());
                    default -> throw new IllegalArgumentException("unknown assertion " + assertion.get("op"));
                }
            }
            assertThat(value.get("applicationId").asText()).isNotEmpty();
        }
    }

    @Test
    void everyVerificationCodeInTheVectorsIsOneOfOurs() {
        List<String> ours =
                Stream.of(VerificationCode.values()).map(VerificationCode::code).toList();
        verifications().forEach(arguments -> {
            JsonNode check = (JsonNode) arguments.get()[1];
            assertThat(ours).contains(check.get("expected_code").asText());
        });
    }
}
