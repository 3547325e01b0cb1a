package dev.tollgate.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs {@code tollgate} as a separate JVM process, as a user does, with this test's class path. */
final class CliProcess {
    private CliProcess() {}

    record Result(int exitCode, String out, String err) {
        List<String> outLines() {
            return out.lines().toList();
        }
    }

    static Result run(String... args) throws IOException, InterruptedException {
        return run(Map.of(), args);
    }

    static Result run(Map<String, String> environment, String... args) throws IOException, InterruptedException {
        return runIn(Path.of("").toAbsolutePath(), environment, args);
    }

    /** Runs in {@code workingDirectory}, where the defaults ({@code ./data}) are looked for. */
    static Result runIn(Path workingDirectory, Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        List<String> command = tollgate(List.of(args));
        Path out = Files.createTempFile("tollgate-out", ".txt");
        Path err = Files.createTempFile("tollgate-err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workingDirectory.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        isolate(builder, environment);
        Process process = builder.start();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("tollgate " + String.join(" ", args) + " did not finish in 60 s");
            }
            return new Result(
                    process.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            process.destroyForcibly();
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** {@code java -cp <this test's class path> dev.tollgate.cli.Tollgate ARGS…}: the CLI as its own JVM. */
    static List<String> tollgate(List<String> args) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command =
                new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), Tollgate.class.getName()));
        command.addAll(args);
        return command;
    }

    /**
     * Gives the process exactly {@code environment} on top of this one's, less every {@code TOLLGATE_*} variable: a
     * TOLLGATE_SECRET, TOLLGATE_URL or TOLLGATE_DATA_DIR in the developer's shell must not change what a test sees.
     */
    static void isolate(ProcessBuilder builder, Map<String, String> environment) {
        builder.environment().keySet().removeIf(name -> name.startsWith("TOLLGATE_"));
        builder.environment().putAll(environment);
    }
}
