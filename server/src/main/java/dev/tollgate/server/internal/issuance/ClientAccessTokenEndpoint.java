package dev.tollgate.server.internal.issuance;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.server.internal.access.ApiScopes;
import dev.tollgate.server.internal.access.Gates;
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
import dev.tollgate.server.internal.keys.JwtTokens;
import java.util.List;
import java.util.Set;

/**
 * {@code POST /v2/client-access-token}: a Bearer API token holding {@code comms:client_access_token:create} gets a
 * client access token for its application. Body {@code {"sessionScope","externalId","expiresIn"|"expires_in"}}
 * (the Python client sends {@code expires_in}); answer {@code {access_token, token_type, expires_in, scope}}.
 * Warnings from the mint-time checks go to the {@code Tollgate-Warning} header and the log.
 *
 * <p>Thread-safe.
 */
final class ClientAccessTokenEndpoint implements Endpoint {
    static final long DEFAULT_EXPIRES_IN = 3600;
    private static final Set<String> FIELDS = Set.of("sessionScope", "externalId", "expiresIn", "expires_in");

    private final Gates gates;
    private final ClientAccessTokens tokens;
    private final JsonResponses responses;
    private final ObjectMapper mapper;
    private final Metrics metrics;

    ClientAccessTokenEndpoint(
            Gates gates, ClientAccessTokens tokens, JsonResponses responses, ObjectMapper mapper, Metrics metrics) {
        this.gates = gates;
        this.tokens = tokens;
        this.responses = responses;
        this.mapper = mapper;
        this.metrics = metrics;
    }

    @Override
    public void routes(Routes routes) {
        // Dolby's client access token endpoint answers errors as OAuth2 does, and its SDKs read them so.
        routes.post("/v2/client-access-token", ErrorShape.OAUTH, this::issue);
    }

    private void issue(ServerRequest request, ServerResponse response) {
        JwtTokens.Valid apiToken = gates.requireApiScope(request, ApiScopes.CLIENT_ACCESS_TOKEN_CREATE);
        JsonFields body = JsonFields.of(RequestBody.jsonObject(request, mapper, true), FIELDS);
        if (body.has("expiresIn") && body.has("expires_in")) {
            throw Rejection.badRequest(ErrorCode.CONFLICTING_FIELDS, "give expiresIn or expires_in, not both");
        }
        long expiresIn =
                body.integer("expiresIn").or(() -> body.integer("expires_in")).orElse(DEFAULT_EXPIRES_IN);
        ClientAccessTokens.Minted minted = tokens.mint(
                apiToken.applicationId(),
                body.wordsOrStrings("sessionScope").orElse(List.of()),
                body.string("externalId"),
                expiresIn);
        metrics.issued("client-access");
        ClientAccessTokens.send(response, responses, minted, apiToken.applicationId());
    }
}
