package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Freezes the HTTP error codes: every code the server can answer is documented in docs/error-codes.md, and every code
 * documented there is one the server uses, so a rename shows up here before it reaches a client.
 */
class HttpErrorCodesTest {
    private static final Path ROOT = Path.of(System.getProperty("tollgate.root", ".."));
    private static final Pattern IN_CODE = Pattern.compile(
            "(?:Rejection\\.(?:of|badRequest|tooManyRequests)\\((?:\\s*\\d{3},)?|invalidToken\\(|code = status == 413 \\? )"
                    + "\\s*\"([a-z][a-z-]+)\"");
    private static final Pattern IN_TABLE = Pattern.compile("^\\| \\d{3} \\| `([a-z-]+)` \\|", Pattern.MULTILINE);

    @Test
    void everyCodeTheServerUsesIsDocumentedAndNoOther() throws IOException {
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.walk(ROOT.resolve("server/src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher matcher = IN_CODE.matcher(Files.readString(file));
                while (matcher.find()) {
                    used.add(matcher.group(1));
                }
            }
        }
        used.add("internal-error"); // written by ErrorResponder.unexpected without a Rejection
        String section = Files.readString(ROOT.resolve("docs/error-codes.md"));
        section = section.substring(section.indexOf("## HTTP API errors"));
        Set<String> documented = new TreeSet<>();
        Matcher matcher = IN_TABLE.matcher(section);
        while (matcher.find()) {
            documented.add(matcher.group(1));
        }

        assertThat(used).hasSizeGreaterThan(20);
        assertThat(documented).isEqualTo(used);
    }
}
