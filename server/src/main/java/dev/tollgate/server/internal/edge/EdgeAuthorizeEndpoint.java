package dev.tollgate.server.internal.edge;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.edge.AccessRequest;
import dev.tollgate.edge.Allowed;
import dev.tollgate.edge.Denied;
import dev.tollgate.server.internal.access.Gates;
import dev.tollgate.server.internal.decisions.EdgeDecisions;
import dev.tollgate.server.internal.decisions.Refusals;
import dev.tollgate.server.internal.http.Endpoint;
import dev.tollgate.server.internal.http.ErrorCode;
import dev.tollgate.server.internal.http.JsonFields;
import dev.tollgate.server.internal.http.JsonResponses;
import dev.tollgate.server.internal.http.Rejection;
import dev.tollgate.server.internal.http.RequestBody;
import dev.tollgate.server.internal.http.Routes;
import dev.tollgate.server.internal.http.ServerRequest;
import dev.tollgate.server.internal.http.ServerResponse;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /v1/edge/authorize}: the edge decision for media servers and edges that are not Java (the Java ones
 * embed {@code tollgate-edge}). Same body as {@code /v1/tokens/verify}, but {@code request} is required. Allowed:
 * 200 {@code {"decision":"allowed","applicationId","tags","capabilities"}} and one usage event recorded with the
 * token's applied tags. Denied: {@link Refusals} ({@code 401} for a token refused as such, {@code 403} for an
 * authentic one refused), {@code {"code":"<denial code>","message"}}, nothing recorded, the detail in the log. No
 * trace: that is the explain endpoint's job, and an edge has no use for it.
 *
 * <p>The caller is the edge, and proves it with the edge credential ({@code Authorization: Bearer tge_...}, {@link
 * Gates#requireEdge}), checked before the body is read: every allow writes usage rows, so a viewer holding only an
 * EdgeAuth token must not be able to call it and inflate the report. The token in the body then proves the viewer.
 * Because a call records usage, the decision is always made at the server's time ({@code request.at} is refused), so
 * an expired token cannot be replayed into the report. If the event cannot be stored the answer is 503 {@code
 * store-unavailable}, never an allow that went unrecorded: an edge that gets no 200 refuses. Thread-safe.
 */
final class EdgeAuthorizeEndpoint implements Endpoint {
    private final Gates gates;
    private final EdgeDecisions decisions;
    private final JsonResponses responses;
    private final ObjectMapper mapper;
    private final Clock clock;

    EdgeAuthorizeEndpoint(
            Gates gates, EdgeDecisions decisions, JsonResponses responses, ObjectMapper mapper, Clock clock) {
        this.gates = gates;
        this.decisions = decisions;
        this.responses = responses;
        this.mapper = mapper;
        this.clock = clock;
    }

    @Override
    public void routes(Routes routes) {
        routes.post("/v1/edge/authorize", this::authorize);
    }

    private void authorize(ServerRequest request, ServerResponse response) {
        gates.requireEdge(request);
        JsonFields body = JsonFields.of(RequestBody.jsonObject(request, mapper, false), AccessRequests.FIELDS);
        String presented = body.requiredString("token");
        JsonFields fields = body.object("request", AccessRequests.REQUEST_FIELDS)
                .orElseThrow(() -> Rejection.badRequest(ErrorCode.MISSING_FIELD, "the field 'request' is required"));
        if (fields.has("at")) {
            throw Rejection.badRequest(
                    ErrorCode.INVALID_VALUE,
                    "request.at is only for /v1/tokens/verify: the edge decides at the server's time");
        }
        // Read in full before the token is looked at, so a malformed request is a 400 whatever the token.
        AccessRequest access = AccessRequests.read(fields, clock.instant());
        switch (decisions.authorize(presented, access)) {
            case Allowed allowed -> {
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("decision", "allowed");
                answer.put("applicationId", allowed.applicationId());
                answer.put("tags", allowed.applyTags());
                answer.put("capabilities", allowed.capabilities());
                responses.send(response, 200, answer);
            }
            case Denied denied -> throw Refusals.of(denied, "the edge refuses");
        }
    }
}
