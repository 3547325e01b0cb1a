package dev.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's shell blocks run as written in a fresh bash, one after the other as a newcomer pastes them: serve in the
 * background, an application, an API token, a client access token, then a digest token minted and verified offline.
 * {@code ./tollgate} is this build's CLI (the launcher itself is run by {@code .ci/run}); the server gets port 0 and a
 * temporary data directory through the environment variables the README documents, so nothing is hard-coded.
 */
class WhenPastingTheReadmeQuickstart {
    private static final Pattern SH_BLOCK = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    static List<String> shellBlocks() throws Exception {
        Path readme = Path.of(System.getProperty("tollgate.root", "..")).resolve("README.md");
        Matcher matcher = SH_BLOCK.matcher(Files.readString(readme, StandardCharsets.UTF_8));
        List<String> blocks = new java.util.ArrayList<>();
        while (matcher.find()) {
            blocks.add(matcher.group(1));
        }
        return blocks;
    }

    @Test
    void everyCommandRunsAsWrittenAndTheTokensWork() throws Exception {
        Assumptions.assumeTrue(
                onPath("bash") && onPath("curl") && onPath("jq"),
                "the Quickstart needs bash, curl and jq (.ci/run installs them): skipped");
        List<String> blocks = shellBlocks();
        String quickstart = blocks.stream()
                .filter(block -> block.contains("app create"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("README.md has no Quickstart block with 'app create'"));
        String offline = blocks.stream()
                .filter(block -> block.contains("token create"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("README.md has no block with 'token create'"));

        Path launcher = home.resolve("tollgate");
        Files.writeString(
                launcher,
                "#!/bin/sh\nexec '" + javaCommand() + "' -cp '" + System.getProperty("java.class.path") + "' "
                        + Tollgate.class.getName() + " \"$@\"\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwx------"));
        Path script = home.resolve("quickstart.sh");
        // The blocks as they are, in one shell; the EXIT trap stops the background serve the first line started.
        Files.writeString(
                script,
                "set -u\ntrap 'kill $(jobs -p) 2>/dev/null; wait' EXIT\n" + quickstart + "\necho \"--- offline\"\n"
                        + offline);
        Path out = home.resolve("out.txt");
        Path err = home.resolve("err.txt");
        ProcessBuilder builder = new ProcessBuilder("bash", script.toString())
                .directory(home.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().remove(SecretOptions.ENVIRONMENT_VARIABLE);
        builder.environment().put("TOLLGATE_PORT", "0");
        builder.environment().put("TOLLGATE_DATA_DIR", home.resolve("data").toString());
        Process bash = builder.start();
        try {
            assertThat(bash.waitFor(180, TimeUnit.SECONDS))
                    .as("the Quickstart finished within 180 s")
                    .isTrue();
        } finally {
            bash.descendants().forEach(ProcessHandle::destroyForcibly);
            bash.destroyForcibly();
        }
        String output = Files.readString(out, StandardCharsets.UTF_8);
        String errors = Files.readString(err, StandardCharsets.UTF_8);

        assertThat(bash.exitValue()).as(output + errors).isZero();
        List<String> online =
                output.substring(0, output.indexOf("--- offline")).lines().toList();
        JsonNode clientAccessToken = JSON.readTree(online.getLast());
        assertThat(clientAccessToken.path("access_token").asText()).startsWith("eyJ");
        assertThat(clientAccessToken.path("expires_in").asInt()).isPositive();
        String verified =
                output.substring(output.indexOf("--- offline")).lines().toList().getLast();
        assertThat(JSON.readTree(verified).path("code").asText())
                .as(output + errors)
                .isEqualTo("verified");
        assertThat(errors).as("no command failed").doesNotContain("tollgate app:", "curl:", "jq:");
    }

    private static String javaCommand() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static boolean onPath(String command) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(directory, command))) {
                return true;
            }
        }
        return false;
    }
}
