package dev.tollgate.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The reference EdgeAuth library for Node.js ({@code phenix-edge-auth@1.2.4} from npm), run as a real process. Batches
 * requests into one Node process per call to keep the suite fast.
 */
public final class ReferenceNodeLibrary {
    static final String PACKAGE = "phenix-edge-auth@1.2.4";
    private static final ObjectMapper JSON = new ObjectMapper();

    // Reads an array of requests, answers an array of results. Builder method names are the Java ones; the Node port
    // spells forAuthenticationOnly as forAuthenticateOnly.
    private static final String SCRIPT = """
            const fs = require('fs');
            const TokenBuilder = require('phenix-edge-auth');
            const DigestTokens = require('phenix-edge-auth/src/DigestTokens');
            const requests = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
            const results = requests.map((request) => {
              if (request.op === 'verify') {
                return new DigestTokens().verifyAndDecode(request.secret, request.token);
              }
              const builder = new TokenBuilder();
              for (const [method, argument] of request.calls) {
                if (method === 'expiresAt') {
                  builder.expiresAt(new Date(argument));
                } else if (method === 'forAuthenticationOnly') {
                  builder.forAuthenticateOnly();
                } else {
                  builder[method](argument);
                }
              }
              return {token: builder.build()};
            });
            fs.writeFileSync(process.argv[3], JSON.stringify(results));
            """;

    private final Path directory;

    private ReferenceNodeLibrary(Path directory) {
        this.directory = directory;
    }

    /** Installs the package under {@code target/} when needed; empty when Node.js or npm is not installed. */
    public static Optional<ReferenceNodeLibrary> install() throws IOException, InterruptedException {
        if (!onPath("node") || !onPath("npm")) {
            return Optional.empty();
        }
        Path directory = Path.of("target", "interop-node").toAbsolutePath();
        Files.createDirectories(directory);
        if (!Files.isDirectory(directory.resolve("node_modules/phenix-edge-auth"))) {
            run(
                    directory,
                    180,
                    "npm",
                    "install",
                    "--ignore-scripts",
                    "--no-audit",
                    "--no-fund",
                    "--no-save",
                    "--prefix",
                    directory.toString(),
                    PACKAGE);
        }
        Files.writeString(directory.resolve("edgeauth-batch.js"), SCRIPT, StandardCharsets.UTF_8);
        return Optional.of(new ReferenceNodeLibrary(directory));
    }

    /** Runs the requests through the reference library and returns its answers, in order. */
    public List<JsonNode> call(ArrayNode requests) throws IOException, InterruptedException {
        Path in = Files.createTempFile(directory, "requests", ".json");
        Path out = Files.createTempFile(directory, "results", ".json");
        Files.writeString(in, JSON.writeValueAsString(requests), StandardCharsets.UTF_8);
        run(directory, 60, "node", "edgeauth-batch.js", in.toString(), out.toString());
        JsonNode results = JSON.readTree(Files.readString(out, StandardCharsets.UTF_8));
        Files.delete(in);
        Files.delete(out);
        return java.util.stream.StreamSupport.stream(results.spliterator(), false)
                .toList();
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String entry : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(entry, command))) {
                return true;
            }
        }
        return false;
    }

    private static void run(Path directory, int timeoutSeconds, String... command)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile("tollgate-node", ".log");
        Process process = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                throw new IllegalStateException(String.join(" ", command) + " did not finish in " + timeoutSeconds
                        + " s: " + Files.readString(log));
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed with exit " + process.exitValue()
                        + ": " + Files.readString(log));
            }
        } finally {
            process.destroyForcibly();
            Files.deleteIfExists(log);
        }
    }
}
