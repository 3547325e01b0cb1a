package dev.tollgate.server.internal.signin;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.server.internal.access.Gates;
import dev.tollgate.server.internal.accounts.Account;
import dev.tollgate.server.internal.accounts.BrowserSessions;
import dev.tollgate.server.internal.http.Endpoint;
import dev.tollgate.server.internal.http.JsonFields;
import dev.tollgate.server.internal.http.JsonResponses;
import dev.tollgate.server.internal.http.RequestBody;
import dev.tollgate.server.internal.http.Routes;
import dev.tollgate.server.internal.http.ServerRequest;
import dev.tollgate.server.internal.http.ServerResponse;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/dashboard/sign-in} {@code {"email","password"}}: 200 {@code {"account","csrfToken"}} and the session
 * cookie ({@link dev.tollgate.server.internal.accounts.SessionCookie}); 401 {@code invalid-credentials} for a wrong
 * email or password alike; 429 when failures are rate-limited ({@link Gates#requirePassword}). A JSON body only: a
 * cross-site form cannot send one without a CORS preflight, which this server never grants, so no other site can sign
 * a browser in to an account of its choosing. Thread-safe.
 */
final class SignInEndpoint implements Endpoint {
    private static final Logger LOG = LoggerFactory.getLogger(SignInEndpoint.class);
    private static final Set<String> FIELDS = Set.of("email", "password");

    private final Gates gates;
    private final BrowserSessions sessions;
    private final JsonResponses responses;
    private final ObjectMapper mapper;

    SignInEndpoint(Gates gates, BrowserSessions sessions, JsonResponses responses, ObjectMapper mapper) {
        this.gates = gates;
        this.sessions = sessions;
        this.responses = responses;
        this.mapper = mapper;
    }

    @Override
    public void routes(Routes routes) {
        routes.post("/v1/dashboard/sign-in", this::signIn);
    }

    private void signIn(ServerRequest request, ServerResponse response) {
        JsonFields body = JsonFields.of(RequestBody.jsonObject(request, mapper, false), FIELDS);
        Account account = gates.requirePassword(request, body.requiredString("email"), body.requiredString("password"));
        // A session the browser still holds ends: a sign-in never leaves an older session alive beside the new one.
        sessions.cookie().value(request).ifPresent(sessions::end);
        BrowserSessions.Opened opened = sessions.open(account);
        LOG.info("account {} signed in; the session expires at {}", account.id(), opened.expiresAt());
        response.header("Set-Cookie", sessions.cookie().set(opened.cookieValue()));
        responses.sendSecret(response, 200, SignedInAnswer.of(account, opened.csrfToken()));
    }
}
