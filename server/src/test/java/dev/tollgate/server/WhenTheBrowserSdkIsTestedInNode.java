package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The browser SDK's own tests ({@code web-sdk/test/}, Node's test runner with fake timers: the refresh timeline as
 * the Java SDK's tests hold it, token decoding, URLs, errors) run as a process here, so that a failure fails {@code
 * ./mvnw verify}. They need Node.js 20.11 or later (the fake {@code Date} of {@code node:test}'s mock timers); without
 * it the test skips and says so. {@code .ci/run} installs Node.js.
 */
class WhenTheBrowserSdkIsTestedInNode {
    /** The first Node.js whose mock timers fake {@code Date} as well. */
    static final int[] NEEDED = {20, 11};

    static final Path SDK = WhenAPageLoadsTheBrowserSdk.root().resolve("web-sdk");

    @Test
    void itsNodeTestsPass() throws IOException, InterruptedException {
        Optional<String> version = nodeVersion();
        assumeTrue(version.isPresent(), "Node.js is not installed (apt-get install nodejs; .ci/run does): skipping");
        assumeTrue(
                atLeast(version.get(), NEEDED),
                "Node.js " + version.get() + " is older than 20.11, whose node:test mock timers fake Date: skipping");

        Path output = Files.createTempFile("web-sdk-tests", ".txt");
        Process process = new ProcessBuilder("node", "--test", "test/")
                .directory(SDK.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        try {
            boolean finished = process.waitFor(300, TimeUnit.SECONDS);
            String report = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(finished)
                    .as("node --test finished within 300 s:%n%s", report)
                    .isTrue();
            assertThat(process.exitValue())
                    .as("node --test test/ in web-sdk:%n%s", report)
                    .isZero();
            // Not vacuous: the suites ran their tests.
            Matcher passed = Pattern.compile("(?m)^# pass (\\d+)$").matcher(report);
            assertThat(passed.find()).as(report).isTrue();
            assertThat(Integer.parseInt(passed.group(1))).isGreaterThanOrEqualTo(50);
        } finally {
            process.destroyForcibly();
            Files.deleteIfExists(output);
        }
    }

    static Optional<String> nodeVersion() {
        try {
            Process process = new ProcessBuilder(List.of("node", "--version"))
                    .redirectErrorStream(true)
                    .start();
            boolean done = process.waitFor(20, TimeUnit.SECONDS);
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            process.destroyForcibly();
            return done && process.exitValue() == 0 ? Optional.of(out) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Whether {@code v20.20.2} is at least {@code major.minor}. */
    static boolean atLeast(String version, int[] needed) {
        Matcher matcher = Pattern.compile("^v(\\d+)\\.(\\d+)").matcher(version);
        if (!matcher.find()) {
            return false;
        }
        int major = Integer.parseInt(matcher.group(1));
        int minor = Integer.parseInt(matcher.group(2));
        return major > needed[0] || (major == needed[0] && minor >= needed[1]);
    }
}
