package dev.tollgate.server.internal.reports;

import dev.tollgate.server.internal.access.Gates;
import dev.tollgate.server.internal.applications.Applications;
import dev.tollgate.server.internal.http.Plumbing;
import dev.tollgate.server.internal.http.Routes;
import dev.tollgate.server.internal.usage.UsageSessionStore;
import dev.tollgate.server.internal.usage.UsageStore;

/** The reports family's routes: usage events and usage sessions by tag, action, day, channel and application ({@code /v1/usage}). Stateless. */
public final class ReportRoutes {
    private ReportRoutes() {}

    public static void register(
            Routes routes,
            Plumbing plumbing,
            Gates gates,
            Applications applications,
            UsageStore usage,
            UsageSessionStore sessions) {
        new UsageEndpoint(gates, applications, usage, sessions, plumbing.responses(), plumbing.clock()).routes(routes);
    }
}
