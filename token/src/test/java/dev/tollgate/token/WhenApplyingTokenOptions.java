package dev.tollgate.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link TokenOptions#applyTo} is the one mapping from options to builder calls that {@code tollgate token create} and
 * {@code POST /v1/edge-tokens} share: the reference EdgeAuth CLI's order, whatever order the options were given in.
 */
class WhenApplyingTokenOptions {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant YEAR_2100 = Instant.ofEpochMilli(4102444800000L);

    /** The reference CLI's order of the builder calls; capabilities and applied tags are written last anyway. */
    private static final List<String> CLI_ORDER = List.of(
            "withUri",
            "expiresAt",
            "expiresInSeconds",
            "forAuthenticationOnly",
            "forStreamingOnly",
            "forPublishingOnly",
            "forSession",
            "forRemoteAddress",
            "forOriginStream",
            "forChannel",
            "forChannelAlias",
            "forRoom",
            "forRoomAlias",
            "forTag");

    static TokenBuilder signer() {
        return new TokenBuilder().withApplicationId("app").withSecret("secret");
    }

    @Test
    void everyOptionIsWrittenInTheReferenceCliOrderWhateverOrderItWasGivenIn() {
        TokenOptions options = TokenOptions.builder()
                .applyTags(List.of("t1,with,commas", "t2"))
                .tag("my-tag")
                .roomAlias("ra")
                .room("r")
                .channelAlias("ca")
                .channel("c")
                .originStreamId("o")
                .remoteAddress("10.1.2.3")
                .sessionId("s")
                .denyPostalCodes(List.of("01748"))
                .allowCountries(List.of("US", "DE"))
                .capabilities(List.of("a,b"))
                .type(TokenType.PUBLISH)
                .expiresAt(YEAR_2100)
                .uri("https://b.example")
                .build();

        TokenBuilder applied = options.applyTo(signer());
        String token = applied.build();

        // The same claims as `tollgate token create` prints for these options (WhenCreatingATokenOnTheCommandLine).
        assertThat(applied.value())
                .isEqualTo("{\"uri\":\"https://b.example\",\"expires\":4102444800000,\"type\":\"publish\","
                        + "\"sessionId\":\"s\",\"remoteAddress\":\"10.1.2.3\",\"originStreamId\":\"o\","
                        + "\"requiredTag\":\"my-tag\",\"capabilities\":[\"a,b\",\"geo-country-allow=US,DE\","
                        + "\"geo-postal-code-deny=01748\"],\"applyTags\":[\"t1,with,commas\",\"t2\"]}");
        assertThat(token)
                .isEqualTo(signer().withUri("https://b.example")
                        .expiresAt(YEAR_2100)
                        .forPublishingOnly()
                        .withCapability("a,b")
                        .allowCountries("US", "DE")
                        .denyPostalCodes("01748")
                        .forSession("s")
                        .forRemoteAddress("10.1.2.3")
                        .forOriginStream("o")
                        .forChannel("c")
                        .forChannelAlias("ca")
                        .forRoom("r")
                        .forRoomAlias("ra")
                        .forTag("my-tag")
                        .applyTag("t1,with,commas")
                        .applyTag("t2")
                        .build());
    }

    @Test
    void theReferenceVectorsCalledInTheCliOrderComeOutByteForByte() throws Exception {
        int inCliOrder = 0;
        for (JsonNode vector : Vectors.upstream()) {
            if (!vector.has("builder_calls")) {
                continue;
            }
            JsonNode calls = vector.get("builder_calls");
            String id = vector.get("id").asText();

            String token = options(calls).applyTo(identity(calls)).build();

            if (inCliOrder(calls)) {
                inCliOrder++;
                assertThat(token).as(id).isEqualTo(vector.get("expected_token").asText());
            } else {
                // Called in another order, the reference library writes the claims in another order; the claims
                // themselves are the same, and the token verifies under the vector's secret.
                Verification verification =
                        DigestTokens.verifyAndDecode(calls.get(1).get(1).asText(), token);
                assertThat(verification).as(id).isInstanceOf(Verified.class);
                assertThat(JSON.readTree(((Verified) verification).claims().json()))
                        .as(id)
                        .isEqualTo(
                                JSON.readTree(vector.get("expected_claims_json").asText()));
            }
        }
        // Not vacuous: some reference vectors are called in the CLI's order.
        assertThat(inCliOrder).isGreaterThanOrEqualTo(2);
    }

    @Test
    void anExpiryAtWinsOverALifetimeAsTheReferenceCliLetsIt() {
        TokenBuilder applied = TokenOptions.builder()
                .expiresInSeconds(60)
                .expiresAt(YEAR_2100)
                .build()
                .applyTo(signer());
        applied.build();

        assertThat(applied.value()).isEqualTo("{\"expires\":4102444800000}");
    }

    @Test
    void noOptionsMakeAnEdgeTokenForTheReferenceCliDefaultHour() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        TokenBuilder applied =
                TokenOptions.builder().build().applyTo(signer().withClock(Clock.fixed(now, ZoneOffset.UTC)));
        applied.build();

        assertThat(applied.value())
                .isEqualTo("{\"expires\":"
                        + now.plusSeconds(TokenOptions.DEFAULT_EXPIRES_IN_SECONDS)
                                .toEpochMilli() + "}");
    }

    @Test
    void theOptionsKeepTheirOwnCopyOfEveryList() {
        List<String> capabilities = new ArrayList<>(List.of("hd"));
        TokenOptions.Builder builder = TokenOptions.builder().capabilities(capabilities);
        TokenOptions options = builder.build();

        capabilities.add("later");
        builder.capabilities(List.of("after-build"));

        assertThat(options.capabilities()).containsExactly("hd");
    }

    private static TokenBuilder identity(JsonNode calls) {
        return new TokenBuilder()
                .withApplicationId(argument(calls, "withApplicationId"))
                .withSecret(argument(calls, "withSecret"));
    }

    private static String argument(JsonNode calls, String method) {
        for (JsonNode call : calls) {
            if (call.get(0).asText().equals(method)) {
                return call.get(1).asText();
            }
        }
        throw new AssertionError("the vector does not call " + method);
    }

    private static boolean inCliOrder(JsonNode calls) {
        int last = -1;
        for (JsonNode call : calls) {
            int rank = CLI_ORDER.indexOf(call.get(0).asText());
            if (rank < 0) {
                continue;
            }
            if (rank < last) {
                return false;
            }
            last = rank;
        }
        return true;
    }

    /** The vector's calls as options, the way either caller maps its inputs. */
    private static TokenOptions options(JsonNode calls) {
        TokenOptions.Builder options = TokenOptions.builder();
        List<String> capabilities = new ArrayList<>();
        List<String> applyTags = new ArrayList<>();
        for (JsonNode call : calls) {
            String method = call.get(0).asText();
            String argument = call.size() > 1 ? call.get(1).asText() : null;
            switch (method) {
                case "withApplicationId", "withSecret" -> {}
                case "withUri" -> options.uri(argument);
                case "expiresAt" ->
                    options.expiresAt(Instant.ofEpochMilli(call.get(1).asLong()));
                case "expiresInSeconds" -> options.expiresInSeconds(call.get(1).asLong());
                case "forAuthenticationOnly" -> options.type(TokenType.AUTH);
                case "forStreamingOnly" -> options.type(TokenType.STREAM);
                case "forPublishingOnly" -> options.type(TokenType.PUBLISH);
                case "withCapability" -> capabilities.add(argument);
                case "forSession" -> options.sessionId(argument);
                case "forRemoteAddress" -> options.remoteAddress(argument);
                case "forOriginStream" -> options.originStreamId(argument);
                case "forChannel" -> options.channel(argument);
                case "forChannelAlias" -> options.channelAlias(argument);
                case "forRoom" -> options.room(argument);
                case "forRoomAlias" -> options.roomAlias(argument);
                case "forTag" -> options.tag(argument);
                case "applyTag" -> applyTags.add(argument);
                default -> throw new AssertionError("vector calls an unknown builder method: " + method);
            }
        }
        return options.capabilities(capabilities).applyTags(applyTags).build();
    }
}
