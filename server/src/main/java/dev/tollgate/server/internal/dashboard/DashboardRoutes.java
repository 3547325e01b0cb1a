package dev.tollgate.server.internal.dashboard;

import dev.tollgate.server.internal.access.Gates;
import dev.tollgate.server.internal.decisions.EdgeDecisions;
import dev.tollgate.server.internal.http.Plumbing;
import dev.tollgate.server.internal.http.Routes;
import dev.tollgate.server.internal.keys.JwtTokens;

/**
 * The dashboard family's routes: its pages and assets ({@code /}, {@code /dashboard/…}), the token studio's linter
 * ({@code /v1/dashboard/lint}) and the token debugger ({@code /v1/dashboard/debug}). Every page is a client of the
 * JSON API; these are the only endpoints of the dashboard's own. Stateless.
 */
public final class DashboardRoutes {
    private DashboardRoutes() {}

    public static void register(
            Routes routes, Plumbing plumbing, Gates gates, EdgeDecisions decisions, JwtTokens jwts) {
        new AssetEndpoint().routes(routes);
        new LintEndpoint(plumbing.responses(), plumbing.mapper(), plumbing.clock()).routes(routes);
        new DebugEndpoint(gates, decisions, jwts, plumbing.responses(), plumbing.mapper(), plumbing.clock())
                .routes(routes);
    }
}
