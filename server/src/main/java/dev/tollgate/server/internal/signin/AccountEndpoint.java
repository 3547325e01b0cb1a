package dev.tollgate.server.internal.signin;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.server.internal.access.Gates;
import dev.tollgate.server.internal.access.Operator;
import dev.tollgate.server.internal.accounts.Account;
import dev.tollgate.server.internal.accounts.Accounts;
import dev.tollgate.server.internal.accounts.Role;
import dev.tollgate.server.internal.http.Endpoint;
import dev.tollgate.server.internal.http.ErrorCode;
import dev.tollgate.server.internal.http.JsonFields;
import dev.tollgate.server.internal.http.JsonResponses;
import dev.tollgate.server.internal.http.Rejection;
import dev.tollgate.server.internal.http.RequestBody;
import dev.tollgate.server.internal.http.Routes;
import dev.tollgate.server.internal.http.ServerRequest;
import dev.tollgate.server.internal.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The accounts API, for admins (the admin credential or an admin account's session): {@code POST /v1/accounts}
 * {@code {"email","role"}} → 201 {@code {"account","setPasswordUrl"}}, {@code GET /v1/accounts}, {@code POST
 * /v1/accounts/{id}/password-reset} → 200 {@code {"setPasswordUrl"}}. A set-password URL carries a one-time token: it
 * is answered {@code no-store} and never logged. Thread-safe.
 */
final class AccountEndpoint implements Endpoint {
    private static final Logger LOG = LoggerFactory.getLogger(AccountEndpoint.class);
    private static final Set<String> CREATE_FIELDS = Set.of("email", "role");

    private final Gates gates;
    private final Accounts accounts;
    private final PasswordLinks links;
    private final JsonResponses responses;
    private final ObjectMapper mapper;

    AccountEndpoint(Gates gates, Accounts accounts, PasswordLinks links, JsonResponses responses, ObjectMapper mapper) {
        this.gates = gates;
        this.accounts = accounts;
        this.links = links;
        this.responses = responses;
        this.mapper = mapper;
    }

    @Override
    public void routes(Routes routes) {
        routes.post("/v1/accounts", this::create)
                .get("/v1/accounts", this::list)
                .post("/v1/accounts/{id}/password-reset", this::reset);
    }

    private void create(ServerRequest request, ServerResponse response) {
        Operator operator = gates.requireAdmin(request);
        JsonFields body = JsonFields.of(RequestBody.jsonObject(request, mapper, false), CREATE_FIELDS);
        String email = Accounts.email(body.requiredString("email"))
                .orElseThrow(() -> Rejection.badRequest(
                        ErrorCode.INVALID_EMAIL, "email must be an address (name@domain), at most 320 characters"));
        String roleName = body.string("role").orElse(Role.DEVELOPER.wireName());
        Role role = Role.fromWire(roleName)
                .orElseThrow(() -> Rejection.badRequest(ErrorCode.INVALID_VALUE, "role must be admin or developer"));
        Accounts.Created created = switch (accounts.create(email, role)) {
            case Accounts.Created done -> done;
            case Accounts.EmailTaken taken ->
                throw Rejection.of(409, ErrorCode.EMAIL_TAKEN, "another account has this email");
        };
        LOG.info("account {} ({}) created by {}", created.account().id(), role.wireName(), operator.describe());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("account", created.account().describe());
        answer.put("setPasswordUrl", links.url(created.linkToken()));
        answer.put("expiresInSeconds", Accounts.LINK_LIFETIME.toSeconds());
        responses.sendSecret(response, 201, answer);
    }

    private void list(ServerRequest request, ServerResponse response) {
        gates.requireAdmin(request);
        responses.send(
                response,
                200,
                Map.of(
                        "accounts",
                        accounts.list().stream().map(Account::describe).toList()));
    }

    private void reset(ServerRequest request, ServerResponse response) {
        Operator operator = gates.requireAdmin(request);
        String id = request.pathParameter("id");
        // No ID holds a control character; PostgreSQL would refuse U+0000 in the lookup with a 500.
        String token = (id.length() > 64 || JsonFields.hasControl(id)
                        ? java.util.Optional.<String>empty()
                        : accounts.passwordLink(id))
                .orElseThrow(() -> Rejection.of(404, ErrorCode.ACCOUNT_NOT_FOUND, "no such account")
                        .logDetail(RequestBody.printable(id)));
        LOG.info("password reset link for account {} made by {}", id, operator.describe());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("setPasswordUrl", links.url(token));
        answer.put("expiresInSeconds", Accounts.LINK_LIFETIME.toSeconds());
        responses.sendSecret(response, 200, answer);
    }
}
