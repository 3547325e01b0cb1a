package dev.tollgate.server.internal.issuance;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.tollgate.server.internal.access.ApiScopes;
import dev.tollgate.server.internal.access.Gates;
import dev.tollgate.server.internal.applications.Application;
import dev.tollgate.server.internal.http.Endpoint;
import dev.tollgate.server.internal.http.ErrorShape;
import dev.tollgate.server.internal.http.JsonFields;
import dev.tollgate.server.internal.http.JsonResponses;
import dev.tollgate.server.internal.http.Metrics;
import dev.tollgate.server.internal.http.Rejection;
import dev.tollgate.server.internal.http.RequestBody;
import dev.tollgate.server.internal.http.Routes;
import dev.tollgate.server.internal.http.ServerRequest;
import dev.tollgate.server.internal.http.ServerResponse;
import dev.tollgate.server.internal.keys.JwtTokens;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /v1/auth/token} and {@code POST /oauth2/token}: the OAuth2 client credentials grant (RFC 6749 §4.4)
 * as Dolby.io's API token endpoint speaks it. Basic application credentials, form body {@code
 * grant_type=client_credentials[&expires_in=N][&scope=a b]}; answer {@code {access_token, token_type, expires_in,
 * scope}}. The API token is a JWT (audience {@code tollgate-api}) so that any node verifies it without a lookup.
 *
 * <p>Thread-safe.
 */
final class ApiTokenEndpoint implements Endpoint {
    static final long DEFAULT_EXPIRES_IN = 1800;
    static final long MAX_EXPIRES_IN = 86_400;

    private final Gates gates;
    private final JwtTokens jwts;
    private final JsonResponses responses;
    private final Metrics metrics;

    ApiTokenEndpoint(Gates gates, JwtTokens jwts, JsonResponses responses, Metrics metrics) {
        this.gates = gates;
        this.jwts = jwts;
        this.responses = responses;
        this.metrics = metrics;
    }

    @Override
    public void routes(Routes routes) {
        // OAuth2 token endpoints (RFC 6749 §5.2): their clients read {"error","error_description"}.
        routes.post("/v1/auth/token", ErrorShape.OAUTH, this::issue)
                .post("/oauth2/token", ErrorShape.OAUTH, this::issue);
    }

    private void issue(ServerRequest request, ServerResponse response) {
        Application application = gates.requireApplication(request);
        Map<String, String> form = RequestBody.form(request);
        // RFC 6749 §3.2: unrecognised parameters are ignored, so only the known ones are read.
        String grantType = form.get("grant_type");
        if (grantType == null || grantType.isEmpty()) {
            throw Rejection.badRequest("missing-grant-type", "grant_type=client_credentials is required");
        }
        if (!grantType.equals("client_credentials")) {
            throw Rejection.badRequest("unsupported-grant-type", "only grant_type=client_credentials is supported")
                    .oauth("unsupported_grant_type");
        }
        long expiresIn = expiresIn(form.get("expires_in"));
        List<String> requested = JsonFields.words(form.getOrDefault("scope", ""));
        List<String> scopes = ApiScopes.resolve(requested, application.scopes());
        if (!requested.isEmpty() && scopes.isEmpty()) {
            // Dolby omits unknown scopes; when that leaves none, the token could do nothing. RFC 6749 §5.2 names the
            // answer: invalid_scope ("unknown ... or exceeds the scope granted by the resource owner").
            throw Rejection.badRequest(
                            "invalid-scope",
                            "none of the requested scopes is known or allowed for this application; known: "
                                    + String.join(" ", application.scopes()))
                    .oauth("invalid_scope");
        }
        String scope = String.join(" ", scopes);
        JwtTokens.Signed signed = jwts.sign(
                JwtTokens.API_AUDIENCE,
                application.id(),
                Duration.ofSeconds(expiresIn),
                new JWTClaimsSet.Builder().claim(JwtTokens.SCOPE, scope).claim(JwtTokens.CLIENT_ID, application.id()));
        metrics.issued("api");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", signed.token());
        body.put("token_type", "Bearer");
        body.put("expires_in", expiresIn);
        body.put("scope", scope);
        responses.sendSecret(response, 200, body);
    }

    private static long expiresIn(String value) {
        if (value == null || value.isEmpty()) {
            return DEFAULT_EXPIRES_IN;
        }
        long seconds;
        try {
            seconds = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw Rejection.badRequest("invalid-expires-in", "expires_in must be a whole number of seconds");
        }
        if (seconds < 1 || seconds > MAX_EXPIRES_IN) {
            throw Rejection.badRequest(
                    "invalid-expires-in", "expires_in must be between 1 and " + MAX_EXPIRES_IN + " seconds");
        }
        return seconds;
    }
}
