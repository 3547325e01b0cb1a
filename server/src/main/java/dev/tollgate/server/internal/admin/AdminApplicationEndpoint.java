package dev.tollgate.server.internal.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.server.internal.access.ApiScopes;
import dev.tollgate.server.internal.access.Gates;
import dev.tollgate.server.internal.access.Operator;
import dev.tollgate.server.internal.accounts.Accounts;
import dev.tollgate.server.internal.applications.Application;
import dev.tollgate.server.internal.applications.ApplicationPath;
import dev.tollgate.server.internal.applications.Applications;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application administration family under {@code /v1/admin/applications}: create, list, get, rotate-secret,
 * retire-secret, delete, members. The admin credential or an admin account reaches every application; a developer
 * account those it owns (it created them, or was made a member), and any other is 404 {@code application-not-found}
 * ({@link Gates#requireAdministered}); an application a developer creates is its own. A secret appears only in the
 * answer that created it, never in a listing and never in the log.
 *
 * <p>Thread-safe.
 */
final class AdminApplicationEndpoint implements Endpoint {
    private static final Logger LOG = LoggerFactory.getLogger(AdminApplicationEndpoint.class);
    private static final Set<String> CREATE_FIELDS = Set.of("name", "scopes");
    private static final Set<String> MEMBER_FIELDS = Set.of("accountId");
    static final int MAX_NAME_LENGTH = 200;

    private final Gates gates;
    private final Applications applications;
    private final Accounts accounts;
    private final JsonResponses responses;
    private final ObjectMapper mapper;

    AdminApplicationEndpoint(
            Gates gates, Applications applications, Accounts accounts, JsonResponses responses, ObjectMapper mapper) {
        this.gates = gates;
        this.applications = applications;
        this.accounts = accounts;
        this.responses = responses;
        this.mapper = mapper;
    }

    @Override
    public void routes(Routes routes) {
        routes.post("/v1/admin/applications", this::create)
                .get("/v1/admin/applications", this::list)
                .get("/v1/admin/applications/{id}", this::get)
                .delete("/v1/admin/applications/{id}", this::delete)
                .post("/v1/admin/applications/{id}/rotate-secret", this::rotate)
                .post("/v1/admin/applications/{id}/retire-secret", this::retire)
                .post("/v1/admin/applications/{id}/members", this::addMember)
                .get("/v1/admin/applications/{id}/members", this::members);
    }

    private void create(ServerRequest request, ServerResponse response) {
        Operator operator = gates.requireOperator(request);
        JsonFields body = JsonFields.of(RequestBody.jsonObject(request, mapper, false), CREATE_FIELDS);
        String name = body.requiredString("name").strip();
        if (name.isEmpty()
                || name.length() > MAX_NAME_LENGTH
                || !name.codePoints().noneMatch(Character::isISOControl)) {
            throw Rejection.badRequest(
                    ErrorCode.INVALID_NAME,
                    "name must be 1 to " + MAX_NAME_LENGTH + " characters without control characters");
        }
        List<String> requested = body.wordsOrStrings("scopes").orElse(List.of());
        List<String> scopes = ApiScopes.forApplication(requested);
        if (!requested.isEmpty() && scopes.isEmpty()) {
            throw Rejection.badRequest(ErrorCode.UNKNOWN_SCOPE, "none of the scopes is known; known: " + ApiScopes.ALL);
        }
        Applications.Issued issued = applications.create(name, scopes);
        // A developer's application is its own from the start; an admin's belongs to no developer until granted.
        operator.signedInAccount()
                .filter(account -> !operator.admin())
                .ifPresent(account -> accounts.grant(issued.application().id(), account.id()));
        LOG.info("application {} created by {}", issued.application().id(), operator.describe());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("applicationId", issued.application().id());
        answer.put("secret", issued.secret());
        answer.put("secretId", issued.secretId());
        answer.put("name", issued.application().name());
        answer.put("scopes", issued.application().scopes());
        answer.put("createdAt", issued.application().createdAt().toString());
        responses.sendSecret(response, 201, answer);
    }

    private void list(ServerRequest request, ServerResponse response) {
        Operator operator = gates.requireOperator(request);
        responses.send(
                response,
                200,
                Map.of(
                        "applications",
                        gates.administered(operator).stream()
                                .map(AdminApplicationEndpoint::describe)
                                .toList()));
    }

    private void get(ServerRequest request, ServerResponse response) {
        responses.send(response, 200, describe(administered(request)));
    }

    private void delete(ServerRequest request, ServerResponse response) {
        String id = administered(request).id();
        if (!applications.delete(id)) {
            throw notFound(request);
        }
        LOG.info("application {} deleted", id);
        responses.send(response, 200, Map.of("applicationId", id, "deleted", true));
    }

    private void rotate(ServerRequest request, ServerResponse response) {
        Applications.Issued issued =
                applications.rotate(administered(request).id()).orElseThrow(() -> notFound(request));
        LOG.info(
                "application {} secret rotated; new secret {}",
                issued.application().id(),
                issued.secretId());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("applicationId", issued.application().id());
        answer.put("secret", issued.secret());
        answer.put("secretId", issued.secretId());
        answer.put("activeSecrets", issued.application().activeSecrets());
        responses.sendSecret(response, 200, answer);
    }

    private void retire(ServerRequest request, ServerResponse response) {
        String id = administered(request).id();
        int retired = applications.retireOlderSecrets(id).orElseThrow(() -> notFound(request));
        LOG.info("application {}: {} older secret(s) retired", id, retired);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("applicationId", id);
        answer.put("retired", retired);
        answer.put(
                "activeSecrets",
                applications.find(id).map(Application::activeSecrets).orElse(0));
        responses.send(response, 200, answer);
    }

    /**
     * {@code POST .../members} {@code {"accountId"}}: lets the account administer the application, 201 (200 when it
     * already could), 404 {@code account-not-found} for an unknown account.
     */
    private void addMember(ServerRequest request, ServerResponse response) {
        Operator operator = gates.requireOperator(request);
        String id =
                gates.requireAdministered(operator, ApplicationPath.id(request)).id();
        JsonFields body = JsonFields.of(RequestBody.jsonObject(request, mapper, false), MEMBER_FIELDS);
        String accountId = body.requiredString("accountId");
        if (accountId.length() > 64
                || JsonFields.hasControl(accountId)
                || accounts.find(accountId).isEmpty()) {
            throw Rejection.of(404, ErrorCode.ACCOUNT_NOT_FOUND, "no such account")
                    .logDetail(RequestBody.printable(accountId));
        }
        boolean added = accounts.grant(id, accountId);
        LOG.info("application {}: account {} made a member by {}", id, accountId, operator.describe());
        responses.send(response, added ? 201 : 200, membersAnswer(id));
    }

    /** {@code GET .../members}: the accounts that may administer the application (admins reach it without being one). */
    private void members(ServerRequest request, ServerResponse response) {
        responses.send(response, 200, membersAnswer(administered(request).id()));
    }

    private Map<String, Object> membersAnswer(String id) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("applicationId", id);
        answer.put(
                "members",
                accounts.membersOf(id).stream()
                        .flatMap(accountId -> accounts.find(accountId).stream())
                        .map(account -> account.describe())
                        .toList());
        return answer;
    }

    /** The application of the path, when the caller may administer it ({@link Gates#requireAdministered}). */
    private Application administered(ServerRequest request) {
        return gates.requireAdministered(gates.requireOperator(request), ApplicationPath.id(request));
    }

    static Map<String, Object> describe(Application application) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("applicationId", application.id());
        answer.put("name", application.name());
        answer.put("scopes", application.scopes());
        answer.put("activeSecrets", application.activeSecrets());
        answer.put("createdAt", application.createdAt().toString());
        answer.put("updatedAt", application.updatedAt().toString());
        return answer;
    }

    private static Rejection notFound(ServerRequest request) {
        return Rejection.of(404, ErrorCode.APPLICATION_NOT_FOUND, "no such application")
                .logDetail(ApplicationPath.id(request));
    }
}
