package dev.tollgate.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import picocli.CommandLine.Option;

/**
 * Where the application secret comes from: {@code --secret}, {@code --secret-file} or {@code TOLLGATE_SECRET}. The
 * file and the variable keep secrets out of shell history and process listings.
 */
final class SecretOptions {
    static final String ENVIRONMENT_VARIABLE = "TOLLGATE_SECRET";

    @Option(
            names = {"-w", "--secret"},
            description = "The application secret (prefer --secret-file or TOLLGATE_SECRET).")
    String secret;

    @Option(
            names = "--secret-file",
            paramLabel = "FILE",
            description = "Read the secret from this file (one trailing newline is ignored).")
    Path secretFile;

    /** The secret, from the first source that is set. */
    String resolve(Function<String, String> environment) {
        if (secret != null && secretFile != null) {
            throw new UsageException("give either --secret or --secret-file, not both");
        }
        if (secret != null) {
            return secret;
        }
        if (secretFile != null) {
            try {
                String content = Files.readString(secretFile, StandardCharsets.UTF_8);
                return content.endsWith("\r\n")
                        ? content.substring(0, content.length() - 2)
                        : content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
            } catch (IOException e) {
                throw new UsageException("cannot read the secret file " + secretFile + ": " + e.getMessage());
            }
        }
        String fromEnvironment = environment.apply(ENVIRONMENT_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
            return fromEnvironment;
        }
        throw new UsageException("a secret is required: --secret, --secret-file or " + ENVIRONMENT_VARIABLE);
    }
}
