package dev.tollgate.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.edge.AccessRequest;
import dev.tollgate.edge.Action;
import dev.tollgate.edge.Allowed;
import dev.tollgate.edge.Check;
import dev.tollgate.edge.Decision;
import dev.tollgate.edge.Denied;
import dev.tollgate.edge.EdgePolicy;
import dev.tollgate.edge.Target;
import dev.tollgate.token.Claims;
import dev.tollgate.token.Decoded;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
public final class TokenVerifyEndpoint implements Endpoint {
    private static final Logger LOG = LoggerFactory.getLogger(TokenVerifyEndpoint.class);
    // Package-private: EdgeAuthorizeEndpoint takes the same body.
    static final Set<String> FIELDS = Set.of("token", "request");
    static final Set<String> REQUEST_FIELDS =
            Set.of("action", "applicationId", "channel", "room", "stream", "remoteAddress", "sessionId", "at");
    private static final Set<String> NAMED_TARGET_FIELDS = Set.of("id", "alias");
    private static final Set<String> STREAM_FIELDS = Set.of("id", "tags");

    private final EdgePolicy policy;
    private final Applications applications;
    private final TokenRefResolver tokenRefs;
    private final JsonResponses responses;
    private final ObjectMapper mapper;
    private final Clock clock;

    public TokenVerifyEndpoint(
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
        JsonFields body = JsonFields.of(RequestBody.jsonObject(request, mapper, false), FIELDS);
        Optional<JsonFields> access = body.object("request", REQUEST_FIELDS);
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
        Optional<String> applicationId = fields.string("applicationId").or(() -> applicationOf(token));
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
        decision = policy.decide(token, accessRequest(fields, applicationId.get(), at));
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

    /** The access request in {@code request}; shared with {@link EdgeAuthorizeEndpoint}. */
    static AccessRequest accessRequest(JsonFields fields, String applicationId, Instant at) {
        String action = fields.requiredString("action");
        AccessRequest.Builder builder =
                AccessRequest.builder().applicationId(applicationId).time(at);
        switch (action) {
            case "authenticate" -> builder.action(Action.AUTHENTICATE);
            case "subscribe" -> builder.action(Action.SUBSCRIBE);
            case "publish" -> builder.action(Action.PUBLISH);
            default ->
                throw Rejection.badRequest(
                        "invalid-value", "request.action must be authenticate, subscribe or publish");
        }
        List<Target> targets = new ArrayList<>();
        try {
            fields.object("channel", NAMED_TARGET_FIELDS).ifPresent(channel -> targets.add(channel(channel)));
            fields.object("room", NAMED_TARGET_FIELDS).ifPresent(room -> targets.add(room(room)));
            fields.object("stream", STREAM_FIELDS)
                    .ifPresent(stream -> targets.add(Target.originStream(
                            stream.requiredString("id"), new LinkedHashSet<>(stream.strings("tags")))));
            if (targets.size() > 1) {
                throw Rejection.badRequest("conflicting-fields", "give one of request.channel, room or stream");
            }
            targets.forEach(builder::target);
            fields.string("remoteAddress").ifPresent(builder::remoteAddress);
            fields.string("sessionId").ifPresent(builder::sessionId);
            return builder.build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw Rejection.badRequest("invalid-value", e.getMessage());
        }
    }

    /** A channel by ID, by alias, or by both: the shape is {@code {"id","alias"}}, and either may be unknown. */
    private static Target channel(JsonFields channel) {
        Optional<String> id = channel.string("id");
        Optional<String> alias = channel.string("alias");
        if (id.isPresent()) {
            return alias.isPresent() ? Target.channel(id.get(), alias.get()) : Target.channel(id.get());
        }
        return Target.channelByAlias(
                alias.orElseThrow(() -> Rejection.badRequest("missing-field", "request.channel needs id or alias")));
    }

    private static Target room(JsonFields room) {
        Optional<String> id = room.string("id");
        Optional<String> alias = room.string("alias");
        if (id.isPresent()) {
            return alias.isPresent() ? Target.room(id.get(), alias.get()) : Target.room(id.get());
        }
        return Target.roomByAlias(
                alias.orElseThrow(() -> Rejection.badRequest("missing-field", "request.room needs id or alias")));
    }

    static Optional<String> applicationOf(String token) {
        return DigestTokens.decodeUnverified(token) instanceof Decoded decoded
                ? Optional.of(decoded.applicationId())
                : Optional.empty();
    }

    /**
     * The claims of an authentic but refused token, expired or not (its claims explain the refusal); the decision
     * itself does not carry them.
     */
    private Optional<Claims> claims(String token) {
        Optional<String> applicationId = applicationOf(token);
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
