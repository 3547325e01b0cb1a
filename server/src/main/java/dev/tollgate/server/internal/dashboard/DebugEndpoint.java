package dev.tollgate.server.internal.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.edge.AccessRequest;
import dev.tollgate.edge.Action;
import dev.tollgate.edge.Decision;
import dev.tollgate.edge.GeoDatabase;
import dev.tollgate.edge.GeoLocation;
import dev.tollgate.edge.GeoLocator;
import dev.tollgate.edge.Target;
import dev.tollgate.server.internal.access.Gates;
import dev.tollgate.server.internal.decisions.DecisionView;
import dev.tollgate.server.internal.decisions.EdgeDecisions;
import dev.tollgate.server.internal.http.Endpoint;
import dev.tollgate.server.internal.http.ErrorCode;
import dev.tollgate.server.internal.http.JsonFields;
import dev.tollgate.server.internal.http.JsonResponses;
import dev.tollgate.server.internal.http.Rejection;
import dev.tollgate.server.internal.http.RequestBody;
import dev.tollgate.server.internal.http.Routes;
import dev.tollgate.server.internal.http.ServerRequest;
import dev.tollgate.server.internal.http.ServerResponse;
import dev.tollgate.server.internal.keys.JwtTokens;
import dev.tollgate.token.Decoded;
import dev.tollgate.token.DigestTokens;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /v1/dashboard/debug?applicationId=}: the token debugger. Body {@code {"token","simulate"?}}; any kind
 * of token the platform issues: a DIGEST token, a {@code tgr_} reference, an API token or a client access token. The
 * answer, as jwt.io reads a token: {@code kind}, the decoded parts ({@code envelope} or {@code header}, and {@code
 * claims}), {@code signature} ({@code verified}, the verification {@code code}, and {@code forApplication}: whether the
 * token belongs to the {@code applicationId} asked about), and with {@code simulate} ({@code {"action",
 * "channelId"|"channelAlias"|"roomId"|"roomAlias", "remoteAddress", "sessionId", "country"}}) the edge's decision for that access
 * with its ordered trace, reason code and the location database that answered ({@link DecisionView}, as {@code
 * /v1/tokens/verify} answers).
 *
 * <p>Application-scoped as every dashboard API is ({@link Gates#actingApplication(ServerRequest, String)}: the application's credentials, or the admin
 * credential or a session that reaches the application named by {@code applicationId}). The answer shows only what
 * the token's holder can decode and why the platform would refuse it, a reference is never turned back into its
 * token, and nothing is recorded (a simulation is not an access). Thread-safe.
 */
final class DebugEndpoint implements Endpoint {
    private static final Set<String> FIELDS = Set.of("token", "simulate");
    private static final Set<String> SIMULATE_FIELDS = Set.of(
            "action", "channelId", "channelAlias", "roomId", "roomAlias", "remoteAddress", "sessionId", "country");
    /** Names the simulated answer wherever the trace names the database that answered. */
    static final GeoDatabase SIMULATED =
            new GeoDatabase("the debugger's simulated country", "simulated", Instant.EPOCH, false);
    /** The address a simulated country is given to when the simulation names none (RFC 5737 TEST-NET-1). */
    static final String SIMULATED_ADDRESS = "192.0.2.1";

    private final Gates gates;
    private final EdgeDecisions decisions;
    private final JwtTokens jwts;
    private final JsonResponses responses;
    private final ObjectMapper mapper;
    private final Clock clock;

    DebugEndpoint(
            Gates gates,
            EdgeDecisions decisions,
            JwtTokens jwts,
            JsonResponses responses,
            ObjectMapper mapper,
            Clock clock) {
        this.gates = gates;
        this.decisions = decisions;
        this.jwts = jwts;
        this.responses = responses;
        this.mapper = mapper;
        this.clock = clock;
    }

    @Override
    public void routes(Routes routes) {
        routes.post("/v1/dashboard/debug", this::debug);
    }

    private void debug(ServerRequest request, ServerResponse response) {
        // The application's own credentials, or an operator (the admin credential, a session) that reaches it; no API
        // token (null: no scope lets one debug), and applicationId is the only parameter.
        Optional<String> applicationId = Optional.of(gates.actingApplication(request, null));
        JsonFields body = JsonFields.of(RequestBody.jsonObject(request, mapper, false), FIELDS);
        String token = body.requiredString("token").strip();
        Optional<JsonFields> simulate = body.object("simulate", SIMULATE_FIELDS);
        Map<String, Object> answer = new LinkedHashMap<>();
        if (DigestTokens.isDigestToken(token) || token.startsWith("tgr_")) {
            edgeToken(token, applicationId, simulate, answer);
        } else if (token.chars().filter(c -> c == '.').count() == 2) {
            jwt(token, applicationId, answer);
            simulate.ifPresent(ignored -> answer.put(
                    "simulationNote",
                    "a JWT opens sessions (POST /v1/sessions); the edge's decision is simulated for EdgeAuth tokens"));
        } else {
            answer.put("kind", "unknown");
            answer.put(
                    "signature",
                    signature(
                            false,
                            "not-a-token",
                            Optional.empty(),
                            applicationId,
                            "not a DIGEST token, tgr_" + " reference or JWT"));
        }
        // The claims of a token are as private as the token: no cache keeps them.
        responses.sendSecret(response, 200, answer);
    }

    private void edgeToken(
            String token, Optional<String> applicationId, Optional<JsonFields> simulate, Map<String, Object> answer) {
        boolean reference = token.startsWith("tgr_");
        answer.put("kind", reference ? "token-ref" : "digest");
        if (!reference && DigestTokens.decodeUnverified(token) instanceof Decoded decoded) {
            // Shown whether or not the digest verifies, as jwt.io shows a payload: the holder can decode it anyway.
            Map<String, Object> envelope = new LinkedHashMap<>();
            envelope.put("applicationId", decoded.applicationId());
            envelope.put("digest", decoded.digest());
            answer.put("envelope", envelope);
            answer.put("claims", tree(decoded.claims().json()));
        }
        Decision verified = decisions.verify(token, clock.instant());
        Map<String, Object> view = DecisionView.of(verified, mapper);
        Optional<String> owner = verified.authentic().map(authentic -> authentic.applicationId());
        if (view.containsKey("claims")) {
            answer.put("claims", view.get("claims"));
        }
        String code = verified.authentic().isPresent() && view.get("code").equals("allowed")
                ? "verified"
                : String.valueOf(view.get("code"));
        answer.put(
                "signature",
                signature(
                        code.equals("verified"),
                        code,
                        owner,
                        applicationId,
                        ((List<?>) view.get("trace")).isEmpty() ? "" : traceDetail(view)));
        answer.put("verification", view);
        simulate.ifPresent(
                fields -> answer.put("simulation", DecisionView.of(simulate(token, fields, applicationId), mapper)));
    }

    private void jwt(String token, Optional<String> applicationId, Map<String, Object> answer) {
        String[] parts = token.split("\\.", -1);
        JsonNode header = base64UrlJson(parts[0]);
        JsonNode claims = base64UrlJson(parts[1]);
        if (header == null || claims == null) {
            answer.put("kind", "unknown");
            answer.put(
                    "signature",
                    signature(false, "malformed-token", Optional.empty(), applicationId, "not a readable JWT"));
            return;
        }
        String audience = audience(claims);
        answer.put(
                "kind",
                JwtTokens.API_AUDIENCE.equals(audience)
                        ? "api-token"
                        : JwtTokens.CLIENT_AUDIENCE.equals(audience) ? "client-access-token" : "jwt");
        answer.put("header", header);
        answer.put("claims", claims);
        JwtTokens.Check check = jwts.verify(token, audience == null ? JwtTokens.API_AUDIENCE : audience);
        Map<String, Object> signature = switch (check) {
            case JwtTokens.Valid valid ->
                signature(
                        true,
                        "verified",
                        Optional.ofNullable(valid.applicationId()),
                        applicationId,
                        "signed by this server's key " + header.path("kid").asText());
            case JwtTokens.Invalid invalid ->
                signature(
                        false,
                        invalid.code(),
                        Optional.ofNullable(claims.path("sub").textValue()),
                        applicationId,
                        switch (invalid.code()) {
                            case "expired" -> "the signature is the server's, but the token has expired";
                            case "unknown-key" -> "signed by a key this server does not publish";
                            case "bad-signature" -> "the signature does not match the token's contents";
                            default -> "the server does not accept this token: " + invalid.code();
                        });
        };
        answer.put("signature", signature);
    }

    private static Map<String, Object> signature(
            boolean verified, String code, Optional<String> owner, Optional<String> asked, String detail) {
        Map<String, Object> signature = new LinkedHashMap<>();
        signature.put("verified", verified);
        signature.put("code", code);
        owner.ifPresent(id -> signature.put("applicationId", id));
        signature.put("forApplication", asked.isEmpty() ? null : verified && owner.equals(asked));
        signature.put("detail", detail);
        return signature;
    }

    private static String traceDetail(Map<String, Object> view) {
        List<?> trace = (List<?>) view.get("trace");
        Object last = trace.get(trace.size() - 1);
        return last instanceof Map<?, ?> check ? String.valueOf(check.get("detail")) : "";
    }

    /**
     * The decision for the simulated access; with {@code country}, every address is located there by a database named
     * {@link #SIMULATED}, so that the trace says the answer was pretended.
     */
    private Decision simulate(String token, JsonFields fields, Optional<String> applicationId) {
        Optional<String> country = fields.string("country").map(c -> c.strip().toUpperCase(java.util.Locale.ROOT));
        if (country.isEmpty() || country.get().isEmpty()) {
            return decisions.decide(token, access(fields, applicationId, Optional.empty()));
        }
        GeoLocation there;
        try {
            there = new GeoLocation(country.get(), Optional.empty(), SIMULATED);
        } catch (IllegalArgumentException e) {
            throw Rejection.badRequest(
                    ErrorCode.INVALID_VALUE, "simulate.country must be an ISO 3166-1 alpha-2 code or ??");
        }
        GeoLocator locator = new GeoLocator() {
            @Override
            public GeoLocation lookup(InetAddress address) {
                return there;
            }

            @Override
            public GeoDatabase database() {
                return SIMULATED;
            }
        };
        return decisions
                .withGeoLocator(locator)
                .decide(token, access(fields, applicationId, Optional.of(SIMULATED_ADDRESS)));
    }

    /** The access to simulate; the target's owner is the application asked about. */
    private AccessRequest access(JsonFields fields, Optional<String> applicationId, Optional<String> defaultAddress) {
        Action action = Action.fromWire(fields.requiredString("action"))
                .orElseThrow(() -> Rejection.badRequest(
                        ErrorCode.INVALID_VALUE, "simulate.action must be authenticate, subscribe or publish"));
        List<Target> targets = new ArrayList<>();
        fields.string("channelId").ifPresent(id -> targets.add(Target.channel(id)));
        fields.string("channelAlias").ifPresent(alias -> targets.add(Target.channelByAlias(alias)));
        fields.string("roomId").ifPresent(id -> targets.add(Target.room(id)));
        fields.string("roomAlias").ifPresent(alias -> targets.add(Target.roomByAlias(alias)));
        if (targets.size() > 1) {
            throw Rejection.badRequest(
                    ErrorCode.CONFLICTING_FIELDS, "simulate one target: channelId, channelAlias, roomId or roomAlias");
        }
        try {
            AccessRequest.Builder builder =
                    AccessRequest.builder().action(action).time(clock.instant());
            targets.forEach(builder::target);
            applicationId.ifPresent(builder::applicationId);
            fields.string("remoteAddress")
                    .filter(a -> !a.isBlank())
                    .or(() -> defaultAddress)
                    .ifPresent(builder::remoteAddress);
            fields.string("sessionId").filter(s -> !s.isBlank()).ifPresent(builder::sessionId);
            return builder.build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw Rejection.badRequest(ErrorCode.INVALID_VALUE, e.getMessage());
        }
    }

    private static String audience(JsonNode claims) {
        JsonNode aud = claims.path("aud");
        if (aud.isTextual()) {
            return aud.asText();
        }
        if (aud.isArray() && aud.size() > 0 && aud.get(0).isTextual()) {
            return aud.get(0).asText();
        }
        return null;
    }

    private JsonNode base64UrlJson(String part) {
        try {
            JsonNode node = mapper.readTree(new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8));
            return node != null && node.isObject() ? node : null;
        } catch (IllegalArgumentException | IOException e) {
            return null;
        }
    }

    private JsonNode tree(String json) {
        try {
            return mapper.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("claims that parsed once no longer parse", e);
        }
    }
}
