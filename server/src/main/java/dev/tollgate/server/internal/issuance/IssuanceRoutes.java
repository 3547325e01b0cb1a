package dev.tollgate.server.internal.issuance;

import dev.tollgate.server.internal.access.Gates;
import dev.tollgate.server.internal.applications.Applications;
import dev.tollgate.server.internal.http.Plumbing;
import dev.tollgate.server.internal.http.Routes;
import dev.tollgate.server.internal.keys.JwtTokens;
import dev.tollgate.server.internal.keys.SigningKeys;

/**
 * The issuance family's routes: API tokens ({@code /v1/auth/token}, {@code /oauth2/token}), client access tokens
 * ({@code /v2/client-access-token} and the dashboard's), EdgeAuth tokens ({@code /v1/edge-tokens}) and the keys that
 * verify the JWTs ({@code /.well-known/jwks.json}). Stateless.
 */
public final class IssuanceRoutes {
    private IssuanceRoutes() {}

    public static void register(
            Routes routes,
            Plumbing plumbing,
            Gates gates,
            Applications applications,
            JwtTokens jwts,
            SigningKeys signingKeys) {
        ClientAccessTokens clientAccessTokens = new ClientAccessTokens(jwts);
        new DashboardTokenEndpoint(
                        gates,
                        applications,
                        clientAccessTokens,
                        plumbing.responses(),
                        plumbing.mapper(),
                        plumbing.metrics())
                .routes(routes);
        new ApiTokenEndpoint(gates, new ApiTokens(jwts), plumbing.responses(), plumbing.metrics()).routes(routes);
        new ClientAccessTokenEndpoint(
                        gates, clientAccessTokens, plumbing.responses(), plumbing.mapper(), plumbing.metrics())
                .routes(routes);
        new JwksEndpoint(signingKeys, plumbing.responses()).routes(routes);
        new EdgeTokenEndpoint(
                        applications,
                        gates,
                        plumbing.responses(),
                        plumbing.mapper(),
                        plumbing.metrics(),
                        plumbing.clock())
                .routes(routes);
    }
}
