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
import dev.tollgate.token.TokenBuilder;
import dev.tollgate.token.TokenOptions;
import dev.tollgate.token.TokenType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/edge-tokens}: mints an EdgeAuth digest token signed with the application's current secret, for
 * customers without a token service of their own. Authenticated by Basic application credentials or an API token
 * holding {@code edge:token:create}. The body names every {@link TokenOptions} option; {@link
 * TokenOptions#applyTo} applies them in the reference CLI's order, as for {@code tollgate token create}, so the two
 * mint the same token byte for byte.
 *
 * <p>Mint-time checks: a token that cannot stream (stream or publish type without a designation) and a token that
 * is not URL-safe when {@code carrier} is {@code url} or {@code rtmp-url} are warned about; a token too long for an
 * RTMP URL (nginx-rtmp truncates name + query at 255 bytes) is refused. Thread-safe.
 */
final class EdgeTokenEndpoint implements Endpoint {
    private static final Logger LOG = LoggerFactory.getLogger(EdgeTokenEndpoint.class);

    /** One year: encoders keep publish tokens for long; beyond that a token is a password. */
    static final long MAX_EXPIRES_IN_SECONDS = 365L * 24 * 3600;
    /** nginx-rtmp caps stream name plus query at 255 bytes; {@code token=} and a short name must fit too. */
    static final int MAX_RTMP_TOKEN_LENGTH = 255 - "token=".length() - 1;

    private static final Set<String> FIELDS = Set.of(
            "applicationId",
            "expiresInSeconds",
            "expiresAt",
            "authenticationOnly",
            "streamingOnly",
            "publishingOnly",
            "capabilities",
            "sessionId",
            "remoteAddress",
            "originStreamId",
            "channel",
            "channelAlias",
            "room",
            "roomAlias",
            "tag",
            "applyTags",
            "uri",
            "allowCountries",
            "denyCountries",
            "allowPostalCodes",
            "denyPostalCodes",
            "carrier");

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
        String applicationId = gates.actingFor(request, ApiScopes.EDGE_TOKEN_CREATE);
        JsonFields body = JsonFields.of(RequestBody.jsonObject(request, mapper, false), FIELDS);
        Optional<String> named = body.string("applicationId");
        if (named.isPresent() && !named.get().equals(applicationId)) {
            throw Rejection.of(403, ErrorCode.WRONG_APPLICATION, "the credentials belong to another application");
        }
        String secret = applications
                .currentSecret(applicationId)
                .orElseThrow(() -> new IllegalStateException("application " + applicationId + " has no secret"));
        List<String> warnings = new ArrayList<>();
        TokenBuilder builder = builder(body, applicationId, secret, warnings);
        String token;
        try {
            token = builder.build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw Rejection.badRequest(ErrorCode.INVALID_VALUE, e.getMessage());
        }
        String carrier = body.string("carrier").orElse("header");
        switch (carrier) {
            case "header", "body" -> {}
            case "url", "rtmp-url" -> {
                if (token.contains("+") || token.contains("/") || token.contains("=")) {
                    warnings.add("not-url-safe: the token contains + / or =; percent-encode it in a URL"
                            + " (+ decodes to a space, / breaks ffmpeg's URL)");
                }
                if (carrier.equals("rtmp-url") && token.length() > MAX_RTMP_TOKEN_LENGTH) {
                    throw Rejection.badRequest(
                            ErrorCode.TOKEN_TOO_LONG_FOR_CARRIER,
                            "the token is " + token.length() + " characters; nginx-rtmp truncates name and query at"
                                    + " 255 bytes; pass it in a header or shorten the claims");
                }
            }
            default ->
                throw Rejection.badRequest(ErrorCode.INVALID_VALUE, "carrier must be header, body, url or rtmp-url");
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

    private TokenBuilder builder(JsonFields body, String applicationId, String secret, List<String> warnings) {
        TokenBuilder builder = new TokenBuilder()
                .withApplicationId(applicationId)
                .withSecret(secret)
                .withClock(clock);
        int types = (body.bool("authenticationOnly") ? 1 : 0)
                + (body.bool("streamingOnly") ? 1 : 0)
                + (body.bool("publishingOnly") ? 1 : 0);
        if (types > 1) {
            throw Rejection.badRequest(
                    ErrorCode.CONFLICTING_FIELDS,
                    "choose at most one of authenticationOnly, streamingOnly, publishingOnly");
        }
        List<String> designations = new ArrayList<>();
        for (String name : List.of("channel", "channelAlias", "room", "roomAlias", "tag")) {
            if (body.has(name)) {
                designations.add(name);
            }
        }
        if (designations.size() > 1) {
            // The token holds one requiredTag; the builder's "last call wins" would silently drop the others.
            throw Rejection.badRequest(
                    ErrorCode.CONFLICTING_FIELDS, "a token has one designation; got " + designations);
        }
        if (body.has("expiresAt") && body.has("expiresInSeconds")) {
            throw Rejection.badRequest(ErrorCode.CONFLICTING_FIELDS, "give expiresAt or expiresInSeconds, not both");
        }
        Optional<Long> expiresAt = body.integer("expiresAt");
        long expiresInSeconds = body.integer("expiresInSeconds").orElse(TokenOptions.DEFAULT_EXPIRES_IN_SECONDS);
        long lifetime = expiresAt.map(at -> (at - clock.millis()) / 1000).orElse(expiresInSeconds);
        if (lifetime < 1 || lifetime > MAX_EXPIRES_IN_SECONDS) {
            throw Rejection.badRequest(
                    ErrorCode.INVALID_EXPIRES_IN,
                    "the token must expire between 1 second and " + MAX_EXPIRES_IN_SECONDS + " seconds from now");
        }
        TokenOptions options = TokenOptions.builder()
                .uri(body.string("uri").orElse(null))
                .expiresAt(expiresAt.map(Instant::ofEpochMilli).orElse(null))
                .expiresInSeconds(expiresInSeconds)
                .type(type(body))
                .capabilities(body.strings("capabilities"))
                .allowCountries(body.strings("allowCountries"))
                .denyCountries(body.strings("denyCountries"))
                .allowPostalCodes(body.strings("allowPostalCodes"))
                .denyPostalCodes(body.strings("denyPostalCodes"))
                .sessionId(body.string("sessionId").orElse(null))
                .remoteAddress(body.string("remoteAddress").orElse(null))
                .originStreamId(body.string("originStreamId").orElse(null))
                .channel(body.string("channel").orElse(null))
                .channelAlias(body.string("channelAlias").orElse(null))
                .room(body.string("room").orElse(null))
                .roomAlias(body.string("roomAlias").orElse(null))
                .tag(body.string("tag").orElse(null))
                .applyTags(body.strings("applyTags"))
                .build();
        try {
            // The reference CLI's order, shared with tollgate token create: the same options, the same bytes.
            options.applyTo(builder);
        } catch (IllegalArgumentException e) {
            throw Rejection.badRequest(ErrorCode.INVALID_VALUE, e.getMessage());
        }
        boolean streams = body.bool("streamingOnly") || body.bool("publishingOnly");
        if (streams && designations.isEmpty()) {
            warnings.add("no-designation: a stream or publish token without channel, room or tag is refused by the"
                    + " edge for every stream");
        }
        return builder;
    }

    /** At most one of the type fields is true (checked before). */
    private static TokenType type(JsonFields body) {
        if (body.bool("authenticationOnly")) {
            return TokenType.AUTH;
        }
        if (body.bool("streamingOnly")) {
            return TokenType.STREAM;
        }
        return body.bool("publishingOnly") ? TokenType.PUBLISH : TokenType.EDGE;
    }

    private JsonNode claims(String json) {
        try {
            return mapper.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
