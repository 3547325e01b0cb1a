package dev.tollgate.server.internal;

/**
 * Authentication checks shared by endpoints: the admin credential, the edge credential and API tokens. Failures are {@link Rejection}s
 * with {@code WWW-Authenticate} as RFC 6750 §3 requires for Bearer. Thread-safe.
 */
public final class Gates {
    private static final String REALM = "tollgate";
    private static final String EDGE_REALM = "tollgate-edge";

    private final AdminCredential admin;
    private final EdgeCredential edge;
    private final JwtTokens jwts;
    private final Applications applications;
    private final FailedAttempts failedAttempts;

    public Gates(
            AdminCredential admin,
            EdgeCredential edge,
            JwtTokens jwts,
            Applications applications,
            FailedAttempts failedAttempts) {
        this.admin = admin;
        this.edge = edge;
        this.jwts = jwts;
        this.applications = applications;
        this.failedAttempts = failedAttempts;
    }

    /** Requires the admin credential as a Bearer token; failures count against the client address. */
    public void requireAdmin(ServerRequest request) {
        String address = Credentials.clientAddress(request);
        if (failedAttempts.addressBlocked(address)) {
            throw Rejection.of(429, "too-many-failed-attempts", "too many failed authentication attempts; retry later")
                    .header("Retry-After", Long.toString(failedAttempts.retryAfterSeconds()))
                    .logDetail("admin, address " + address);
        }
        if (!(Credentials.of(request) instanceof Credentials.Bearer bearer) || !admin.matches(bearer.token())) {
            failedAttempts.failed(address, null);
            throw Rejection.of(401, "unauthorized", "the admin credential is required (Authorization: Bearer ...)")
                    .oauth("invalid_token")
                    .header("WWW-Authenticate", "Bearer realm=\"" + REALM + "\"");
        }
    }

    /**
     * Requires the edge credential as a Bearer token ({@link EdgeCredential}); the admin credential is not one.
     * Failures count against the client address, as for the admin credential.
     */
    public void requireEdge(ServerRequest request) {
        String address = Credentials.clientAddress(request);
        if (failedAttempts.addressBlocked(address)) {
            throw Rejection.of(429, "too-many-failed-attempts", "too many failed authentication attempts; retry later")
                    .header("Retry-After", Long.toString(failedAttempts.retryAfterSeconds()))
                    .logDetail("edge credential, address " + address);
        }
        Credentials.Presented presented = Credentials.of(request);
        if (!(presented instanceof Credentials.Bearer bearer) || !edge.matches(bearer.token())) {
            failedAttempts.failed(address, null);
            // RFC 6750 §3.1: no error attribute when no credentials were sent at all.
            String challenge = "Bearer realm=\"" + EDGE_REALM + "\""
                    + (presented instanceof Credentials.None ? "" : ", error=\"invalid_token\"");
            throw Rejection.of(
                            401,
                            "invalid-edge-credential",
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
            throw Rejection.of(403, "insufficient-scope", "the API token does not hold the scope " + scope)
                    .oauth("insufficient_scope")
                    .header(
                            "WWW-Authenticate",
                            "Bearer realm=\"" + REALM + "\", error=\"insufficient_scope\", scope=\"" + scope + "\"");
        }
        return valid;
    }

    /** Requires a valid Bearer JWT of the given audience whose application still exists. */
    public JwtTokens.Valid requireBearer(ServerRequest request, String audience, String what) {
        Credentials.Presented presented = Credentials.of(request);
        if (presented instanceof Credentials.None) {
            // RFC 6750 §3.1: a request without any authentication information gets a challenge without an error
            // code. The JSON body keeps its error field: every error answer has one.
            throw Rejection.of(401, "missing-token", what + " is required (Authorization: Bearer ...)")
                    .oauth("invalid_token")
                    .logDetail("no Authorization header")
                    .header("WWW-Authenticate", "Bearer realm=\"" + REALM + "\"");
        }
        if (!(presented instanceof Credentials.Bearer bearer)) {
            String detail = presented instanceof Credentials.Malformed malformed ? malformed.reason() : "not Bearer";
            throw invalidToken("missing-token", what + " is required (Authorization: Bearer ...)", detail);
        }
        return switch (jwts.verify(bearer.token(), audience)) {
            case JwtTokens.Valid valid -> {
                if (applications.find(valid.applicationId()).isEmpty()) {
                    throw invalidToken("invalid-token", "the token is not valid", "application deleted");
                }
                yield valid;
            }
            case JwtTokens.Invalid invalid ->
                throw invalidToken("invalid-token", "the token is not valid: " + invalid.code(), invalid.detail());
        };
    }

    private static Rejection invalidToken(String code, String message, String detail) {
        // RFC 6750 §3.1: invalid_token answers 401 with the error in WWW-Authenticate.
        return Rejection.of(401, code, message)
                .oauth("invalid_token")
                .logDetail(detail)
                .header("WWW-Authenticate", "Bearer realm=\"" + REALM + "\", error=\"invalid_token\"");
    }
}
