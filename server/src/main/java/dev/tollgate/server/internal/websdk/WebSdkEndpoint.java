package dev.tollgate.server.internal.websdk;

import dev.tollgate.server.internal.http.Endpoint;
import dev.tollgate.server.internal.http.Routes;
import dev.tollgate.server.internal.http.ServerVersion;
import dev.tollgate.server.internal.http.StaticAsset;
import java.util.List;

/**
 * {@code GET /sdk/tollgate.js}: the browser SDK, an ES module, as the build copied it from {@code web-sdk/} into the
 * class path; {@code GET /sdk/tollgate.d.ts}: its TypeScript declarations. Both carry the server's version in {@code
 * X-Tollgate-Version} (the module's own {@code VERSION} is the same: {@code WhenAPageLoadsTheBrowserSdk} holds it),
 * and the module names its declarations in {@code X-TypeScript-Types}, the header Deno's loader reads. {@code GET
 * /sdk/demo.html} (with {@code demo.js}): a page that holds no secret, gets its tokens from the token endpoint of the
 * application's backend it is given, and shows the refresh timeline and the session it opens; its {@code
 * Content-Security-Policy} lets it run only this server's scripts and reach no other origin but by {@code fetch}.
 * Thread-safe.
 */
final class WebSdkEndpoint implements Endpoint {
    static final String MODULE = "/sdk/tollgate.js";
    static final String DECLARATIONS = "/sdk/tollgate.d.ts";

    /**
     * The demo's policy: scripts of this origin only (no inline script), no plugins, frames or forms posted
     * anywhere; {@code connect-src} lets it call the backend's token endpoint, wherever that is.
     */
    static final String DEMO_POLICY = "default-src 'none'; script-src 'self'; connect-src 'self' http: https:; "
            + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final StaticAsset module;
    private final StaticAsset declarations;

    WebSdkEndpoint() {
        this.module = StaticAsset.load("/web-sdk/tollgate.js")
                .withHeader("X-Tollgate-Version", ServerVersion.current())
                .withHeader("X-TypeScript-Types", DECLARATIONS);
        this.declarations =
                StaticAsset.load("/web-sdk/tollgate.d.ts").withHeader("X-Tollgate-Version", ServerVersion.current());
    }

    @Override
    public void routes(Routes routes) {
        module.serveAt(routes, MODULE);
        declarations.serveAt(routes, DECLARATIONS);
        StaticAsset.serveEach(
                routes,
                "/sdk/",
                "/web-sdk/",
                List.of("demo.html", "demo.js"),
                asset -> asset.withHeader("Content-Security-Policy", DEMO_POLICY));
    }
}
