package dev.tollgate.server.internal.issuance;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.server.internal.access.Gates;
import dev.tollgate.server.internal.applications.ApplicationPath;
import dev.tollgate.server.internal.applications.Applications;
import dev.tollgate.server.internal.http.Endpoint;
import dev.tollgate.server.internal.http.JsonFields;
import dev.tollgate.server.internal.http.JsonResponses;
import dev.tollgate.server.internal.http.Metrics;
import dev.tollgate.server.internal.http.RequestBody;
import dev.tollgate.server.internal.http.Routes;
import dev.tollgate.server.internal.http.ServerRequest;
import dev.tollgate.server.internal.http.ServerResponse;
import java.util.List;
import java.util.Set;

/**
 * {@code POST /v1/admin/applications/{id}/client-access-token}: the seed's dashboard token, a client access token
 * for the application that expires after 12 hours, for developers without a backend. Optional body {@code
 * {"sessionScope","externalId"}}; answer as {@code /v2/client-access-token}.
 *
 * <p>Thread-safe.
 */
final class DashboardTokenEndpoint implements Endpoint {
    /** The seed: "This token automatically expires after 12 hours." */
    static final long LIFETIME_SECONDS = 12 * 3600;

    private static final Set<String> FIELDS = Set.of("sessionScope", "externalId");

    private final Gates gates;
    private final Applications applications;
    private final ClientAccessTokens tokens;
    private final JsonResponses responses;
    private final ObjectMapper mapper;
    private final Metrics metrics;

    DashboardTokenEndpoint(
            Gates gates,
            Applications applications,
            ClientAccessTokens tokens,
            JsonResponses responses,
            ObjectMapper mapper,
            Metrics metrics) {
        this.gates = gates;
        this.applications = applications;
        this.tokens = tokens;
        this.responses = responses;
        this.mapper = mapper;
        this.metrics = metrics;
    }

    @Override
    public void routes(Routes routes) {
        routes.post("/v1/admin/applications/{id}/client-access-token", this::issue);
    }

    private void issue(ServerRequest request, ServerResponse response) {
        String id = gates.requireAdministered(gates.requireOperator(request), ApplicationPath.id(request))
                .id();
        JsonFields body = JsonFields.of(RequestBody.jsonObject(request, mapper, true), FIELDS);
        ClientAccessTokens.Minted minted = tokens.mint(
                id, body.wordsOrStrings("sessionScope").orElse(List.of()), body.string("externalId"), LIFETIME_SECONDS);
        metrics.issued("dashboard");
        ClientAccessTokens.send(response, responses, minted, id);
    }
}
