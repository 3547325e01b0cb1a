package dev.tollgate.server.internal.dashboard;

import dev.tollgate.server.internal.http.Endpoint;
import dev.tollgate.server.internal.http.ErrorCode;
import dev.tollgate.server.internal.http.Rejection;
import dev.tollgate.server.internal.http.Routes;
import dev.tollgate.server.internal.http.ServerResponse;

/**
 * {@code GET /}: the dashboard's {@code index.html}; {@code GET /dashboard/{file}}: its ES modules, its one
 * stylesheet and its images; {@code GET /dashboard/vendor/uplot/{file}}: the charting library from the uPlot webjar.
 * All from the class path, no build step.
 *
 * <p>Every answer carries {@link #SECURITY_HEADERS}: a Content-Security-Policy without {@code unsafe-inline} (the
 * pages have no inline script, style or handler), no framing, no sniffing, no referrer. HTML is {@code no-store}
 * (the pages show secrets and tokens); the other files {@code no-cache}, revalidated at each load so that an upgraded
 * server is never served with a stale module. Thread-safe.
 */
final class AssetEndpoint implements Endpoint {
    /** The webjar's version, on the class path as {@code org.webjars.npm:uplot} (server/pom.xml). */
    static final String UPLOT_VERSION = "1.6.30";

    /** The headers of every page and asset. */
    static final String[][] SECURITY_HEADERS = {
        {
            "Content-Security-Policy",
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self';"
                    + " frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
        },
        {"X-Content-Type-Options", "nosniff"},
        {"Referrer-Policy", "no-referrer"},
        {"X-Frame-Options", "DENY"},
    };

    private final ClasspathAssets pages = new ClasspathAssets("dev/tollgate/server/dashboard");
    private final ClasspathAssets uplot =
            new ClasspathAssets("META-INF/resources/webjars/uplot/" + UPLOT_VERSION + "/dist");

    @Override
    public void routes(Routes routes) {
        routes.get("/", (request, response) -> send(response, pages, "index.html"));
        routes.get("/dashboard/{file}", (request, response) -> send(response, pages, request.pathParameter("file")));
        routes.get(
                "/dashboard/vendor/uplot/{file}",
                (request, response) -> send(response, uplot, request.pathParameter("file")));
    }

    private static void send(ServerResponse response, ClasspathAssets assets, String name) {
        ClasspathAssets.Asset asset = assets.find(name)
                .orElseThrow(() -> Rejection.of(404, ErrorCode.NOT_FOUND, "no such file in the dashboard"));
        for (String[] header : SECURITY_HEADERS) {
            response.header(header[0], header[1]);
        }
        response.header("Content-Type", asset.contentType());
        response.header("Cache-Control", name.endsWith(".html") ? "no-store" : "no-cache");
        response.status(200).send(asset.bytes());
    }
}
