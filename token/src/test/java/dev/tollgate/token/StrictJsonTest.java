package dev.tollgate.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Differential tests: the hand-written reader accepts exactly what a strict Jackson accepts, and reads the same. */
class StrictJsonTest {
    private static final ObjectMapper JACKSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final List<String> SAMPLES = List.of(
            "{}",
            "[]",
            "{\"a\":1}",
            " { \"a\" : [ 1 , -2.5e+3 , 0 , true , false , null , \"x\" ] } ",
            "{\"s\":\"q\\\"b\\\\s\\/c\\b\\f\\n\\r\\t\\u00e9\\u2028\\ud83d\\ude00\"}",
            "{\"nested\":{\"a\":{\"b\":[[],[{}]]}}}",
            "{\"e\":1E5,\"f\":0.5,\"g\":-0,\"h\":123456789012345678901234567890}",
            "{\"raw\":\"é✓😀\"}",
            "{\"a\":1,\"a\":2}",
            "{\"a\":1,}",
            "[1,]",
            "{\"a\" 1}",
            "{'a':1}",
            "{\"a\":01}",
            "{\"a\":1.}",
            "{\"a\":.5}",
            "{\"a\":-}",
            "{\"a\":+1}",
            "{\"a\":1e}",
            "{\"a\":tru}",
            "{\"a\":nul}",
            "{\"a\":\"\\x\"}",
            "{\"a\":\"\\u12\"}",
            "{\"a\":\"\\u12G4\"}",
            "{\"a\":\"tab\there\"}",
            "{\"a\":\"unterminated}",
            "{\"a\":1}{}",
            "{\"a\":1} x",
            "",
            "   ",
            "{",
            "[",
            "\"just a string\"",
            "42",
            "{\"a\":NaN}");

    @Test
    void parseWhenGivenTrickySamplesThenAgreesWithStrictJackson() {
        for (String sample : SAMPLES) {
            assertAgrees(sample);
        }
    }

    @Test
    void parseWhenGivenMutatedTokensThenAgreesWithStrictJackson() {
        Random random = new Random(42);
        String base = "{\"expires\":1000,\"requiredTag\":\"channelAlias:my-\\\"channel\\\"\",\"type\":\"stream\","
                + "\"capabilities\":[\"a\",\"b\"],\"applyTags\":[\"customer1\"],\"x\":{\"y\":[1.5e3,true,null]}}";
        String alphabet = "{}[]\":,\\ 0123456789.eE+-tfnulrsa\t\n";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder mutated = new StringBuilder(base);
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits; e++) {
                int at = random.nextInt(mutated.length());
                switch (random.nextInt(3)) {
                    case 0 -> mutated.deleteCharAt(at);
                    case 1 -> mutated.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    default -> mutated.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            assertAgrees(mutated.toString());
        }
    }

    private static void assertAgrees(String sample) {
        JsonNode expected;
        try {
            expected = sample.isBlank() ? null : JACKSON.readTree(sample);
        } catch (Exception e) {
            expected = null;
        }
        Object ours;
        try {
            ours = StrictJson.parse(sample);
        } catch (StrictJson.Malformed e) {
            ours = null;
        }
        assertThat(ours != null).as("accepts %s", sample).isEqualTo(expected != null);
        if (ours != null) {
            assertThat(readBack(StrictJson.write(ours))).as("reads %s", sample).isEqualTo(expected);
        }
    }

    private static JsonNode readBack(String json) {
        try {
            return JACKSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError("our output is not JSON: " + json, e);
        }
    }
}
