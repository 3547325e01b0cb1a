package dev.tollgate.server.internal.edge;

import dev.tollgate.server.internal.access.Budgets;
import dev.tollgate.server.internal.access.Gates;
import dev.tollgate.server.internal.access.RateLimit;
import dev.tollgate.server.internal.decisions.EdgeDecisions;
import dev.tollgate.server.internal.http.Plumbing;
import dev.tollgate.server.internal.http.Routes;
import dev.tollgate.server.internal.keys.JwtTokens;
import dev.tollgate.server.internal.refs.TokenRefs;
import dev.tollgate.server.internal.registry.Channels;
import java.security.SecureRandom;
import java.time.Duration;

/**
 * The edge family's routes: the decision ({@code /v1/edge/authorize}), its explanation ({@code /v1/tokens/verify})
 * token references ({@code /v1/token-refs}) and revocations ({@code /v1/revocations}, the edges' feed {@code /v1/revocations/feed}); the media servers' hooks come here. Stateless.
 */
public final class EdgeRoutes {
    /**
     * Token references one client address may create per minute. Generous for a backend that creates them for its
     * viewers; each one is a database row, so a flood from one address stops here.
     */
    static final int TOKEN_REFS_PER_MINUTE = 600;

    private EdgeRoutes() {}

    public static void register(
            Routes routes,
            Plumbing plumbing,
            Gates gates,
            Budgets budgets,
            EdgeDecisions decisions,
            TokenRefs tokenRefs,
            JwtTokens jwts,
            Channels channels,
            SecureRandom random) {
        new TokenVerifyEndpoint(decisions, plumbing.responses(), plumbing.mapper(), plumbing.clock()).routes(routes);
        new TokenRefEndpoint(
                        decisions.policy().verifier(),
                        tokenRefs,
                        new RateLimit(TOKEN_REFS_PER_MINUTE, Duration.ofMinutes(1), budgets, "token-refs"),
                        plumbing.responses(),
                        plumbing.mapper(),
                        plumbing.clock())
                .routes(routes);
        new RevocationEndpoint(
                        gates,
                        decisions,
                        jwts,
                        channels,
                        plumbing.responses(),
                        plumbing.mapper(),
                        random,
                        plumbing.clock())
                .routes(routes);
        new RevocationFeedEndpoint(gates, decisions.revocations(), plumbing.responses(), plumbing.clock())
                .routes(routes);
        new EdgeAuthorizeEndpoint(gates, decisions, plumbing.responses(), plumbing.mapper(), plumbing.clock())
                .routes(routes);
    }
}
