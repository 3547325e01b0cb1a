package dev.tollgate.server.internal.dashboard;

import dev.tollgate.server.internal.http.Endpoint;
import dev.tollgate.server.internal.http.Routes;
import dev.tollgate.server.internal.http.StaticAsset;
import java.util.List;

/**
 * {@code GET /}: the dashboard's {@code index.html}; {@code GET /dashboard/<file>}: its ES modules (one per page, one
 * {@code api.js} they all call the API through) and its one stylesheet; {@code GET /dashboard/vendor/uplot/<file>}:
 * the charting library from the uPlot webjar. All from the class path as {@link StaticAsset}s, no build step; a file
 * not listed here is not served.
 *
 * <p>Every answer carries {@link #CONTENT_SECURITY_POLICY} (no {@code unsafe-inline}: the pages have no inline script,
 * style or handler), {@code Referrer-Policy: no-referrer} and {@code nosniff}. The HTML is {@code no-store} (the
 * pages show secrets and tokens); the other files revalidate. Thread-safe.
 */
final class AssetEndpoint implements Endpoint {
    /** The webjar's version, on the class path as {@code org.webjars.npm:uplot} (server/pom.xml). */
    static final String UPLOT_VERSION = "1.6.30";

    static final String CONTENT_SECURITY_POLICY =
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self';"
                    + " frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    /** The dashboard's own files, in {@code server/src/main/resources/dev/tollgate/server/dashboard/}. */
    static final List<String> FILES = List.of(
            "app.js",
            "api.js",
            "ui.js",
            "application-nav.js",
            "page-sign-in.js",
            "page-set-password.js",
            "page-applications.js",
            "page-accounts.js",
            "page-application.js",
            "page-client-token.js",
            "page-studio.js",
            "page-debugger.js",
            "page-channels.js",
            "page-revocations.js",
            "page-usage.js",
            "style.css");

    /** What the pages use of the webjar: the ES module build and its stylesheet. */
    static final List<String> UPLOT_FILES = List.of("uPlot.esm.js", "uPlot.min.css");

    @Override
    public void routes(Routes routes) {
        page(StaticAsset.load("/dev/tollgate/server/dashboard/index.html"))
                .withCacheControl("no-store")
                .serveAt(routes, "/");
        StaticAsset.serveEach(routes, "/dashboard/", "/dev/tollgate/server/dashboard/", FILES, AssetEndpoint::page);
        StaticAsset.serveEach(
                routes,
                "/dashboard/vendor/uplot/",
                "/META-INF/resources/webjars/uplot/" + UPLOT_VERSION + "/dist/",
                UPLOT_FILES,
                AssetEndpoint::page);
    }

    private static StaticAsset page(StaticAsset asset) {
        return asset.withHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .withHeader("Referrer-Policy", "no-referrer")
                .withHeader("X-Frame-Options", "DENY");
    }
}
