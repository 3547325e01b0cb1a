package dev.tollgate.server.internal.admin;

import dev.tollgate.server.internal.access.EdgeCredential;
import dev.tollgate.server.internal.access.Gates;
import dev.tollgate.server.internal.accounts.Accounts;
import dev.tollgate.server.internal.applications.Applications;
import dev.tollgate.server.internal.http.Plumbing;
import dev.tollgate.server.internal.http.Routes;
import dev.tollgate.server.internal.keys.SigningKeys;
import java.security.SecureRandom;
import org.jdbi.v3.core.Jdbi;

/**
 * The admin family's routes: {@code /health}, {@code /metrics}, {@code /v1/admin/applications...}, {@code
 * /v1/admin/signing-keys/rotate} and {@code /v1/admin/edge-credential/rotate}. Stateless.
 */
public final class AdminRoutes {
    private AdminRoutes() {}

    /** Registers the family's endpoints; {@code jdbi} is what {@code /health} checks. */
    public static void register(
            Routes routes,
            Plumbing plumbing,
            Gates gates,
            Applications applications,
            Accounts accounts,
            SigningKeys signingKeys,
            EdgeCredential edgeCredential,
            SecureRandom random,
            Jdbi jdbi) {
        new HealthEndpoint(new HealthProbe(jdbi, System::nanoTime), plumbing.responses()).routes(routes);
        new MetricsEndpoint(plumbing.metrics(), plumbing.responses()).routes(routes);
        new AdminApplicationEndpoint(gates, applications, accounts, plumbing.responses(), plumbing.mapper())
                .routes(routes);
        new SigningKeyAdminEndpoint(gates, signingKeys, plumbing.responses()).routes(routes);
        new EdgeCredentialAdminEndpoint(gates, edgeCredential, random, plumbing.responses(), plumbing.mapper())
                .routes(routes);
    }
}
