package dev.tollgate.server.internal.access;

import dev.tollgate.edge.DenialCode;
import dev.tollgate.edge.RevocationList;
import dev.tollgate.server.internal.applications.Application;
import dev.tollgate.server.internal.applications.Applications;
import dev.tollgate.server.internal.http.ErrorCode;
import dev.tollgate.server.internal.http.FormEncoding;
import dev.tollgate.server.internal.http.JsonFields;
import dev.tollgate.server.internal.http.Rejection;
import dev.tollgate.server.internal.http.RequestBody;
import dev.tollgate.server.internal.http.ServerRequest;
import dev.tollgate.server.internal.keys.JwtTokens;
import dev.tollgate.server.internal.revocations.Revocations;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/**
 * Authentication checks shared by endpoints: the admin credential, the edge credential, application credentials
 * (HTTP Basic) and Bearer tokens (API tokens, client access tokens): every endpoint authenticates through one of
 * these, none parses {@code Authorization} for itself. Failures are {@link Rejection}s with the {@link Challenges}
 * {@code WWW-Authenticate} as RFC 6750 §3 requires for Bearer; a 429 is {@link Rejection#tooManyRequests}. Thread-safe.
 */
public final class Gates {
    private final AdminCredential admin;
    private final EdgeCredential edge;
    private final JwtTokens jwts;
    private final Applications applications;
    private final FailedAttempts failedAttempts;
    private final Revocations revocations;

    public Gates(
            AdminCredential admin,
            EdgeCredential edge,
            JwtTokens jwts,
            Applications applications,
            FailedAttempts failedAttempts,
            Revocations revocations) {
        this.admin = admin;
        this.edge = edge;
        this.jwts = jwts;
        this.applications = applications;
        this.failedAttempts = failedAttempts;
        this.revocations = revocations;
    }

    /** Requires the admin credential as a Bearer token; failures count against the client address. */
    public void requireAdmin(ServerRequest request) {
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

    /**
     * Requires a valid Bearer JWT of the given audience whose application still exists and that no revocation entry
     * matches (by {@code jti}, external ID or {@code iat} watermark): a revoked one is 401 {@code revoked}, and past
     * the revocation list's staleness bound every one is 503 {@code revocations-unavailable} (fail closed).
     */
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
                unlessRevoked(valid);
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

    private void unlessRevoked(JwtTokens.Valid valid) {
        Date issued = valid.claims().getIssueTime();
        RevocationList.Status status = revocations.checkJwt(
                valid.applicationId(),
                valid.claims().getJWTID(),
                valid.externalId(),
                // Every JWT this server signs has an iat; one without is older than any watermark.
                issued == null ? Instant.EPOCH : issued.toInstant());
        switch (status) {
            case RevocationList.NotRevoked notRevoked -> {}
            case RevocationList.Revoked revoked ->
                throw Rejection.refusal(401, DenialCode.REVOKED, "the token is revoked")
                        .oauth("invalid_token")
                        .logDetail(revoked.describe())
                        .header("WWW-Authenticate", Challenges.INVALID_TOKEN);
            case RevocationList.Unavailable unavailable ->
                throw Rejection.refusal(
                                503,
                                DenialCode.REVOCATIONS_UNAVAILABLE,
                                "the revocation list cannot be read now; retry")
                        .logDetail(unavailable.detail());
        }
    }

    /**
     * The application a call acts for, on the routes that take an application's own credentials beside the admin's
     * ({@code /v1/channels}, {@code /v1/rooms}, {@code /v1/revocations}): the application of its HTTP Basic
     * credentials, of an API token holding {@code scope}, or, with the admin credential, the one its {@code
     * ?applicationId=} names (required, 404 when there is no such application). An application's caller may name
     * itself, never another (403 {@code wrong-application}). Who asks comes first: an unauthenticated caller learns
     * nothing, not even which parameters are wrong. {@code applicationId} is the only query parameter such routes take.
     */
    public String actingApplication(ServerRequest request, String scope) {
        boolean admin = presentsAdmin(request);
        String caller = null;
        if (admin) {
            // Through the gate all the same: a blocked address stays blocked.
            requireAdmin(request);
        } else if (Credentials.of(request) instanceof Credentials.Bearer) {
            caller = requireApiScope(request, scope).applicationId();
        } else {
            caller = requireApplication(request).id();
        }
        Optional<String> named = applicationParameter(request);
        if (admin) {
            String applicationId = named.orElseThrow(() -> Rejection.badRequest(
                    ErrorCode.MISSING_PARAMETER, "applicationId is required with the admin credential"));
            if (applicationId.length() > 64
                    || JsonFields.hasControl(applicationId)
                    || applications.find(applicationId).isEmpty()) {
                throw Rejection.of(404, ErrorCode.NOT_FOUND, "no such application");
            }
            return applicationId;
        }
        if (named.isPresent() && !named.get().equals(caller)) {
            throw Rejection.of(403, ErrorCode.WRONG_APPLICATION, "the credentials belong to another application");
        }
        return caller;
    }

    /** {@code ?applicationId=}, the one query parameter {@link #actingApplication}'s routes take. */
    private static Optional<String> applicationParameter(ServerRequest request) {
        String raw = request.rawQuery();
        if (raw == null || raw.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> found = Optional.empty();
        for (FormEncoding.Field field : FormEncoding.fields(raw, ErrorCode.INVALID_PARAMETER, "the query string")) {
            if (!field.name().equals("applicationId")) {
                throw Rejection.badRequest(
                        ErrorCode.UNKNOWN_PARAMETER,
                        "unknown parameter '" + RequestBody.printable(field.name()) + "'; allowed: applicationId");
            }
            if (found.isPresent()) {
                throw Rejection.badRequest(ErrorCode.DUPLICATE_PARAMETER, "the parameter 'applicationId' is repeated");
            }
            found = Optional.of(field.value());
        }
        return found;
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
