package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.TestServer.App;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's SDK snippet compiles and, run against the real server, opens a session as the token's participant. */
class WhenRunningTheReadmeSdkSnippet extends ServerScenario {
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path classes;

    private static String sdkSnippet() throws Exception {
        Path readme = Path.of(System.getProperty("tollgate.root", "..")).resolve("README.md");
        Matcher matcher = JAVA_BLOCK.matcher(Files.readString(readme, StandardCharsets.UTF_8));
        List<String> snippets = new ArrayList<>();
        while (matcher.find()) {
            snippets.add(matcher.group(1));
        }
        return snippets.stream()
                .filter(snippet -> snippet.contains("TokenSession"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("README.md has no TokenSession snippet"));
    }

    /** The snippet's {@code import} lines, or the statements that a method body runs. */
    private static String lines(String snippet, boolean imports) {
        return snippet.lines()
                .filter(line -> line.startsWith("import ") == imports)
                .map(line -> line + "\n")
                .collect(Collectors.joining());
    }

    @Test
    void itObtainsATokenHoldsItAndOpensASessionAsTheTokensParticipant() throws Exception {
        App app = server.createApplication("readme");
        String snippet = sdkSnippet();
        // The imports are the snippet's own (hoisted above the class), so a user can paste it as shown.
        String source = """
                %s
                public class ReadmeSdkSnippet {
                    public static void run(String baseUrl, String appKey, String appSecret) {
                %s
                    }
                }
                """.formatted(lines(snippet, true), lines(snippet, false));
        Path file = classes.resolve("ReadmeSdkSnippet.java");
        Files.writeString(file, source);
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();

        int status = ToolProvider.getSystemJavaCompiler()
                .run(
                        null,
                        diagnostics,
                        diagnostics,
                        "-classpath",
                        System.getProperty("java.class.path"),
                        "-d",
                        classes.toString(),
                        file.toString());

        assertThat(status).as(diagnostics.toString(StandardCharsets.UTF_8)).isZero();
        PrintStream original = System.out;
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (URLClassLoader loader = new URLClassLoader(
                new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
            System.setOut(new PrintStream(output, true, StandardCharsets.UTF_8));
            loader.loadClass("ReadmeSdkSnippet")
                    .getMethod("run", String.class, String.class, String.class)
                    .invoke(null, server.server.url().toString(), app.id(), app.secret());
        } finally {
            System.setOut(original);
        }
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("alice@example.com");
    }
}
