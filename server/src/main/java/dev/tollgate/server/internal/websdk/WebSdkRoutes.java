package dev.tollgate.server.internal.websdk;

import dev.tollgate.server.internal.http.Routes;

/** The browser SDK family's routes: {@code /sdk/tollgate.js}, {@code /sdk/tollgate.d.ts} and the demo page. Stateless. */
public final class WebSdkRoutes {
    private WebSdkRoutes() {}

    /** Registers the family's endpoint; the SDK's files are read from the class path once, here. */
    public static void register(Routes routes) {
        new WebSdkEndpoint().routes(routes);
    }
}
