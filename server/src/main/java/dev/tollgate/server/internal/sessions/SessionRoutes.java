package dev.tollgate.server.internal.sessions;

import dev.tollgate.edge.EdgePolicy;
import dev.tollgate.server.internal.access.Gates;
import dev.tollgate.server.internal.http.Plumbing;
import dev.tollgate.server.internal.http.Routes;
import dev.tollgate.server.internal.refs.TokenRefResolver;

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
            EdgePolicy policy,
            TokenRefResolver tokenRefResolver,
            SessionStore sessions,
            ConferenceStore conferences,
            NotificationStore notifications) {
        new SessionEndpoint(
                        gates,
                        policy,
                        tokenRefResolver,
                        sessions,
                        plumbing.responses(),
                        plumbing.mapper(),
                        plumbing.clock())
                .routes(routes);
        SessionAccess access = new SessionAccess(gates, sessions, plumbing.clock());
        new ConferenceEndpoint(access, conferences, plumbing.responses(), plumbing.mapper(), plumbing.clock())
                .routes(routes);
        new NotificationEndpoint(access, notifications, plumbing.responses(), plumbing.mapper(), plumbing.clock())
                .routes(routes);
    }
}
