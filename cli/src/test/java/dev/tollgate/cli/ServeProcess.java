package dev.tollgate.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
        List<String> command = new ArrayList<>(List.of("--port", "0", "--data-dir", dataDirectory.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("serve-out", ".txt");
        Path err = Files.createTempFile("serve-err", ".txt");
        Path urlFile = dataDirectory.resolve("server.url");
        // A serve that was killed (SIGKILL) could not remove its server.url: wait for this serve's own file, which
        // its atomic rename gives a new inode, instead of taking the dead one's URL.
        Optional<List<Object>> stale = identity(urlFile);
        Process process = launch(environment, command, out, err);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (identity(urlFile).isEmpty() || identity(urlFile).equals(stale)) {
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

    /** Runs {@code serve ARGS…} that is expected to fail at start, and returns how it ended. */
    static CliProcess.Result failing(Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        return CliProcess.run(environment, prepend("serve", args));
    }

    private static Process launch(Map<String, String> environment, List<String> serveArgs, Path out, Path err)
            throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command =
                new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), Tollgate.class.getName()));
        command.add("serve");
        command.addAll(serveArgs);
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().remove(SecretOptions.ENVIRONMENT_VARIABLE);
        builder.environment().putAll(environment);
        return builder.start();
    }

    private static String[] prepend(String first, String... rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
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

    /** What tells one version of a file from the next (inode and modification time), empty when it is absent. */
    private static Optional<List<Object>> identity(Path file) throws IOException {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return Optional.of(Arrays.asList(attributes.fileKey(), attributes.lastModifiedTime()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }
}
