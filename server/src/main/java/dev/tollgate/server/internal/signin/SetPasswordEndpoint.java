package dev.tollgate.server.internal.signin;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.server.internal.access.Credentials;
import dev.tollgate.server.internal.access.RateLimit;
import dev.tollgate.server.internal.accounts.Account;
import dev.tollgate.server.internal.accounts.Accounts;
import dev.tollgate.server.internal.accounts.BrowserSessions;
import dev.tollgate.server.internal.accounts.Passwords;
import dev.tollgate.server.internal.http.Endpoint;
import dev.tollgate.server.internal.http.ErrorCode;
import dev.tollgate.server.internal.http.JsonFields;
import dev.tollgate.server.internal.http.Rejection;
import dev.tollgate.server.internal.http.RequestBody;
import dev.tollgate.server.internal.http.Routes;
import dev.tollgate.server.internal.http.ServerRequest;
import dev.tollgate.server.internal.http.ServerResponse;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/dashboard/set-password} {@code {"token","password"}}: 204 when the one-time link's token is live;
 * the account's every session then ends (a reset signs out everywhere). 400 {@code invalid-password-link} for an
 * unknown, used or expired token (one answer for all three), 400 {@code invalid-password} for a password outside
 * {@link Passwords#weakness}'s bounds; 429 past {@link SignInRoutes#SET_PASSWORD_PER_MINUTE} a minute per address. The
 * token is the credential: no session or CSRF token is needed (the page it is used from has none). Thread-safe.
 */
final class SetPasswordEndpoint implements Endpoint {
    private static final Logger LOG = LoggerFactory.getLogger(SetPasswordEndpoint.class);
    private static final Set<String> FIELDS = Set.of("token", "password");

    private final Accounts accounts;
    private final BrowserSessions sessions;
    private final RateLimit limit;
    private final ObjectMapper mapper;

    SetPasswordEndpoint(Accounts accounts, BrowserSessions sessions, RateLimit limit, ObjectMapper mapper) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.limit = limit;
        this.mapper = mapper;
    }

    @Override
    public void routes(Routes routes) {
        routes.post("/v1/dashboard/set-password", this::setPassword);
    }

    private void setPassword(ServerRequest request, ServerResponse response) {
        limit.require(Credentials.clientAddress(request), "too many set-password attempts; retry later");
        JsonFields body = JsonFields.of(RequestBody.jsonObject(request, mapper, false), FIELDS);
        String token = body.requiredString("token");
        String password = body.requiredString("password");
        Optional<String> weakness = Passwords.weakness(password);
        if (weakness.isPresent()) {
            throw Rejection.badRequest(ErrorCode.INVALID_PASSWORD, weakness.get());
        }
        Account account = accounts.setPassword(token, password)
                .orElseThrow(() -> Rejection.badRequest(
                        ErrorCode.INVALID_PASSWORD_LINK,
                        "the set-password link is unknown, used or expired; ask an admin for a new one"));
        int ended = sessions.endAll(account.id());
        LOG.info("account {} set its password; {} session(s) ended", account.id(), ended);
        response.status(204).send(new byte[0]);
    }
}
