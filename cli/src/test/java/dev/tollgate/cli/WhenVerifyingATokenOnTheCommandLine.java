package dev.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.token.TokenBuilder;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WhenVerifyingATokenOnTheCommandLine {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant EXPIRY = Instant.parse("2030-01-01T00:00:00Z");

    private final String token = new TokenBuilder()
            .withApplicationId("my-application-id")
            .withSecret("my-secret")
            .expiresAt(EXPIRY)
            .forChannelAlias("my-channel")
            .applyTag("customer1")
            .build();

    @Test
    void aGoodTokenIsVerifiedWithItsValueAndExitZero() throws Exception {
        CliProcess.Result result = CliProcess.run("token", "verify", "--secret", "my-secret", token);

        assertThat(result.exitCode()).isZero();
        assertThat(JSON.readTree(result.out()))
                .isEqualTo(JSON.readTree("{\"verified\":true,\"code\":\"verified\",\"value\":{\"expires\":"
                        + EXPIRY.toEpochMilli() + ",\"requiredTag\":\"channelAlias:my-channel\","
                        + "\"applyTags\":[\"customer1\"],\"applicationId\":\"my-application-id\"}}"));
    }

    @Test
    void aWrongSecretIsABadDigestAndExitOne() throws Exception {
        CliProcess.Result result = CliProcess.run("token", "verify", "--secret", "wrong", token);

        assertThat(result.exitCode()).isEqualTo(1);
        JsonNode json = JSON.readTree(result.out());
        assertThat(json.get("verified").asBoolean()).isFalse();
        assertThat(json.get("code").asText()).isEqualTo("bad-digest");
        assertThat(json.has("value")).isFalse();
    }

    @Test
    void anExpiredTokenIsRejectedUnlessExpiryIsIgnored() throws Exception {
        String later = Long.toString(EXPIRY.plusSeconds(61).toEpochMilli());

        CliProcess.Result expired = CliProcess.run("token", "verify", "-w", "my-secret", "--at", later, token);
        CliProcess.Result withinSkew = CliProcess.run(
                "token",
                "verify",
                "-w",
                "my-secret",
                "--at",
                Long.toString(EXPIRY.plusSeconds(59).toEpochMilli()),
                token);
        CliProcess.Result ignored = CliProcess.run("token", "verify", "-w", "my-secret", "--ignore-expiry", token);

        assertThat(expired.exitCode()).isEqualTo(1);
        assertThat(JSON.readTree(expired.out()).get("code").asText()).isEqualTo("expired");
        assertThat(JSON.readTree(expired.out())
                        .get("value")
                        .get("applicationId")
                        .asText())
                .isEqualTo("my-application-id");
        assertThat(withinSkew.exitCode()).isZero();
        assertThat(ignored.exitCode()).isZero();
    }

    @Test
    void aTimeWithIgnoredExpiryIsAUsageError() throws Exception {
        String later = Long.toString(EXPIRY.plusSeconds(61).toEpochMilli());

        CliProcess.Result withAt =
                CliProcess.run("token", "verify", "-w", "my-secret", "--at", later, "--ignore-expiry", token);
        CliProcess.Result withSkew =
                CliProcess.run("token", "verify", "-w", "my-secret", "--clock-skew", "5", "--ignore-expiry", token);

        assertThat(List.of(withAt, withSkew)).allSatisfy(result -> {
            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.out()).isEmpty();
            assertThat(result.err().strip())
                    .isEqualTo("tollgate token verify: --ignore-expiry does not look at the time:"
                            + " give it without --at and --clock-skew");
        });
    }

    @Test
    void garbageIsABadTokenNotACrash() throws Exception {
        CliProcess.Result result = CliProcess.run("token", "verify", "-w", "s", "DIGEST:%%%");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(JSON.readTree(result.out()).get("code").asText()).isEqualTo("bad-token");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void aMissingSecretIsAUsageError() throws Exception {
        CliProcess.Result result = CliProcess.run("token", "verify", token);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("secret is required");
    }

    @Test
    void decodingShowsTheEnvelopeMarkedUnverified() throws Exception {
        CliProcess.Result result = CliProcess.run("token", "decode", token);

        assertThat(result.exitCode()).isZero();
        JsonNode json = JSON.readTree(result.out());
        assertThat(json.get("verified").asBoolean()).isFalse();
        assertThat(json.get("warning").asText()).startsWith("UNVERIFIED");
        assertThat(json.get("applicationId").asText()).isEqualTo("my-application-id");
        assertThat(json.get("claims").get("requiredTag").asText()).isEqualTo("channelAlias:my-channel");
        assertThat(CliProcess.run("token", "decode", "nope").exitCode()).isEqualTo(1);
    }
}
