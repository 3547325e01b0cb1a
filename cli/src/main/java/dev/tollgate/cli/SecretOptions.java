package dev.tollgate.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Function;
import picocli.CommandLine.Option;

/**
 * Where the application secret comes from: {@code --secret}, {@code --secret-file} or {@code TOLLGATE_SECRET}. The
 * file and the variable keep secrets out of shell history and process listings. An empty secret is a usage error,
 * whichever source gives it.
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

    /** The secret, from the first source that is set; an empty secret is refused from every source. */
    String resolve(Function<String, String> environment) {
        if (secret != null && secretFile != null) {
            throw new UsageException("give either --secret or --secret-file, not both");
        }
        if (secret != null) {
            return nonEmpty(secret, "--secret is empty");
        }
        if (secretFile != null) {
            return nonEmpty(read(secretFile), "the secret file " + secretFile + " is empty");
        }
        String fromEnvironment = environment.apply(ENVIRONMENT_VARIABLE);
        if (fromEnvironment != null) {
            return nonEmpty(fromEnvironment, ENVIRONMENT_VARIABLE + " is set but empty");
        }
        throw new UsageException("a secret is required: --secret, --secret-file or " + ENVIRONMENT_VARIABLE);
    }

    private static String read(Path file) {
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UsageException("cannot read the secret file " + file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new UsageException("cannot read the secret file " + file + ": permission denied");
        } catch (IOException e) {
            // A FileSystemException's message is mostly the path; its reason is what the user needs.
            String reason = e instanceof FileSystemException failure && failure.getReason() != null
                    ? failure.getReason()
                    : e.getMessage();
            throw new UsageException("cannot read the secret file " + file + ": " + reason);
        }
        return content.endsWith("\r\n")
                ? content.substring(0, content.length() - 2)
                : content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
    }

    private static String nonEmpty(String secret, String problem) {
        // An empty secret signs with the application ID alone as the HMAC key: anyone who knows the ID could mint.
        if (secret.isEmpty()) {
            throw new UsageException(problem + ": a secret must not be empty");
        }
        return secret;
    }
}
