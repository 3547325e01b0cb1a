package dev.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.token.TokenBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tollgate token create} as a separate process. Fixed expiries are 4102444800000 (2100-01-01T00:00:00Z): in the
 * future, so no test needs {@code --allow-expired}, and fixed, so the claims compare as text.
 */
class WhenCreatingATokenOnTheCommandLine {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void itPrintsTheClaimsThenTheTokenAloneOnTheLastLine() throws Exception {
        CliProcess.Result result = CliProcess.run(
                "token",
                "create",
                "--applicationId",
                "my-application-id",
                "--secret",
                "my-secret",
                "--expiresAt",
                "4102444800000",
                "--channel",
                "us-northeast#my-application-id#my-channel.134566",
                "--streamingOnly");

        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).isEmpty();
        // The reference CLI sets the type before the channel, so "type" precedes "requiredTag".
        assertThat(result.outLines())
                .containsExactly(
                        "{\"expires\":4102444800000,\"type\":\"stream\",\"requiredTag\":"
                                + "\"channelId:us-northeast#my-application-id#my-channel.134566\"}",
                        new TokenBuilder()
                                .withApplicationId("my-application-id")
                                .withSecret("my-secret")
                                .expiresAt(Instant.ofEpochMilli(4102444800000L))
                                .forStreamingOnly()
                                .forChannel("us-northeast#my-application-id#my-channel.134566")
                                .build());
    }

    @Test
    void everyOptionIsAppliedInTheReferenceCliOrder() throws Exception {
        CliProcess.Result result = CliProcess.run(
                "token",
                "create",
                "-u",
                "app",
                "-w",
                "secret",
                "--expiresAt",
                "4102444800000",
                "--applyTag",
                "t1,with,commas",
                "--applyTag",
                "t2",
                "--tag",
                "my-tag",
                "--roomAlias",
                "ra",
                "--room",
                "r",
                "--channelAlias",
                "ca",
                "--channel",
                "c",
                "--originStreamId",
                "o",
                "--remoteAddress",
                "10.1.2.3",
                "--sessionId",
                "s",
                "--capability",
                "a,b",
                "--publishingOnly",
                "--uri",
                "https://b.example",
                "--geoCountryAllow",
                "US, DE",
                "--geoPostalDeny",
                "01748");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.outLines().get(0))
                .isEqualTo("{\"uri\":\"https://b.example\",\"expires\":4102444800000,\"type\":\"publish\","
                        + "\"sessionId\":\"s\",\"remoteAddress\":\"10.1.2.3\",\"originStreamId\":\"o\","
                        + "\"requiredTag\":\"my-tag\",\"capabilities\":[\"a,b\",\"geo-country-allow=US,DE\","
                        + "\"geo-postal-code-deny=01748\"],\"applyTags\":[\"t1,with,commas\",\"t2\"]}");
    }

    @Test
    void theSecretCanComeFromAFileOrTheEnvironment(@TempDir Path directory) throws Exception {
        Path secretFile = directory.resolve("secret");
        Files.writeString(secretFile, "my-secret\n");
        String[] common = {"token", "create", "-u", "app", "-e", "4102444800000", "--json"};

        CliProcess.Result fromFile = CliProcess.run(concat(common, "--secret-file", secretFile.toString()));
        CliProcess.Result fromEnvironment = CliProcess.run(Map.of("TOLLGATE_SECRET", "my-secret"), common);
        CliProcess.Result fromFlag = CliProcess.run(concat(common, "--secret", "my-secret"));

        JsonNode json = JSON.readTree(fromFlag.out());
        assertThat(json.get("claims")).isEqualTo(JSON.readTree("{\"expires\":4102444800000}"));
        assertThat(json.get("token").asText()).startsWith("DIGEST:");
        assertThat(fromFile.out()).isEqualTo(fromFlag.out());
        assertThat(fromEnvironment.out()).isEqualTo(fromFlag.out());
    }

    @Test
    void badInputGivesOneLineOnStderrAndExitTwo() throws Exception {
        List<String[]> mistakes = List.of(
                new String[] {"token", "create", "--secret", "s"},
                new String[] {"token", "create", "-u", "a"},
                new String[] {"token", "create", "-u", "a", "-w", "s", "--expiresAt", "soon"},
                new String[] {"token", "create", "-u", "a", "-w", "s", "--geoCountryAllow", "usa"},
                new String[] {"token", "create", "-u", "a", "-w", "s", "--secret-file", "/nonexistent/secret"},
                new String[] {"token", "create", "-u", "a", "--secret-file", "/nonexistent/secret"},
                new String[] {"token", "create", "-u", "a", "-w", "s", "-l", "9223372036854775807"},
                new String[] {"token", "create", "-u", "a", "-w", "s", "-l", "99999999999999999999"},
                new String[] {"token", "create", "-u", "a", "-w", "s", "--capability", "geo-country-allow=usa"},
                new String[] {"token", "create", "-u", "a", "-w", "s", "--geoCountryDeny", "ZZ"},
                new String[] {"token", "create", "-u", "a", "-w", ""},
                new String[] {"token", "create", "-u", "a", "-w", "s", "--no-such-option"});
        for (String[] mistake : mistakes) {
            CliProcess.Result result = CliProcess.run(mistake);

            assertThat(result.exitCode()).as(String.join(" ", mistake)).isEqualTo(2);
            assertThat(result.out()).isEmpty();
            assertThat(result.err().lines()).hasSize(1);
            assertThat(result.err()).doesNotContain("Exception", "\tat ");
        }
    }

    @Test
    void anOverflowingLifetimeNamesTheLimit() throws Exception {
        CliProcess.Result result = CliProcess.run("token", "create", "-u", "a", "-w", "s", "-l", "9223372036854775807");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err().strip())
                .isEqualTo("tollgate token create: the lifetime 9223372036854775807 s is too long:"
                        + " at most 4611686018427387 s either way (about 146 million years)");
    }

    @Test
    void aMalformedLocationCapabilityIsRefusedBeforeMinting() throws Exception {
        CliProcess.Result result =
                CliProcess.run("token", "create", "-u", "a", "-w", "s", "--capability", "geo-country-allow=usa");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).contains("geo-country-allow=usa: 'usa' is not an ISO 3166-1 alpha-2 country code");
    }

    @Test
    void aMissingSecretFileSaysSo() throws Exception {
        CliProcess.Result result = CliProcess.run("token", "create", "-u", "a", "--secret-file", "/nonexistent/secret");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err().strip())
                .isEqualTo("tollgate token create: cannot read the secret file /nonexistent/secret: no such file");
    }

    @Test
    void anEmptySecretIsRefusedFromEverySource(@TempDir Path directory) throws Exception {
        Path empty = Files.writeString(directory.resolve("empty"), "\n");
        String[] common = {"token", "create", "-u", "app", "-e", "4102444800000"};

        CliProcess.Result fromFlag = CliProcess.run(concat(common, "-w", ""));
        CliProcess.Result fromFile = CliProcess.run(concat(common, "--secret-file", empty.toString()));
        CliProcess.Result fromEnvironment = CliProcess.run(Map.of("TOLLGATE_SECRET", ""), common);

        assertThat(List.of(fromFlag, fromFile, fromEnvironment)).allSatisfy(result -> {
            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.out()).isEmpty();
            assertThat(result.err().lines()).singleElement().asString().endsWith("a secret must not be empty");
        });
        assertThat(fromFlag.err()).contains("--secret is empty");
        assertThat(fromFile.err()).contains("the secret file " + empty + " is empty");
        assertThat(fromEnvironment.err()).contains("TOLLGATE_SECRET is set but empty");
    }

    private static String[] concat(String[] first, String... rest) {
        String[] all = java.util.Arrays.copyOf(first, first.length + rest.length);
        System.arraycopy(rest, 0, all, first.length, rest.length);
        return all;
    }
}
