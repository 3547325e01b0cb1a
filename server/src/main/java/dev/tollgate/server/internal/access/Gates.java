package dev.tollgate.server.internal.access;

import dev.tollgate.server.internal.accounts.Account;
import dev.tollgate.server.internal.accounts.Accounts;
import dev.tollgate.server.internal.accounts.BrowserSessions;
import dev.tollgate.server.internal.accounts.SessionCookie;
import dev.tollgate.server.internal.applications.Application;
import dev.tollgate.server.internal.applications.Applications;
import dev.tollgate.server.internal.http.ErrorCode;
import dev.tollgate.server.internal.http.FormEncoding;
import dev.tollgate.server.internal.http.JsonFields;
import dev.tollgate.server.internal.http.Rejection;
import dev.tollgate.server.internal.http.RequestBody;
import dev.tollgate.server.internal.http.ServerRequest;
import dev.tollgate.server.internal.keys.JwtTokens;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Authentication checks shared by endpoints: the admin credential, the edge credential, application credentials
 * (HTTP Basic) and Bearer tokens (API tokens, client access tokens): every endpoint authenticates through one of
 * these, none parses {@code Authorization} for itself. Failures are {@link Rejection}s with the {@link Challenges}
 * {@code WWW-Authenticate} as RFC 6750 §3 requires for Bearer; a 429 is {@link Rejection#tooManyRequests}.
 *
 * <p>A browser session (the dashboard's cookie, {@link BrowserSessions}) is a caller too, wherever the admin
 * credential is: a request without an {@code Authorization} header that carries the session cookie is authenticated by
 * it, and then, when it changes state (any method but GET and HEAD), must carry the session's CSRF token in {@code
 * X-CSRF-Token}. An {@code Authorization} header always wins over the cookie, so a backend's call is never a
 * session's. Who may reach which application is decided here and nowhere else: {@link #requireAdministered} for the
 * {@code /v1/admin/applications/{id}} routes and {@link #actingApplication} for the application-scoped APIs. Thread-safe.
 */
public final class Gates {
    private final AdminCredential admin;
    private final EdgeCredential edge;
    private final JwtTokens jwts;
    private final Applications applications;
    private final FailedAttempts failedAttempts;
    private final Accounts accounts;
    private final BrowserSessions sessions;
    private final FailedAttempts signInFailures;

    /**
     * @param failedAttempts the failed credential checks' budgets
     * @param signInFailures the failed sign-ins' budgets, per address and per email, apart from the credentials' so
     *     that neither kind of failure spends the other's
     */
    public Gates(
            AdminCredential admin,
            EdgeCredential edge,
            JwtTokens jwts,
            Applications applications,
            FailedAttempts failedAttempts,
            Accounts accounts,
            BrowserSessions sessions,
            FailedAttempts signInFailures) {
        this.admin = admin;
        this.edge = edge;
        this.jwts = jwts;
        this.applications = applications;
        this.failedAttempts = failedAttempts;
        this.accounts = accounts;
        this.sessions = sessions;
        this.signInFailures = signInFailures;
    }

    /**
     * Requires an admin: the admin credential, or a signed-in {@code admin} account (a {@code developer} one is 403
     * {@code admin-required}).
     */
    public Operator requireAdmin(ServerRequest request) {
        Operator operator = requireOperator(request);
        if (!operator.admin()) {
            throw Rejection.of(403, ErrorCode.ADMIN_REQUIRED, "this needs the admin credential or an admin account")
                    .logDetail(operator.describe());
        }
        return operator;
    }

    /**
     * Requires an operator: a browser session (any role), else the admin credential as a Bearer token, whose failures
     * count against the client address.
     */
    public Operator requireOperator(ServerRequest request) {
        Optional<BrowserSessions.SignedIn> signedIn = session(request);
        if (signedIn.isPresent()) {
            return new Operator.SignedIn(signedIn.get().account());
        }
        requireAdminCredential(request);
        return new Operator.AdminCredential();
    }

    /**
     * The application {@code applicationId} names, when the operator may administer it: an admin any, a developer the
     * ones it owns. Anything else is 404 {@code application-not-found}, never 403, so that a developer learns nothing
     * of another's applications, not even that they exist.
     */
    public Application requireAdministered(Operator operator, String applicationId) {
        // No ID holds a control character; PostgreSQL would refuse U+0000 in the lookup with a 500.
        Optional<Application> found = applicationId.length() > 64 || JsonFields.hasControl(applicationId)
                ? Optional.empty()
                : applications.find(applicationId);
        boolean reaches = found.isPresent()
                && (operator.admin()
                        || accounts.owns(
                                operator.signedInAccount().orElseThrow().id(), applicationId));
        if (!reaches) {
            throw Rejection.of(404, ErrorCode.APPLICATION_NOT_FOUND, "no such application")
                    .logDetail(RequestBody.printable(applicationId) + " for " + operator.describe());
        }
        return found.get();
    }

    /** The applications the operator may administer: every one for an admin, its own for a developer. */
    public List<Application> administered(Operator operator) {
        if (operator.admin()) {
            return applications.list();
        }
        Set<String> owned = new HashSet<>(
                accounts.applicationsOf(operator.signedInAccount().orElseThrow().id()));
        return applications.list().stream()
                .filter(application -> owned.contains(application.id()))
                .toList();
    }

    /**
     * The application an application-scoped call acts for, by the one rule every such API follows: the application's
     * own credentials (HTTP Basic), a Bearer API token holding {@code scope}, or the admin credential or a browser
     * session naming it with {@code ?applicationId=} (required then; a developer's session only for an application it
     * owns, else 404 {@code application-not-found}, as for an unknown one). An application's own credentials naming
     * another application are 403 {@code wrong-application}. Who asks comes first: an unauthenticated caller learns
     * nothing, not even which parameters are wrong. {@code applicationId} is the only query parameter such routes take
     * ({@code /v1/channels}, {@code /v1/rooms}, {@code /v1/edge-tokens}, {@code /v1/revocations}).
     */
    public String actingApplication(ServerRequest request, String scope) {
        String applicationId = acting(request, scope);
        for (FormEncoding.Field field : FormEncoding.fields(
                request.rawQuery() == null ? "" : request.rawQuery(),
                ErrorCode.INVALID_PARAMETER,
                "the query string")) {
            if (!field.name().equals("applicationId")) {
                throw Rejection.badRequest(
                        ErrorCode.UNKNOWN_PARAMETER,
                        "unknown parameter '" + RequestBody.printable(field.name()) + "'; allowed: applicationId");
            }
        }
        return applicationId;
    }

    /**
     * As {@link #actingApplication(ServerRequest, String)} for a route that takes no API token and has query
     * parameters of its own beside {@code applicationId} ({@code /v1/usage}), which it checks itself.
     */
    public String actingApplication(ServerRequest request) {
        return acting(request, null);
    }

    private String acting(ServerRequest request, String apiScope) {
        Credentials.Presented presented = Credentials.of(request);
        Optional<Operator> operator = Optional.empty();
        String caller = null;
        if (presented instanceof Credentials.None && sessions.cookie().presented(request)) {
            operator = Optional.of(requireOperator(request));
        } else if (presented instanceof Credentials.Bearer bearer
                && (apiScope == null || admin.matches(bearer.token()))) {
            // Through the gate all the same: a blocked address stays blocked.
            operator = Optional.of(requireOperator(request));
        } else if (presented instanceof Credentials.Bearer) {
            caller = requireApiScope(request, apiScope).applicationId();
        } else {
            caller = requireApplication(request).id();
        }
        List<String> named = request.queryValues("applicationId");
        if (named.size() > 1) {
            throw Rejection.badRequest(ErrorCode.DUPLICATE_PARAMETER, "applicationId is given more than once");
        }
        if (operator.isPresent()) {
            if (named.isEmpty()) {
                throw Rejection.badRequest(
                        ErrorCode.MISSING_PARAMETER,
                        "applicationId is required with the admin credential or a dashboard session");
            }
            return requireAdministered(operator.get(), named.getFirst()).id();
        }
        if (!named.isEmpty() && !named.getFirst().equals(caller)) {
            throw Rejection.of(403, ErrorCode.WRONG_APPLICATION, "the credentials belong to another application");
        }
        return caller;
    }

    /**
     * The live browser session the request carries, or 401 {@code not-signed-in}; a state-changing request must carry
     * its CSRF token.
     */
    public BrowserSessions.SignedIn requireSignedIn(ServerRequest request) {
        return session(request).orElseThrow(() -> notSignedIn("not signed in"));
    }

    /**
     * Checks an email and password for sign-in, rate-limited as application secrets are ({@link FailedAttempts}): a
     * blocked address is refused unchecked, an email whose budget is spent only makes a <em>wrong</em> password 429,
     * so that anyone who knows an email cannot lock its owner out. An unknown email and a wrong password get the same
     * 401 {@code invalid-credentials}, after the same Argon2id work.
     */
    public Account requirePassword(ServerRequest request, String email, String password) {
        String address = Credentials.clientAddress(request);
        if (signInFailures.addressBlocked(address)) {
            throw tooManyFailures(signInFailures.addressRetryAfter(address), "sign-in, address " + address);
        }
        Optional<String> normalized = Accounts.email(email);
        Accounts.Authentication result = normalized.isPresent()
                ? accounts.authenticate(normalized.get(), password)
                : new Accounts.UnknownAccount();
        if (result instanceof Accounts.Authenticated authenticated) {
            return authenticated.account();
        }
        // An unknown email spends a budget of its own too: the answer must not tell it from a known one.
        String key = normalized.orElse(email.strip().toLowerCase(Locale.ROOT));
        boolean exhausted = signInFailures.applicationExhausted(key);
        signInFailures.failed(address, key);
        String detail = result instanceof Accounts.WrongPassword wrong
                ? "wrong password for " + wrong.account().id()
                : "no account with a password for that email";
        if (exhausted) {
            throw tooManyFailures(signInFailures.applicationRetryAfter(key), detail + ", address " + address);
        }
        throw Rejection.of(401, ErrorCode.INVALID_CREDENTIALS, "the email or the password is wrong")
                .logDetail(detail + ", address " + address);
    }

    /**
     * The browser session that authenticates the request: none when an {@code Authorization} header is present or no
     * session cookie is; 401 {@code not-signed-in} (and the cookie cleared) when the cookie names no live session;
     * 403 {@code csrf-token-missing}/{@code csrf-token-invalid} when a state-changing request lacks its CSRF token.
     */
    private Optional<BrowserSessions.SignedIn> session(ServerRequest request) {
        SessionCookie cookie = sessions.cookie();
        if (!(Credentials.of(request) instanceof Credentials.None) || !cookie.presented(request)) {
            return Optional.empty();
        }
        BrowserSessions.SignedIn signedIn = cookie.value(request)
                .flatMap(sessions::find)
                .orElseThrow(() ->
                        notSignedIn("the session has ended; sign in again").header("Set-Cookie", cookie.clear()));
        String method = request.method();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            List<String> presented = request.headers(CSRF_HEADER);
            if (presented.isEmpty()) {
                throw Rejection.of(
                                403,
                                ErrorCode.CSRF_TOKEN_MISSING,
                                "a change made with a dashboard session needs the header " + CSRF_HEADER)
                        .logDetail(method + " " + request.path() + " by account "
                                + signedIn.account().id());
            }
            if (presented.size() > 1 || !signedIn.csrfMatches(presented.getFirst())) {
                throw Rejection.of(403, ErrorCode.CSRF_TOKEN_INVALID, "the CSRF token is not this session's")
                        .logDetail(method + " " + request.path() + " by account "
                                + signedIn.account().id());
            }
        }
        return Optional.of(signedIn);
    }

    /** The header a state-changing request made with a browser session carries its CSRF token in. */
    public static final String CSRF_HEADER = "X-CSRF-Token";

    private static Rejection notSignedIn(String message) {
        return Rejection.of(401, ErrorCode.NOT_SIGNED_IN, message);
    }

    /** Requires the admin credential as a Bearer token; failures count against the client address. */
    private void requireAdminCredential(ServerRequest request) {
        String address = Credentials.clientAddress(request);
        if (failedAttempts.addressBlocked(address)) {
            throw tooManyFailures(failedAttempts.addressRetryAfter(address), "admin, address " + address);
        }
        if (!(Credentials.of(request) instanceof Credentials.Bearer bearer) || !admin.matches(bearer.token())) {
            failedAttempts.failed(address, null);
            throw Rejection.of(
                            401, ErrorCode.UNAUTHORIZED, "the admin credential is required (Authorization: Bearer ...)")
                    .oauth("invalid_token")
                    .header("WWW-Authenticate", Challenges.BEARER);
        }
    }

    /**
     * Whether the request presents the admin credential as a Bearer token, for endpoints that take it beside an
     * application's own credentials ({@code /v1/channels}). A Bearer that is not the admin credential is no failure
     * here: the caller goes on to check it as an API token, which refuses it with its own code.
     */
    public boolean presentsAdmin(ServerRequest request) {
        return Credentials.of(request) instanceof Credentials.Bearer bearer && admin.matches(bearer.token());
    }

    /**
     * Requires the edge credential as a Bearer token ({@link EdgeCredential}); the admin credential is not one.
     * Failures count against the client address, as for the admin credential.
     */
    public void requireEdge(ServerRequest request) {
        String address = Credentials.clientAddress(request);
        if (failedAttempts.addressBlocked(address)) {
            throw tooManyFailures(failedAttempts.addressRetryAfter(address), "edge credential, address " + address);
        }
        Credentials.Presented presented = Credentials.of(request);
        if (!(presented instanceof Credentials.Bearer bearer) || !edge.matches(bearer.token())) {
            failedAttempts.failed(address, null);
            // RFC 6750 §3.1: no error attribute when no credentials were sent at all.
            String challenge = presented instanceof Credentials.None ? Challenges.EDGE : Challenges.EDGE_INVALID_TOKEN;
            throw Rejection.of(
                            401,
                            ErrorCode.INVALID_EDGE_CREDENTIAL,
                            "the edge credential is required (Authorization: Bearer tge_...)")
                    .oauth("invalid_token")
                    .logDetail("edge credential missing or wrong, address " + address)
                    .header("WWW-Authenticate", challenge);
        }
    }

    /**
     * Requires a Bearer API token holding {@code scope}, issued to an application that still exists.
     *
     * @return the verified token
     */
    public JwtTokens.Valid requireApiScope(ServerRequest request, String scope) {
        JwtTokens.Valid valid = requireBearer(request, JwtTokens.API_AUDIENCE, "an API token");
        if (!JsonFields.words(valid.scope()).contains(scope)) {
            throw Rejection.of(403, ErrorCode.INSUFFICIENT_SCOPE, "the API token does not hold the scope " + scope)
                    .oauth("insufficient_scope")
                    .header("WWW-Authenticate", Challenges.insufficientScope(scope));
        }
        return valid;
    }

    /** Requires a valid Bearer JWT of the given audience whose application still exists. */
    public JwtTokens.Valid requireBearer(ServerRequest request, String audience, String what) {
        Credentials.Presented presented = Credentials.of(request);
        if (presented instanceof Credentials.None) {
            // RFC 6750 §3.1: a request without any authentication information gets a challenge without an error
            // code. The JSON body keeps its error field: every error answer has one.
            throw Rejection.of(401, ErrorCode.MISSING_TOKEN, what + " is required (Authorization: Bearer ...)")
                    .oauth("invalid_token")
                    .logDetail("no Authorization header")
                    .header("WWW-Authenticate", Challenges.BEARER);
        }
        if (!(presented instanceof Credentials.Bearer bearer)) {
            String detail = presented instanceof Credentials.Malformed malformed ? malformed.reason() : "not Bearer";
            throw invalidToken(ErrorCode.MISSING_TOKEN, what + " is required (Authorization: Bearer ...)", detail);
        }
        return switch (jwts.verify(bearer.token(), audience)) {
            case JwtTokens.Valid valid -> {
                if (applications.find(valid.applicationId()).isEmpty()) {
                    throw invalidToken(ErrorCode.INVALID_TOKEN, "the token is not valid", "application deleted");
                }
                yield valid;
            }
            case JwtTokens.Invalid invalid ->
                throw invalidToken(
                        ErrorCode.INVALID_TOKEN, "the token is not valid: " + invalid.code(), invalid.detail());
        };
    }

    /**
     * Authenticates the application from HTTP Basic, rate-limiting failures (see {@link FailedAttempts} for why a blocked
     * address is refused unchecked and an exhausted application is not). RFC 6749 §5.2: a client that tried the
     * Authorization header gets 401 {@code invalid_client} with {@code WWW-Authenticate}.
     */
    public Application requireApplication(ServerRequest request) {
        String address = Credentials.clientAddress(request);
        Credentials.Presented presented = Credentials.of(request);
        if (failedAttempts.addressBlocked(address)) {
            throw tooManyFailures(failedAttempts.addressRetryAfter(address), "address " + address);
        }
        if (!(presented instanceof Credentials.Basic basic)) {
            String reason = presented instanceof Credentials.Malformed malformed
                    ? malformed.reason()
                    : presented instanceof Credentials.None ? "no Authorization header" : "not Basic";
            failedAttempts.failed(address, null);
            throw invalidClient("application credentials are required (HTTP Basic: application ID and secret)")
                    .logDetail(reason);
        }
        return switch (applications.authenticate(basic.user(), basic.password())) {
            case Applications.Authenticated authenticated -> authenticated.application();
            case Applications.UnknownApplication unknown -> {
                failedAttempts.failed(address, null);
                throw invalidClient("the application credentials are not valid").logDetail("unknown application");
            }
            case Applications.WrongSecret wrong -> {
                // Checked after the secret, not before: a correct secret gets through even when others have used up
                // the application's budget, or anyone could lock the application out (its ID is public).
                boolean exhausted = failedAttempts.applicationExhausted(basic.user());
                failedAttempts.failed(address, basic.user());
                if (exhausted) {
                    throw tooManyFailures(
                            failedAttempts.applicationRetryAfter(basic.user()),
                            "application " + basic.user() + ", address " + address);
                }
                throw invalidClient("the application credentials are not valid")
                        .logDetail("wrong secret for " + basic.user());
            }
        };
    }

    /** {@code wait} is the refusing budget's own (the address's, or the application's). */
    private static Rejection tooManyFailures(Duration wait, String detail) {
        return Rejection.tooManyRequests(
                        ErrorCode.TOO_MANY_FAILED_ATTEMPTS,
                        "too many failed authentication attempts; retry later",
                        wait)
                .logDetail(detail);
    }

    private static Rejection invalidClient(String message) {
        return Rejection.of(401, ErrorCode.INVALID_CLIENT, message)
                .oauth("invalid_client")
                .header("WWW-Authenticate", Challenges.BASIC);
    }

    private static Rejection invalidToken(ErrorCode code, String message, String detail) {
        // RFC 6750 §3.1: invalid_token answers 401 with the error in WWW-Authenticate.
        return Rejection.of(401, code, message)
                .oauth("invalid_token")
                .logDetail(detail)
                .header("WWW-Authenticate", Challenges.INVALID_TOKEN);
    }
}
