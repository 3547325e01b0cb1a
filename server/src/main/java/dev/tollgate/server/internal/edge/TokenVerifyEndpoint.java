package dev.tollgate.server.internal.edge;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.edge.Decision;
import dev.tollgate.edge.Denied;
import dev.tollgate.server.internal.decisions.DecisionView;
import dev.tollgate.server.internal.decisions.EdgeDecisions;
import dev.tollgate.server.internal.http.Endpoint;
import dev.tollgate.server.internal.http.JsonFields;
import dev.tollgate.server.internal.http.JsonResponses;
import dev.tollgate.server.internal.http.RequestBody;
import dev.tollgate.server.internal.http.Routes;
import dev.tollgate.server.internal.http.ServerRequest;
import dev.tollgate.server.internal.http.ServerResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/tokens/verify}: the "explain" view of the edge decision. Body {@code {"token","request":{...}}};
 * without {@code request} only the token is verified. The secret is looked up by the token's application ID among the
 * registered applications. Answer {@code 200 {"decision","code","trace","claims","location"}}, a refusal included:
 * the answer is an explanation, not the decision itself.
 *
 * <p>The target's owner is {@code request.applicationId} when the caller names it; when it does not, the seed's
 * application rule is not checked and the trace says so — the token's own application is never taken for the owner.
 *
 * <p>Unauthenticated, like the edge itself: the token proves itself, and the answer shows only what the token's
 * holder can already decode (its claims, when its digest verified), plus why the platform would refuse it. It has no
 * side effect: it records no usage (an explanation is not an access; {@link EdgeAuthorizeEndpoint} is the one that
 * records). Thread-safe.
 */
final class TokenVerifyEndpoint implements Endpoint {
    private static final Logger LOG = LoggerFactory.getLogger(TokenVerifyEndpoint.class);

    private final EdgeDecisions decisions;
    private final JsonResponses responses;
    private final ObjectMapper mapper;
    private final Clock clock;

    TokenVerifyEndpoint(EdgeDecisions decisions, JsonResponses responses, ObjectMapper mapper, Clock clock) {
        this.decisions = decisions;
        this.responses = responses;
        this.mapper = mapper;
        this.clock = clock;
    }

    @Override
    public void routes(Routes routes) {
        routes.post("/v1/tokens/verify", this::verify);
    }

    private void verify(ServerRequest request, ServerResponse response) {
        JsonFields body = JsonFields.of(RequestBody.jsonObject(request, mapper, false), AccessRequests.FIELDS);
        Optional<JsonFields> access = body.object("request", AccessRequests.REQUEST_FIELDS);
        String token = body.requiredString("token");
        Decision decision;
        if (access.isEmpty()) {
            decision = decisions.verify(token, clock.instant());
        } else {
            JsonFields fields = access.get();
            Instant at = fields.integer("at").map(Instant::ofEpochMilli).orElseGet(clock::instant);
            decision = decisions.decide(token, AccessRequests.read(fields, at));
        }
        if (decision instanceof Denied denied) {
            LOG.debug("verify: {}: {}", denied.code(), denied.detail());
        }
        Map<String, Object> answer = DecisionView.of(decision, mapper);
        responses.send(response, 200, answer);
    }
}
