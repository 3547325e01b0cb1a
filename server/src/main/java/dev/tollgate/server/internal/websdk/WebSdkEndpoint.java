package dev.tollgate.server.internal.websdk;

import dev.tollgate.server.internal.http.Endpoint;
import dev.tollgate.server.internal.http.Routes;
import dev.tollgate.server.internal.http.ServerVersion;
import dev.tollgate.server.internal.http.StaticAsset;

/**
 * {@code GET /sdk/tollgate.js}: the browser SDK, an ES module, as the build copied it from {@code web-sdk/} into the
 * class path; {@code GET /sdk/tollgate.d.ts}: its TypeScript declarations. Both carry the server's version in {@code
 * X-Tollgate-Version} (the module's own {@code VERSION} is the same: {@code WhenAPageLoadsTheBrowserSdk} holds it),
 * and the module names its declarations in {@code X-TypeScript-Types}, the header Deno's loader reads. Thread-safe.
 */
final class WebSdkEndpoint implements Endpoint {
    static final String MODULE = "/sdk/tollgate.js";
    static final String DECLARATIONS = "/sdk/tollgate.d.ts";

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
    }
}
