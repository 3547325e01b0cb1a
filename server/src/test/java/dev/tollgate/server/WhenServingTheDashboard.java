package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.TestServer.Reply;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /} and the dashboard's files: from the class path, every one with the security headers. */
class WhenServingTheDashboard {
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    @TempDir
    Path dataDirectory;

    TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start(ServerConfig.of(dataDirectory, 0), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theRootIsTheDashboardsPageWithItsSecurityHeadersAndNoStore() {
        Reply page = server.get("/", Map.of());

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
        assertThat(page.header("Content-Security-Policy")).isEqualTo(CSP).doesNotContain("unsafe-inline");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(page.header("Cache-Control")).isEqualTo("no-store");
        assertThat(page.body()).contains("<script type=\"module\" src=\"/dashboard/app.js\"></script>");
    }

    @Test
    void thePageHasNoInlineScriptStyleOrHandler() {
        String html = server.get("/", Map.of()).body();

        // Under a CSP without unsafe-inline the browser would refuse each of them.
        assertThat(Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>")
                        .matcher(html)
                        .find())
                .as("an inline <script>")
                .isFalse();
        assertThat(html).doesNotContain("<style").doesNotContain(" style=");
        assertThat(Pattern.compile("\\son[a-z]+=").matcher(html).find())
                .as("an inline event handler")
                .isFalse();
    }

    @Test
    void everyModuleTheStylesheetAndUplotAreServedWithTheSameHeaders() {
        for (String path : List.of(
                "/dashboard/app.js",
                "/dashboard/api.js",
                "/dashboard/page-studio.js",
                "/dashboard/page-revocations.js",
                "/dashboard/style.css",
                "/dashboard/vendor/uplot/uPlot.esm.js",
                "/dashboard/vendor/uplot/uPlot.min.css")) {
            Reply asset = server.get(path, Map.of());

            assertThat(asset.status()).as(path).isEqualTo(200);
            assertThat(asset.header("Content-Security-Policy")).as(path).isEqualTo(CSP);
            assertThat(asset.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
            assertThat(asset.header("Content-Type"))
                    .as(path)
                    .isEqualTo(path.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8");
        }
        assertThat(server.get("/dashboard/vendor/uplot/uPlot.esm.js", Map.of()).body())
                .contains("export { uPlot as default }");
    }

    @Test
    void aFileThatIsNotTheDashboardsIsNotFound() {
        for (String path :
                List.of("/dashboard/missing.js", "/dashboard/vendor/uplot/uPlot.cjs.js", "/dashboard/../logback.xml")) {
            assertThat(server.get(path, Map.of()).status()).as(path).isIn(400, 404);
        }
    }
}
