package dev.tollgate.server.internal.issuance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.server.internal.access.ApiScopes;
import dev.tollgate.server.internal.access.Gates;
import dev.tollgate.server.internal.applications.Applications;
import dev.tollgate.server.internal.http.Endpoint;
import dev.tollgate.server.internal.http.ErrorCode;
import dev.tollgate.server.internal.http.JsonFields;
import dev.tollgate.server.internal.http.JsonResponses;
import dev.tollgate.server.internal.http.Metrics;
import dev.tollgate.server.internal.http.Rejection;
import dev.tollgate.server.internal.http.RequestBody;
import dev.tollgate.server.internal.http.Routes;
import dev.tollgate.server.internal.http.ServerRequest;
import dev.tollgate.server.internal.http.ServerResponse;
import dev.tollgate.server.internal.minting.EdgeTokenRequest;
import dev.tollgate.server.internal.minting.TokenLint;
import dev.tollgate.token.TokenBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/edge-tokens}: mints an EdgeAuth digest token signed with the application's current secret, for
 * customers without a token service of their own. Authenticated by Basic application credentials or an API token
 * holding {@code edge:token:create}. The body names every {@link dev.tollgate.token.TokenOptions} option; {@link
 * dev.tollgate.token.TokenOptions#applyTo} applies them in the reference CLI's order, as for {@code tollgate token create}, so the two
 * mint the same token byte for byte.
 *
 * <p>Mint-time checks: a token that cannot stream (stream or publish type without a designation) and a token that
 * is not URL-safe when {@code carrier} is {@code url} or {@code rtmp-url} are warned about; a token too long for an
 * RTMP URL (nginx-rtmp truncates name + query at 255 bytes) is refused. Thread-safe.
 */
final class EdgeTokenEndpoint implements Endpoint {
    private static final Logger LOG = LoggerFactory.getLogger(EdgeTokenEndpoint.class);

    static final long MAX_EXPIRES_IN_SECONDS = TokenLint.MAX_LIFETIME.toSeconds();

    private final Applications applications;
    private final Gates gates;
    private final JsonResponses responses;
    private final ObjectMapper mapper;
    private final Metrics metrics;
    private final java.time.Clock clock;

    EdgeTokenEndpoint(
            Applications applications,
            Gates gates,
            JsonResponses responses,
            ObjectMapper mapper,
            Metrics metrics,
            java.time.Clock clock) {
        this.applications = applications;
        this.gates = gates;
        this.responses = responses;
        this.mapper = mapper;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public void routes(Routes routes) {
        routes.post("/v1/edge-tokens", this::mint);
    }

    private void mint(ServerRequest request, ServerResponse response) {
        String applicationId = gates.actingApplication(request, ApiScopes.EDGE_TOKEN_CREATE);
        JsonFields body = JsonFields.of(RequestBody.jsonObject(request, mapper, false), EdgeTokenRequest.FIELDS);
        EdgeTokenRequest asked = EdgeTokenRequest.read(body, clock);
        if (asked.applicationId().isPresent() && !asked.applicationId().get().equals(applicationId)) {
            throw Rejection.of(403, ErrorCode.WRONG_APPLICATION, "the credentials belong to another application");
        }
        if (asked.lifetimeSeconds() < 1 || asked.lifetimeSeconds() > MAX_EXPIRES_IN_SECONDS) {
            throw Rejection.badRequest(
                    ErrorCode.INVALID_EXPIRES_IN,
                    "the token must expire between 1 second and " + MAX_EXPIRES_IN_SECONDS + " seconds from now");
        }
        String secret = applications
                .currentSecret(applicationId)
                .orElseThrow(() -> new IllegalStateException("application " + applicationId + " has no secret"));
        TokenBuilder builder = asked.builder(applicationId, secret, clock);
        String token = EdgeTokenRequest.build(builder);
        List<String> warnings = new ArrayList<>();
        if (asked.streamsOnly() && asked.designations().isEmpty()) {
            warnings.add("no-designation: a stream or publish token without channel, room or tag is refused by the"
                    + " edge for every stream");
        }
        String carrier = asked.carrier();
        if (carrier.equals("url") || carrier.equals("rtmp-url")) {
            if (TokenLint.isUrlUnsafe(token)) {
                warnings.add("not-url-safe: the token contains + / or =; percent-encode it in a URL"
                        + " (+ decodes to a space, / breaks ffmpeg's URL)");
            }
            if (carrier.equals("rtmp-url") && token.length() > TokenLint.MAX_RTMP_TOKEN_LENGTH) {
                throw Rejection.badRequest(
                        ErrorCode.TOKEN_TOO_LONG_FOR_CARRIER,
                        "the token is " + token.length() + " characters; nginx-rtmp truncates name and query at"
                                + " 255 bytes; pass it in a header or shorten the claims");
            }
        }
        metrics.issued("edge");
        warnings.forEach(w -> LOG.warn("edge token for {} minted with warning {}", applicationId, w.split(":", 2)[0]));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("token", token);
        answer.put("claims", claims(builder.value()));
        if (!warnings.isEmpty()) {
            answer.put("warnings", warnings);
        }
        responses.sendSecret(response, 200, answer);
    }

    private JsonNode claims(String json) {
        try {
            return mapper.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
