package dev.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.token.TokenBuilder;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * {@code tollgate token create} with options that contradict each other, an expiry that is already past, or a typo:
 * exit 2, one line on stderr that says what is wrong, and nothing on stdout, so {@code TOKEN=$(… | tail -n 1)} in a
 * script gets no token rather than a wrong one.
 */
class WhenATokenCommandIsMistyped {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void streamingOnlyAndPublishingOnlyCannotBeCombined() throws Exception {
        assertRefused(
                "--streamingOnly and --publishingOnly cannot be combined: a token has one type",
                "--streamingOnly",
                "--publishingOnly");
    }

    @Test
    void authenticationOnlyCannotBeCombinedWithAnotherType() throws Exception {
        assertRefused("--authenticationOnly and --streamingOnly cannot be combined: a token has one type", "-a", "-s");
        assertRefused("--authenticationOnly and --publishingOnly cannot be combined: a token has one type", "-p", "-a");
        assertRefused(
                "--authenticationOnly, --streamingOnly and --publishingOnly cannot be combined: a token has one type",
                "-a",
                "-s",
                "-p");
    }

    @Test
    void anExpiryAlreadyPastIsRefused() throws Exception {
        assertRefused(
                "--expiresAt 1000 (1970-01-01T00:00:01Z) is already past; add --allow-expired to mint an expired token"
                        + " on purpose",
                "--expiresAt",
                "1000");
    }

    @Test
    void aLifetimeOfZeroOrLessIsRefused() throws Exception {
        assertRefused(
                "--expiresInSeconds must be positive, not 0; add --allow-expired to mint an expired token on purpose",
                "--expiresInSeconds",
                "0");
        assertRefused(
                "--expiresInSeconds must be positive, not -60; add --allow-expired to mint an expired token on purpose",
                "-l",
                "-60");
    }

    @Test
    void allowExpiredMintsTheExpiredTokenByteForByte() throws Exception {
        CliProcess.Result result = CliProcess.run(
                "token",
                "create",
                "-u",
                "my-application-id",
                "-w",
                "my-secret",
                "--expiresAt",
                "1000",
                "--streamingOnly",
                "--channel",
                "my-channel",
                "--allow-expired");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(result.outLines())
                .containsExactly(
                        "{\"expires\":1000,\"type\":\"stream\",\"requiredTag\":\"channelId:my-channel\"}",
                        new TokenBuilder()
                                .withApplicationId("my-application-id")
                                .withSecret("my-secret")
                                .expiresAt(Instant.ofEpochMilli(1000))
                                .forStreamingOnly()
                                .forChannel("my-channel")
                                .build());
    }

    @Test
    void allowExpiredAcceptsANegativeLifetime() throws Exception {
        long before = System.currentTimeMillis();
        CliProcess.Result result =
                CliProcess.run("token", "create", "-u", "a", "-w", "s", "-l", "-60", "--allow-expired", "--json");

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode claims = JSON.readTree(result.out()).get("claims");
        assertThat(claims.get("expires").asLong()).isBetween(before - 60_000, System.currentTimeMillis() - 60_000);
    }

    @Test
    void aMisspelledOptionGetsPicocliSuggestions() throws Exception {
        CliProcess.Result result =
                CliProcess.run("token", "create", "-u", "a", "-w", "s", "--chanelAlias", "news", "--streamingOnly");

        assertThat(result.exitCode()).isEqualTo(Tollgate.USAGE);
        assertThat(result.out()).isEmpty();
        // picocli ranks the candidates by similarity; which of the two comes first is its business.
        assertThat(result.err().lines())
                .singleElement()
                .asString()
                .startsWith("tollgate token create: Unknown options: '--chanelAlias', 'news'; did you mean ")
                .contains("--channelAlias")
                .endsWith("? (see --help)");
    }

    @Test
    void aMisspelledSubcommandGetsTheCommandToType() throws Exception {
        CliProcess.Result result = CliProcess.run("token", "crate", "-u", "a");

        assertThat(result.exitCode()).isEqualTo(Tollgate.USAGE);
        assertThat(result.out()).isEmpty();
        assertThat(result.err().lines())
                .containsExactly("tollgate token: Unmatched arguments from index 1: 'crate', '-u', 'a';"
                        + " did you mean tollgate token create? (see --help)");
    }

    /** Runs {@code token create -u a -w s} plus {@code mistake} and expects exactly {@code message}, exit 2. */
    private static void assertRefused(String message, String... mistake) throws Exception {
        String[] args = new String[6 + mistake.length];
        System.arraycopy(new String[] {"token", "create", "-u", "a", "-w", "s"}, 0, args, 0, 6);
        System.arraycopy(mistake, 0, args, 6, mistake.length);

        CliProcess.Result result = CliProcess.run(args);

        assertThat(result.exitCode()).as(String.join(" ", args)).isEqualTo(Tollgate.USAGE);
        assertThat(result.out()).isEmpty();
        assertThat(result.err().lines()).containsExactly("tollgate token create: " + message);
    }
}
