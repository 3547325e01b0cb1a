package dev.tollgate.token;

import static org.assertj.core.api.Assertions.assertThat;

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
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's Java snippet is what users copy first: it must compile and run as shown. */
class WhenRunningTheReadmeSnippet {
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

    static List<String> javaSnippets() throws Exception {
        Path readme = Path.of(System.getProperty("tollgate.root", "..")).resolve("README.md");
        Matcher matcher = JAVA_BLOCK.matcher(Files.readString(readme, StandardCharsets.UTF_8));
        List<String> snippets = new ArrayList<>();
        while (matcher.find()) {
            snippets.add(matcher.group(1));
        }
        return snippets;
    }

    /** The snippet's {@code import} lines (hoisted above the class), or the statements that a method body runs. */
    static String lines(String snippet, boolean imports) {
        return snippet.lines()
                .filter(line -> line.startsWith("import ") == imports)
                .map(line -> line + "\n")
                .collect(Collectors.joining());
    }

    @Test
    void itCompilesAndVerifiesTheTokenItMints(@TempDir Path directory) throws Exception {
        List<String> snippets = javaSnippets();
        assertThat(snippets).isNotEmpty();
        // No imports of the harness's own: the snippet must carry every one a user pasting it needs.
        String source = """
                %s
                public class ReadmeSnippet {
                    public static void run() {
                        String secret = "my-secret";
                %s
                    }
                }
                """.formatted(lines(snippets.get(0), true), lines(snippets.get(0), false));
        Path file = directory.resolve("ReadmeSnippet.java");
        Files.writeString(file, source);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();

        int status = compiler.run(
                null,
                diagnostics,
                diagnostics,
                "-classpath",
                System.getProperty("java.class.path"),
                "-d",
                directory.toString(),
                file.toString());

        assertThat(status).as(diagnostics.toString(StandardCharsets.UTF_8)).isZero();
        PrintStream original = System.out;
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (URLClassLoader loader = new URLClassLoader(
                new URL[] {directory.toUri().toURL()}, getClass().getClassLoader())) {
            System.setOut(new PrintStream(output, true, StandardCharsets.UTF_8));
            loader.loadClass("ReadmeSnippet").getMethod("run").invoke(null);
        } finally {
            System.setOut(original);
        }
        assertThat(output.toString(StandardCharsets.UTF_8))
                .contains("RequiredTag[raw=channelAlias:my-channel, kind=CHANNEL_ALIAS, value=my-channel]");
    }
}
