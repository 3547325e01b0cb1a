package dev.tollgate.server.internal.issuance;

import dev.tollgate.server.internal.access.Gates;
import dev.tollgate.server.internal.applications.Application;
import dev.tollgate.server.internal.http.Endpoint;
import dev.tollgate.server.internal.http.ErrorCode;
import dev.tollgate.server.internal.http.ErrorShape;
import dev.tollgate.server.internal.http.JsonFields;
import dev.tollgate.server.internal.http.JsonResponses;
import dev.tollgate.server.internal.http.Metrics;
import dev.tollgate.server.internal.http.Rejection;
import dev.tollgate.server.internal.http.RequestBody;
import dev.tollgate.server.internal.http.Routes;
import dev.tollgate.server.internal.http.ServerRequest;
import dev.tollgate.server.internal.http.ServerResponse;
import java.util.Map;
import java.util.OptionalLong;

/**
 * {@code POST /v1/auth/token} and {@code POST /oauth2/token}: the OAuth2 client credentials grant (RFC 6749 §4.4)
 * as Dolby.io's API token endpoint speaks it. Basic application credentials, form body {@code
 * grant_type=client_credentials[&expires_in=N][&scope=a b]}; answer {@code {access_token, token_type, expires_in,
 * scope}}. The limits, the token and the answer are {@link ApiTokens}'.
 *
 * <p>Thread-safe.
 */
final class ApiTokenEndpoint implements Endpoint {
    private final Gates gates;
    private final ApiTokens apiTokens;
    private final JsonResponses responses;
    private final Metrics metrics;

    ApiTokenEndpoint(Gates gates, ApiTokens apiTokens, JsonResponses responses, Metrics metrics) {
        this.gates = gates;
        this.apiTokens = apiTokens;
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
            throw Rejection.badRequest(ErrorCode.MISSING_GRANT_TYPE, "grant_type=client_credentials is required");
        }
        if (!grantType.equals("client_credentials")) {
            throw Rejection.badRequest(
                            ErrorCode.UNSUPPORTED_GRANT_TYPE, "only grant_type=client_credentials is supported")
                    .oauth("unsupported_grant_type");
        }
        ApiTokens.Minted minted = apiTokens.mint(
                application, expiresIn(form.get("expires_in")), JsonFields.words(form.getOrDefault("scope", "")));
        metrics.issued("api");
        ApiTokens.send(response, responses, minted);
    }

    /** The form's {@code expires_in}: a whole number of seconds; its bounds are {@link ApiTokens}'. */
    private static OptionalLong expiresIn(String value) {
        if (value == null || value.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(value));
        } catch (NumberFormatException e) {
            throw Rejection.badRequest(ErrorCode.INVALID_EXPIRES_IN, "expires_in must be a whole number of seconds");
        }
    }
}
