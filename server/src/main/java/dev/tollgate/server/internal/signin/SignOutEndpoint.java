package dev.tollgate.server.internal.signin;

import dev.tollgate.server.internal.access.Gates;
import dev.tollgate.server.internal.accounts.BrowserSessions;
import dev.tollgate.server.internal.http.Endpoint;
import dev.tollgate.server.internal.http.ErrorCode;
import dev.tollgate.server.internal.http.Rejection;
import dev.tollgate.server.internal.http.Routes;
import dev.tollgate.server.internal.http.ServerRequest;
import dev.tollgate.server.internal.http.ServerResponse;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/dashboard/sign-out}: 204, the session ended and its cookie cleared; {@code ?everywhere=true} ends
 * every session of the account (every browser, every node: they are in the database). Needs the CSRF token, as every
 * change made with a session does. Thread-safe.
 */
final class SignOutEndpoint implements Endpoint {
    private static final Logger LOG = LoggerFactory.getLogger(SignOutEndpoint.class);

    private final Gates gates;
    private final BrowserSessions sessions;

    SignOutEndpoint(Gates gates, BrowserSessions sessions) {
        this.gates = gates;
        this.sessions = sessions;
    }

    @Override
    public void routes(Routes routes) {
        routes.post("/v1/dashboard/sign-out", this::signOut);
    }

    private void signOut(ServerRequest request, ServerResponse response) {
        BrowserSessions.SignedIn signedIn = gates.requireSignedIn(request);
        List<String> everywhere = request.queryValues("everywhere");
        if (everywhere.size() > 1
                || (everywhere.size() == 1
                        && !everywhere.getFirst().equals("true")
                        && !everywhere.getFirst().equals("false"))) {
            throw Rejection.badRequest(ErrorCode.INVALID_PARAMETER, "everywhere must be true or false, once");
        }
        if (everywhere.equals(List.of("true"))) {
            int ended = sessions.endAll(signedIn.account().id());
            LOG.info(
                    "account {} signed out everywhere ({} sessions)",
                    signedIn.account().id(),
                    ended);
        } else {
            sessions.end(signedIn.cookieValue());
            LOG.info("account {} signed out", signedIn.account().id());
        }
        response.header("Set-Cookie", sessions.cookie().clear());
        response.status(204).send(new byte[0]);
    }
}
