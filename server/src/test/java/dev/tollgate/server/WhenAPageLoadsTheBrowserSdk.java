package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.TestServer.Reply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /sdk/tollgate.js} and {@code /sdk/tollgate.d.ts}: the one source in {@code web-sdk/}, served as a static
 * asset with the server's version (the header, and the module's {@code VERSION}, both the Maven project's version),
 * its content type, {@code nosniff}, an {@code ETag} a browser revalidates with, and {@code HEAD}.
 */
class WhenAPageLoadsTheBrowserSdk {
    @TempDir
    Path dataDirectory;

    TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start(ServerConfig.of(dataDirectory, 0), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    static Path root() {
        return Path.of(System.getProperty("tollgate.root", "..")).toAbsolutePath();
    }

    /** The Maven project's version, read from the root pom (the first {@code <version>} after the parent's name). */
    static String projectVersion() throws IOException {
        String pom = Files.readString(root().resolve("pom.xml"));
        Matcher version = Pattern.compile("<artifactId>tollgate-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(pom);
        assertThat(version.find()).as("the root pom's version").isTrue();
        return version.group(1);
    }

    @Test
    void theModuleIsTheSourceFileWithTheServersVersion() throws IOException {
        Reply reply = server.get("/sdk/tollgate.js", Map.of());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo(Files.readString(root().resolve("web-sdk/tollgate.js")));
        assertThat(reply.header("Content-Type")).isEqualTo("text/javascript; charset=utf-8");
        assertThat(reply.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(reply.header("Cache-Control")).isEqualTo("no-cache");
        assertThat(reply.header("X-TypeScript-Types")).isEqualTo("/sdk/tollgate.d.ts");
        String version = projectVersion();
        assertThat(reply.header("X-Tollgate-Version")).isEqualTo(version);
        assertThat(reply.header("ETag")).startsWith("\"" + version + "-").endsWith("\"");
        assertThat(reply.body()).contains("export const VERSION = \"" + version + "\";");
    }

    @Test
    void thePackageHasTheServersVersion() throws IOException {
        String packageJson = Files.readString(root().resolve("web-sdk/package.json"));

        assertThat(TestServer.JSON.readTree(packageJson).path("version").asText())
                .isEqualTo(projectVersion());
    }

    @Test
    void theDeclarationsAreServedBesideIt() throws IOException {
        Reply reply = server.get("/sdk/tollgate.d.ts", Map.of());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo(Files.readString(root().resolve("web-sdk/tollgate.d.ts")));
        assertThat(reply.header("Content-Type")).isEqualTo("application/typescript; charset=utf-8");
        assertThat(reply.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(reply.header("X-Tollgate-Version")).isEqualTo(projectVersion());
    }

    @Test
    void aBrowserHoldingItGetsNotModified() {
        Reply first = server.get("/sdk/tollgate.js", Map.of());
        String etag = first.header("ETag");

        Reply again = server.get("/sdk/tollgate.js", Map.of("If-None-Match", "\"other\", W/" + etag));

        assertThat(again.status()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(again.header("ETag")).isEqualTo(etag);
        assertThat(again.header("Cache-Control")).isEqualTo("no-cache");
        // RFC 9110 §8.6: a 304's Content-Length, if sent, is the length of the 200 it stands for.
        assertThat(again.header("Content-Length")).isEqualTo(first.header("Content-Length"));
    }

    @Test
    void aBrowserHoldingAnOlderCopyGetsTheNewOne() {
        Reply reply = server.get("/sdk/tollgate.js", Map.of("If-None-Match", "\"0.0.1-0123456789abcdef\""));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).contains("export const VERSION");
    }

    @Test
    void headAnswersTheHeadersWithoutTheBody() {
        Reply get = server.get("/sdk/tollgate.js", Map.of());
        Reply head = server.send("HEAD", "/sdk/tollgate.js", Map.of(), null);

        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.header("Content-Length")).isEqualTo(get.header("Content-Length"));
        assertThat(head.header("ETag")).isEqualTo(get.header("ETag"));
    }

    @Test
    void theDemoPageRunsOnlyThisServersScripts() {
        Reply page = server.get("/sdk/demo.html", Map.of());
        Reply module = server.get("/sdk/demo.js", Map.of());

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
        assertThat(page.body()).contains("<script type=\"module\" src=\"demo.js\"></script>");
        assertThat(module.header("Content-Type")).isEqualTo("text/javascript; charset=utf-8");
        assertThat(module.body()).contains("from \"./tollgate.js\"");
        for (Reply reply : List.of(page, module)) {
            assertThat(reply.header("Content-Security-Policy"))
                    .contains("default-src 'none'", "script-src 'self'", "frame-ancestors 'none'");
            assertThat(reply.header("X-Content-Type-Options")).isEqualTo("nosniff");
        }
    }

    @Test
    void anotherMethodIsNotAllowed() {
        Reply reply = server.postJson("/sdk/tollgate.js", null, "{}");

        assertThat(reply.status()).isEqualTo(405);
        assertThat(reply.header("Allow")).isEqualTo("GET, HEAD");
    }
}
