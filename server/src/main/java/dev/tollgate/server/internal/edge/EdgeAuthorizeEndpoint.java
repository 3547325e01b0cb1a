package dev.tollgate.server.internal.edge;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.edge.AccessRequest;
import dev.tollgate.edge.Allowed;
import dev.tollgate.edge.Denied;
import dev.tollgate.edge.EdgePolicy;
import dev.tollgate.server.internal.access.Gates;
import dev.tollgate.server.internal.http.Endpoint;
import dev.tollgate.server.internal.http.JsonFields;
import dev.tollgate.server.internal.http.JsonResponses;
import dev.tollgate.server.internal.http.Rejection;
import dev.tollgate.server.internal.http.RequestBody;
import dev.tollgate.server.internal.http.Routes;
import dev.tollgate.server.internal.http.ServerRequest;
import dev.tollgate.server.internal.http.ServerResponse;
import dev.tollgate.server.internal.refs.TokenRefResolver;
import dev.tollgate.server.internal.usage.UsageEvent;
import dev.tollgate.server.internal.usage.UsageStore;
import dev.tollgate.token.Rejected;
import dev.tollgate.token.Verification;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /v1/edge/authorize}: the edge decision for media servers and edges that are not Java (the Java ones
 * embed {@code tollgate-edge}). Same body as {@code /v1/tokens/verify}, but {@code request} is required. Allowed:
 * 200 {@code {"decision":"allowed","applicationId","tags","capabilities"}} and one usage event recorded with the
 * token's applied tags. Denied: 403 {@code {"code":"<denial code>","message"}}, nothing recorded, the code in the log.
 * No trace: that is the explain endpoint's job, and an edge has no use for it.
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
    private final EdgePolicy policy;
    private final TokenRefResolver tokenRefs;
    private final UsageStore usage;
    private final JsonResponses responses;
    private final ObjectMapper mapper;
    private final Clock clock;

    EdgeAuthorizeEndpoint(
            Gates gates,
            EdgePolicy policy,
            TokenRefResolver tokenRefs,
            UsageStore usage,
            JsonResponses responses,
            ObjectMapper mapper,
            Clock clock) {
        this.gates = gates;
        this.policy = policy;
        this.tokenRefs = tokenRefs;
        this.usage = usage;
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
                .orElseThrow(() -> Rejection.badRequest("missing-field", "the field 'request' is required"));
        if (fields.has("at")) {
            throw Rejection.badRequest(
                    "invalid-value", "request.at is only for /v1/tokens/verify: the edge decides at the server's time");
        }
        // A URL that cannot carry the token (nginx-rtmp's 255 bytes) carries its reference; the token is then
        // verified in full as if it had been presented.
        String token = switch (tokenRefs.resolve(presented)) {
            case TokenRefResolver.Resolved resolved -> resolved.token();
            case TokenRefResolver.Unresolved unresolved ->
                throw Rejection.of(403, TokenRefResolver.UNKNOWN, "the edge refuses: " + TokenRefResolver.UNKNOWN)
                        .logDetail(unresolved.detail());
        };
        Instant now = clock.instant();
        Optional<String> applicationId = fields.string("applicationId").or(() -> AccessRequests.applicationOf(token));
        if (applicationId.isEmpty()) {
            // Not even an envelope: read the whole request anyway, for a stand-in application, so a malformed one is a
            // 400 whatever the token; then refuse the token.
            AccessRequests.read(fields, "unknown", now);
            Verification verification = policy.verifier().verify(token, now);
            throw Rejection.of(
                            403,
                            verification.code().code(),
                            "the edge refuses: " + verification.code().code())
                    .logDetail(verification instanceof Rejected rejected ? rejected.detail() : "no application");
        }
        AccessRequest access = AccessRequests.read(fields, applicationId.get(), now);
        switch (policy.decide(token, access)) {
            case Allowed allowed -> {
                // Recorded before answering: if the store fails, the edge gets a 503 and refuses (fail closed).
                usage.record(UsageEvent.authorized(access, allowed));
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("decision", "allowed");
                answer.put("applicationId", allowed.applicationId());
                answer.put("tags", allowed.applyTags());
                answer.put("capabilities", allowed.capabilities());
                responses.send(response, 200, answer);
            }
            case Denied denied ->
                throw Rejection.of(
                                403,
                                denied.code().code(),
                                "the edge refuses: " + denied.code().code())
                        .logDetail(denied.detail());
        }
    }
}
