package dev.tollgate.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tokens cross between Tollgate and the real reference library ({@code phenix-edge-auth@1.2.4} on Node.js) in both
 * directions, with values that stress escaping. Skipped, with a message, when Node.js is not installed; CI installs
 * it.
 */
class WhenInteroperatingWithTheReferenceLibrary {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String APPLICATION_ID = "my-application-id/é";
    private static final String SECRET = "s3cret\"\\/é";

    private static ReferenceNodeLibrary reference;

    /** Builder calls covering every field, arrays, and values that stress escaping. */
    private static final List<List<Object>> CASES = List.of(
            List.of(List.of("expiresAt", 1_900_000_000_000L), List.of("forChannelAlias", "my-channel")),
            List.of(
                    List.of("expiresAt", 1_900_000_000_000L),
                    List.of("forChannel", "us-northeast#my-application-id#my-channel.134566"),
                    List.of("forStreamingOnly"),
                    List.of("forRemoteAddress", "2001:db8::1"),
                    List.of("forSession", "session-\"quoted\""),
                    List.of("forOriginStream", "origin\\back\\slash"),
                    List.of("withCapability", "multi-bitrate"),
                    List.of("withCapability", "geo-country-allow=US,DE"),
                    List.of("applyTag", "customer1"),
                    List.of("applyTag", "billing=team/é")),
            List.of(
                    List.of("expiresAt", 1_900_000_000_000L),
                    List.of("forRoomAlias", "salle-à-manger-中文-😀"),
                    List.of("forAuthenticationOnly")),
            List.of(
                    List.of("expiresAt", 1_900_000_000_000L),
                    List.of("forRoom", "room/with/slashes?x=1&y=2"),
                    List.of("forPublishingOnly"),
                    List.of("forTag", "tab\there,newline\nthere,control\u0001,del\u007f")),
            List.of(
                    List.of("expiresAt", 1_900_000_000_000L),
                    List.of("forTag", "my-tag=awesome"),
                    List.of("withCapability", "geo-postal-code-deny=01748,01721"),
                    List.of("applyTag", "\"quotes\" and \\backslashes\\")));

    @BeforeAll
    static void installReferenceLibrary() throws Exception {
        var installed = ReferenceNodeLibrary.install();
        Assumptions.assumeTrue(
                installed.isPresent(),
                "Node.js and npm are not installed: skipping the interop test with " + ReferenceNodeLibrary.PACKAGE
                        + " (CI installs them)");
        reference = installed.get();
    }

    private static TokenBuilder tollgateBuilder(List<Object> calls) {
        ArrayNode json = JSON.createArrayNode();
        json.add(JSON.valueToTree(List.of("withApplicationId", APPLICATION_ID)));
        json.add(JSON.valueToTree(List.of("withSecret", SECRET)));
        calls.forEach(call -> json.add(JSON.valueToTree(call)));
        return Vectors.replay(json);
    }

    @Test
    void tokensFromTollgateVerifyThereWithTheSameValue() throws Exception {
        ArrayNode requests = JSON.createArrayNode();
        List<String> expectedValues = new ArrayList<>();
        for (List<Object> calls : CASES) {
            String token = tollgateBuilder(calls).build();
            Verified ours = (Verified) DigestTokens.verifyAndDecode(SECRET, token);
            expectedValues.add(ours.valueJson());
            requests.addObject().put("op", "verify").put("secret", SECRET).put("token", token);
        }

        List<JsonNode> results = reference.call(requests);

        for (int i = 0; i < CASES.size(); i++) {
            JsonNode result = results.get(i);
            assertThat(result.get("verified").asBoolean())
                    .as("case %d: %s", i, result)
                    .isTrue();
            assertThat(result.get("code").asText()).isEqualTo("verified");
            assertThat(result.get("value")).isEqualTo(JSON.readTree(expectedValues.get(i)));
        }
    }

    @Test
    void tokensFromTheReferenceVerifyHereWithTheSameValue() throws Exception {
        ArrayNode requests = JSON.createArrayNode();
        for (List<Object> calls : CASES) {
            ObjectNode request = requests.addObject();
            request.put("op", "mint");
            ArrayNode builderCalls = request.putArray("calls");
            builderCalls.add(JSON.valueToTree(List.of("withApplicationId", APPLICATION_ID)));
            builderCalls.add(JSON.valueToTree(List.of("withSecret", SECRET)));
            calls.forEach(call -> builderCalls.add(JSON.valueToTree(call)));
        }
        List<JsonNode> minted = reference.call(requests);

        ArrayNode verifications = JSON.createArrayNode();
        for (JsonNode token : minted) {
            verifications
                    .addObject()
                    .put("op", "verify")
                    .put("secret", SECRET)
                    .put("token", token.get("token").asText());
        }
        List<JsonNode> referenceValues = reference.call(verifications);

        for (int i = 0; i < minted.size(); i++) {
            Verification ours = DigestTokens.verifyAndDecode(
                    SECRET, minted.get(i).get("token").asText());
            assertThat(ours.code()).as("case %d", i).isEqualTo(VerificationCode.VERIFIED);
            assertThat(JSON.readTree(((Verified) ours).valueJson()))
                    .isEqualTo(referenceValues.get(i).get("value"));
        }
    }

    @Test
    void whenArraysComeLastBothLibrariesWriteTheSameBytes() throws Exception {
        // Node keeps arrays where they were first added; Java appends them last. Put them last and the bytes agree,
        // escaping of quotes, backslashes, control characters and non-ASCII included.
        ArrayNode requests = JSON.createArrayNode();
        List<String> ours = new ArrayList<>();
        for (List<Object> calls : CASES) {
            ours.add(tollgateBuilder(calls).build());
            ObjectNode request = requests.addObject().put("op", "mint");
            ArrayNode builderCalls = request.putArray("calls");
            builderCalls.add(JSON.valueToTree(List.of("withApplicationId", APPLICATION_ID)));
            builderCalls.add(JSON.valueToTree(List.of("withSecret", SECRET)));
            calls.forEach(call -> builderCalls.add(JSON.valueToTree(call)));
        }

        List<JsonNode> theirs = reference.call(requests);

        for (int i = 0; i < CASES.size(); i++) {
            assertThat(theirs.get(i).get("token").asText()).as("case %d", i).isEqualTo(ours.get(i));
        }
    }

    @Test
    void aTokenSignedWithAnotherSecretIsABadDigestOnBothSides() throws Exception {
        String token = tollgateBuilder(CASES.get(0)).build();
        ArrayNode requests = JSON.createArrayNode();
        requests.addObject().put("op", "verify").put("secret", "wrong").put("token", token);

        JsonNode theirs = reference.call(requests).get(0);

        assertThat(theirs.get("code").asText()).isEqualTo("bad-digest");
        assertThat(DigestTokens.verifyAndDecode("wrong", token).code().code()).isEqualTo("bad-digest");
    }
}
