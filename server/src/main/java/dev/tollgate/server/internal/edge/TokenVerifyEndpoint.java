package dev.tollgate.server.internal.edge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.edge.Allowed;
import dev.tollgate.edge.Check;
import dev.tollgate.edge.Decision;
import dev.tollgate.edge.Denied;
import dev.tollgate.edge.EdgePolicy;
import dev.tollgate.server.internal.applications.Applications;
import dev.tollgate.server.internal.http.Endpoint;
import dev.tollgate.server.internal.http.JsonFields;
import dev.tollgate.server.internal.http.JsonResponses;
import dev.tollgate.server.internal.http.RequestBody;
import dev.tollgate.server.internal.http.Routes;
import dev.tollgate.server.internal.http.ServerRequest;
import dev.tollgate.server.internal.http.ServerResponse;
import dev.tollgate.server.internal.refs.TokenRefResolver;
import dev.tollgate.token.Claims;
import dev.tollgate.token.DigestTokens;
import dev.tollgate.token.Rejected;
import dev.tollgate.token.Verification;
import dev.tollgate.token.Verified;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/tokens/verify}: the "explain" view of the edge decision. Body {@code {"token","request":{...}}};
 * without {@code request} only the token is verified. The secret is looked up by the token's application ID among the
 * registered applications. Answer {@code {"decision","code","trace","claims","location"}}.
 *
 * <p>Unauthenticated, like the edge itself: the token proves itself, and the answer shows only what the token's
 * holder can already decode (its claims), plus why the platform would refuse it. It has no side effect: it records no
 * usage (an explanation is not an access; {@link EdgeAuthorizeEndpoint} is the one that records). Thread-safe.
 */
final class TokenVerifyEndpoint implements Endpoint {
    private static final Logger LOG = LoggerFactory.getLogger(TokenVerifyEndpoint.class);

    private final EdgePolicy policy;
    private final Applications applications;
    private final TokenRefResolver tokenRefs;
    private final JsonResponses responses;
    private final ObjectMapper mapper;
    private final Clock clock;

    TokenVerifyEndpoint(
            EdgePolicy policy,
            Applications applications,
            TokenRefResolver tokenRefs,
            JsonResponses responses,
            ObjectMapper mapper,
            Clock clock) {
        this.policy = policy;
        this.applications = applications;
        this.tokenRefs = tokenRefs;
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
        Map<String, Object> answer = new LinkedHashMap<>();
        String token;
        switch (tokenRefs.resolve(body.requiredString("token"))) {
            case TokenRefResolver.Resolved resolved -> token = resolved.token();
            case TokenRefResolver.Unresolved unresolved -> {
                // Refused like a token that fails verification: a denial with its own code, never an error status.
                answer.put("decision", "denied");
                answer.put("code", TokenRefResolver.UNKNOWN);
                answer.put("trace", List.of(trace("token-ref", "fail", "unknown or expired token reference")));
                LOG.info("verify: {}", unresolved.detail());
                responses.send(response, 200, answer);
                return;
            }
        }
        if (access.isEmpty()) {
            Verification verification = policy.verifier().verify(token, clock.instant());
            boolean verified = verification instanceof Verified;
            answer.put("decision", verified ? "allowed" : "denied");
            // One vocabulary with or without a request: "allowed", or the code of what refused the token.
            answer.put("code", verified ? "allowed" : verification.code().code());
            answer.put(
                    "trace",
                    List.of(trace(
                            "token",
                            verified ? "pass" : "fail",
                            verification instanceof Rejected rejected ? rejected.detail() : "digest verified")));
            (verification instanceof Verified authentic ? Optional.of(authentic.claims()) : claims(token))
                    .ifPresent(claims -> answer.put("claims", json(claims.json())));
            responses.send(response, 200, answer);
            return;
        }
        JsonFields fields = access.get();
        Instant at = fields.integer("at").map(Instant::ofEpochMilli).orElseGet(clock::instant);
        Optional<String> applicationId = fields.string("applicationId").or(() -> AccessRequests.applicationOf(token));
        Decision decision;
        if (applicationId.isEmpty()) {
            // Not even an envelope: nothing to apply a policy to; the token check alone decides.
            Verification verification = policy.verifier().verify(token, at);
            answer.put("decision", "denied");
            answer.put("code", verification.code().code());
            answer.put(
                    "trace",
                    List.of(trace(
                            "token",
                            "fail",
                            verification instanceof Rejected rejected ? rejected.detail() : "not verified")));
            responses.send(response, 200, answer);
            return;
        }
        decision = policy.decide(token, AccessRequests.read(fields, applicationId.get(), at));
        switch (decision) {
            case Allowed allowed -> {
                answer.put("decision", "allowed");
                answer.put("code", "allowed");
            }
            case Denied denied -> {
                answer.put("decision", "denied");
                answer.put("code", denied.code().code());
            }
        }
        List<Map<String, String>> trace = new ArrayList<>();
        for (Check check : decision.trace()) {
            trace.add(trace(check.name(), check.outcome().name().toLowerCase(Locale.ROOT), check.detail()));
        }
        answer.put("trace", trace);
        // An allowed decision carries the verified claims; only a refusal needs the token checked again.
        (decision instanceof Allowed allowed ? Optional.of(allowed.claims()) : claims(token))
                .ifPresent(claims -> answer.put("claims", json(claims.json())));
        decision.location().ifPresent(location -> {
            Map<String, String> where = new LinkedHashMap<>();
            where.put("country", location.country());
            location.postalCode().ifPresent(code -> where.put("postalCode", code));
            where.put("database", location.database().toString());
            answer.put("location", where);
        });
        responses.send(response, 200, answer);
    }

    /**
     * The claims of an authentic but refused token, expired or not (its claims explain the refusal); the decision
     * itself does not carry them.
     */
    private Optional<Claims> claims(String token) {
        Optional<String> applicationId = AccessRequests.applicationOf(token);
        if (applicationId.isEmpty()) {
            return Optional.empty();
        }
        for (String secret : applications.secretsFor(applicationId.get())) {
            if (DigestTokens.verifyAndDecode(secret, token) instanceof Verified verified) {
                return Optional.of(verified.claims());
            }
        }
        return Optional.empty();
    }

    private static Map<String, String> trace(String check, String outcome, String detail) {
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("check", check);
        entry.put("outcome", outcome);
        entry.put("detail", detail);
        return entry;
    }

    private JsonNode json(String text) {
        try {
            return mapper.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
