package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One authentication and error surface (issue 10), held by reading the server's sources: each challenge, the 429 and
 * the OAuth2 error shape are written in one place, so that an endpoint cannot drift from the others.
 */
class WhenCheckingTheAuthenticationSurface {
    private static final Path ROOT = Path.of(System.getProperty("tollgate.root", ".."));
    private static final Path MAIN = ROOT.resolve("server/src/main/java/dev/tollgate/server");

    private static List<Path> filesMatching(Pattern pattern) {
        try (Stream<Path> files = Files.walk(MAIN)) {
            return files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> pattern.matcher(read(file)).find())
                    .map(MAIN::relativize)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void everyWwwAuthenticateChallengeIsWrittenOnlyInChallenges() {
        assertThat(filesMatching(Pattern.compile("realm=|\"(Basic|Bearer) ")))
                .containsExactly(Path.of("internal/access/Challenges.java"));
    }

    @Test
    void a429IsMadeOnlyByRejectionTooManyRequests() {
        assertThat(filesMatching(Pattern.compile("\\(\\s*429\\s*,")))
                .containsExactly(Path.of("internal/http/Rejection.java"));
        assertThat(filesMatching(Pattern.compile("\"Retry-After\"")))
                .containsExactly(Path.of("internal/http/ErrorResponder.java"), Path.of("internal/http/Rejection.java"));
    }

    @Test
    void theOauthErrorShapeIsWrittenOnlyInErrorShape() {
        // A field written, as a map key or in JSON text, not the shape named in a comment.
        assertThat(filesMatching(Pattern.compile("error_description\\\\?\"\\s*[,:]")))
                .containsExactly(Path.of("internal/http/ErrorShape.java"));
    }

    @Test
    void noErrorAnswerDecidesItsShapeByAListOfPaths() {
        // The OAuth2 token paths appear where they are registered, and nowhere in the HTTP plumbing.
        assertThat(filesMatching(Pattern.compile("\"/(v1/auth/token|oauth2/token|v2/client-access-token)\"")))
                .allMatch(file -> file.startsWith("internal/issuance"));
    }

    @Test
    void httpBasicIsParsedOnlyByTheGates() {
        assertThat(filesMatching(Pattern.compile("Credentials\\.Basic\\b")))
                .containsExactly(Path.of("internal/access/Gates.java"));
    }
}
