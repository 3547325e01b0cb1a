package dev.tollgate.server.internal.sessions;

import dev.tollgate.server.internal.access.Gates;
import dev.tollgate.server.internal.decisions.EdgeDecisions;
import dev.tollgate.server.internal.http.Plumbing;
import dev.tollgate.server.internal.http.Routes;

/**
 * The sessions family's routes: opening and updating a session ({@code /v1/sessions}), its conferences and its
 * notifications ({@code /v1/sessions/{id}/...}). Stateless.
 */
public final class SessionRoutes {
    private SessionRoutes() {}

    public static void register(
            Routes routes,
            Plumbing plumbing,
            Gates gates,
            EdgeDecisions decisions,
            SessionStore sessions,
            ConferenceStore conferences,
            NotificationStore notifications) {
        SessionAccess access = new SessionAccess(gates, sessions, plumbing.clock());
        new SessionEndpoint(
                        gates, decisions, access, sessions, plumbing.responses(), plumbing.mapper(), plumbing.clock())
                .routes(routes);
        new ConferenceEndpoint(access, conferences, plumbing.responses(), plumbing.mapper(), plumbing.clock())
                .routes(routes);
        new NotificationEndpoint(access, notifications, plumbing.responses(), plumbing.mapper(), plumbing.clock())
                .routes(routes);
    }
}
