package dev.tollgate.server.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v2/client-access-token}: a Bearer API token holding {@code comms:client_access_token:create} gets a
 * client access token for its application. Body {@code {"sessionScope","externalId","expiresIn"|"expires_in"}}
 * (the Python client sends {@code expires_in}); answer {@code {access_token, token_type, expires_in, scope}}.
 * Warnings from the mint-time checks go to the {@code Tollgate-Warning} header and the log.
 *
 * <p>Thread-safe.
 */
public final class ClientAccessTokenEndpoint implements Endpoint {
    static final long DEFAULT_EXPIRES_IN = 3600;
    private static final Logger LOG = LoggerFactory.getLogger(ClientAccessTokenEndpoint.class);
    private static final Set<String> FIELDS = Set.of("sessionScope", "externalId", "expiresIn", "expires_in");

    private final Gates gates;
    private final ClientAccessTokens tokens;
    private final JsonResponses responses;
    private final ObjectMapper mapper;
    private final Metrics metrics;

    public ClientAccessTokenEndpoint(
            Gates gates, ClientAccessTokens tokens, JsonResponses responses, ObjectMapper mapper, Metrics metrics) {
        this.gates = gates;
        this.tokens = tokens;
        this.responses = responses;
        this.mapper = mapper;
        this.metrics = metrics;
    }

    @Override
    public void routes(Routes routes) {
        routes.post("/v2/client-access-token", this::issue);
    }

    private void issue(ServerRequest request, ServerResponse response) {
        JwtTokens.Valid apiToken = gates.requireApiScope(request, ApiScopes.CLIENT_ACCESS_TOKEN_CREATE);
        JsonFields body = JsonFields.of(RequestBody.jsonObject(request, mapper, true), FIELDS);
        if (body.has("expiresIn") && body.has("expires_in")) {
            throw Rejection.badRequest("conflicting-fields", "give expiresIn or expires_in, not both");
        }
        long expiresIn =
                body.integer("expiresIn").or(() -> body.integer("expires_in")).orElse(DEFAULT_EXPIRES_IN);
        ClientAccessTokens.Minted minted = tokens.mint(
                apiToken.applicationId(),
                body.wordsOrStrings("sessionScope").orElse(List.of()),
                body.string("externalId"),
                expiresIn);
        metrics.issued("client-access");
        send(response, responses, minted, apiToken.applicationId());
    }

    static void send(ServerResponse response, JsonResponses responses, ClientAccessTokens.Minted minted, String app) {
        for (String warning : minted.warnings()) {
            LOG.warn("client access token for {} minted with warning {}", app, warning.split(":", 2)[0]);
        }
        if (!minted.warnings().isEmpty()) {
            // All at once: setting the header once per warning would keep only the last one.
            response.header("Tollgate-Warning", minted.warnings().toArray(String[]::new));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", minted.signed().token());
        body.put("token_type", "Bearer");
        body.put("expires_in", minted.expiresIn());
        body.put("scope", minted.scope());
        responses.sendSecret(response, 200, body);
    }
}
