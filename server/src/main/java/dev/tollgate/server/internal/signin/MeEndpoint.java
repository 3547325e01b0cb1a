package dev.tollgate.server.internal.signin;

import dev.tollgate.server.internal.access.Gates;
import dev.tollgate.server.internal.accounts.BrowserSessions;
import dev.tollgate.server.internal.http.Endpoint;
import dev.tollgate.server.internal.http.JsonResponses;
import dev.tollgate.server.internal.http.Routes;
import dev.tollgate.server.internal.http.ServerRequest;
import dev.tollgate.server.internal.http.ServerResponse;

/**
 * {@code GET /v1/dashboard/me}: the signed-in account and the session's CSRF token, or 401 {@code not-signed-in}. A page
 * that loads calls it to learn who is signed in and the token its changes carry. Thread-safe.
 */
final class MeEndpoint implements Endpoint {
    private final Gates gates;
    private final JsonResponses responses;

    MeEndpoint(Gates gates, JsonResponses responses) {
        this.gates = gates;
        this.responses = responses;
    }

    @Override
    public void routes(Routes routes) {
        routes.get("/v1/dashboard/me", this::me);
    }

    private void me(ServerRequest request, ServerResponse response) {
        BrowserSessions.SignedIn signedIn = gates.requireSignedIn(request);
        responses.sendSecret(response, 200, SignedInAnswer.of(signedIn.account(), signedIn.csrfToken()));
    }
}
