package dev.tollgate.server.internal.reports;

import dev.tollgate.server.internal.access.Gates;
import dev.tollgate.server.internal.applications.Applications;
import dev.tollgate.server.internal.http.Plumbing;
import dev.tollgate.server.internal.http.Routes;
import dev.tollgate.server.internal.usage.UsageStore;

/** The reports family's routes: usage by tag, action and day ({@code /v1/usage}). Stateless. */
public final class ReportRoutes {
    private ReportRoutes() {}

    public static void register(
            Routes routes, Plumbing plumbing, Gates gates, Applications applications, UsageStore usage) {
        new UsageEndpoint(gates, applications, usage, plumbing.responses(), plumbing.clock()).routes(routes);
    }
}
