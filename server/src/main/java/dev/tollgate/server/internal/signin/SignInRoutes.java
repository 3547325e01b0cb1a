package dev.tollgate.server.internal.signin;

import dev.tollgate.server.internal.access.Gates;
import dev.tollgate.server.internal.access.RateLimit;
import dev.tollgate.server.internal.accounts.Accounts;
import dev.tollgate.server.internal.accounts.BrowserSessions;
import dev.tollgate.server.internal.http.Plumbing;
import dev.tollgate.server.internal.http.Routes;
import java.net.URI;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The sign-in family's routes: the dashboard's {@code /v1/dashboard/sign-in}, {@code /me}, {@code /sign-out} and
 * {@code /set-password}, and the accounts API {@code /v1/accounts...}. Stateless.
 */
public final class SignInRoutes {
    /** Set-password attempts per address per minute: each one that names a live link costs an Argon2id hash. */
    static final int SET_PASSWORD_PER_MINUTE = 10;

    private SignInRoutes() {}

    /**
     * Registers the family's endpoints; {@code serverUrl} is the URL set-password links start with (the server's own,
     * known once it listens).
     */
    public static void register(
            Routes routes,
            Plumbing plumbing,
            Gates gates,
            Accounts accounts,
            BrowserSessions sessions,
            Supplier<URI> serverUrl) {
        PasswordLinks links = new PasswordLinks(serverUrl);
        new SignInEndpoint(gates, sessions, plumbing.responses(), plumbing.mapper()).routes(routes);
        new MeEndpoint(gates, plumbing.responses()).routes(routes);
        new SignOutEndpoint(gates, sessions).routes(routes);
        new SetPasswordEndpoint(
                        accounts,
                        sessions,
                        new RateLimit(SET_PASSWORD_PER_MINUTE, Duration.ofMinutes(1), plumbing.clock()),
                        plumbing.mapper())
                .routes(routes);
        new AccountEndpoint(gates, accounts, links, plumbing.responses(), plumbing.mapper()).routes(routes);
    }
}
