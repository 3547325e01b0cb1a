package dev.tollgate.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code tollgate serve} as a separate JVM process on port 0, as a user runs it: started with this test's class path,
 * ready once it wrote {@code server.url} (which serve writes last, after its report), stopped by its PID.
 */
final class ServeProcess implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final Path dataDirectory;
    private final Path out;
    private final Path err;
    private final String url;

    private ServeProcess(Process process, Path dataDirectory, Path out, Path err, String url) {
        this.process = process;
        this.dataDirectory = dataDirectory;
        this.out = out;
        this.err = err;
        this.url = url;
    }

    /** Starts {@code serve --port 0 --data-dir DIR ARGS…} and waits until it announced its URL. */
    static ServeProcess start(Path dataDirectory, String... args) throws IOException, InterruptedException {
        return start(dataDirectory, Map.of(), args);
    }

    static ServeProcess start(Path dataDirectory, Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        return start(dataDirectory, environment, List.of(), args);
    }

    /** As {@link #start(Path, String...)}, with the process's file-creation mask set to {@code umask} (e.g. 000). */
    static ServeProcess startUnderUmask(String umask, Path dataDirectory, String... args)
            throws IOException, InterruptedException {
        if (!umask.matches("[0-7]{3,4}")) {
            throw new IllegalArgumentException("a umask is three or four octal digits, was " + umask);
        }
        // exec keeps the PID: stopping the process stops serve itself, not a shell around it.
        return start(dataDirectory, Map.of(), List.of("sh", "-c", "umask " + umask + " && exec \"$0\" \"$@\""), args);
    }

    private static ServeProcess start(
            Path dataDirectory, Map<String, String> environment, List<String> wrapper, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("--port", "0", "--data-dir", dataDirectory.toString()));
        command.addAll(List.of(args));
        Path urlFile = dataDirectory.resolve("server.url");
        // A killed serve leaves its server.url behind: wait for the new one, not that.
        Files.deleteIfExists(urlFile);
        Path out = Files.createTempFile("serve-out", ".txt");
        Path err = Files.createTempFile("serve-err", ".txt");
        Process process = launch(environment, wrapper, command, out, err);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!Files.exists(urlFile)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new IllegalStateException("serve did not start (exit "
                        + (process.isAlive() ? "none" : process.exitValue()) + "): " + read(err) + read(out));
            }
            Thread.sleep(50);
        }
        // serve writes the URL file by an atomic rename, so it is never seen half written.
        String url = Files.readString(urlFile, StandardCharsets.UTF_8).strip();
        return new ServeProcess(process, dataDirectory, out, err, url);
    }

    private static Process launch(
            Map<String, String> environment, List<String> wrapper, List<String> serveArgs, Path out, Path err)
            throws IOException {
        List<String> command = new ArrayList<>(wrapper);
        List<String> tollgateArgs = new ArrayList<>(List.of("serve"));
        tollgateArgs.addAll(serveArgs);
        command.addAll(CliProcess.tollgate(tollgateArgs));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        CliProcess.isolate(builder, environment);
        return builder.start();
    }

    String url() {
        return url;
    }

    long pid() {
        return process.pid();
    }

    Path dataDirectory() {
        return dataDirectory;
    }

    String out() throws IOException {
        return read(out);
    }

    String err() throws IOException {
        return read(err);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: the process gets no chance to flush or close anything. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("serve (PID " + process.pid() + ") survived SIGKILL for 30 s");
        }
    }

    /** SIGTERM, then waits for the exit code. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new IllegalStateException("serve (PID " + process.pid() + ") did not stop within 30 s of SIGTERM");
        }
        return process.exitValue();
    }

    /** SIGKILL when still running (a test that failed half-way), then removes the captured output. */
    @Override
    public void close() throws IOException {
        if (process.isAlive()) {
            process.destroyForcibly();
            // onExit, not waitFor: close() must not throw InterruptedException (javac's try-with-resources lint).
            process.onExit().orTimeout(30, TimeUnit.SECONDS).join();
        }
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }
}
