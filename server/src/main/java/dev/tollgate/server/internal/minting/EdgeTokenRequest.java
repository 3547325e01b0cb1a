package dev.tollgate.server.internal.minting;

import dev.tollgate.server.internal.http.ErrorCode;
import dev.tollgate.server.internal.http.JsonFields;
import dev.tollgate.server.internal.http.Rejection;
import dev.tollgate.token.TokenBuilder;
import dev.tollgate.token.TokenOptions;
import dev.tollgate.token.TokenType;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The EdgeAuth options of a JSON body, as {@code POST /v1/edge-tokens} takes them and the dashboard's linter reads
 * them: one reading, so that what the studio lints is what the API mints. The shape is checked here (at most one
 * type, one designation, not both expiries, a known carrier); the lifetime's range is left to the caller, since the
 * minting endpoint refuses what the linter reports as a finding.
 *
 * <p>Immutable and thread-safe.
 *
 * @param applicationId the body's {@code applicationId}, when it names one
 * @param options the builder options, in the reference CLI's order when applied
 * @param designations the designation fields given ({@code channel} … {@code tag}), at most one
 * @param carrier {@code header} (default), {@code body}, {@code url} or {@code rtmp-url}
 * @param lifetimeSeconds seconds from now to the expiry (negative when the expiry is past)
 */
public record EdgeTokenRequest(
        Optional<String> applicationId,
        TokenOptions options,
        List<String> designations,
        String carrier,
        long lifetimeSeconds) {
    /** The fields of the body. */
    public static final Set<String> FIELDS = Set.of(
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

    /** The carriers a token may be meant for. */
    public static final List<String> CARRIERS = List.of("header", "body", "url", "rtmp-url");

    private static final List<String> DESIGNATIONS = List.of("channel", "channelAlias", "room", "roomAlias", "tag");

    public EdgeTokenRequest {
        designations = List.copyOf(designations);
    }

    /**
     * Reads {@code body} (already limited to {@link #FIELDS}); relative expiries are resolved against {@code clock}.
     *
     * @throws Rejection 400 {@code conflicting-fields} for two types, two designations or both expiries, {@code
     *     invalid-value} for an unknown carrier
     */
    public static EdgeTokenRequest read(JsonFields body, Clock clock) {
        int types = (body.bool("authenticationOnly") ? 1 : 0)
                + (body.bool("streamingOnly") ? 1 : 0)
                + (body.bool("publishingOnly") ? 1 : 0);
        if (types > 1) {
            throw Rejection.badRequest(
                    ErrorCode.CONFLICTING_FIELDS,
                    "choose at most one of authenticationOnly, streamingOnly, publishingOnly");
        }
        List<String> designations = new ArrayList<>();
        for (String name : DESIGNATIONS) {
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
        String carrier = body.string("carrier").orElse("header");
        if (!CARRIERS.contains(carrier)) {
            throw Rejection.badRequest(ErrorCode.INVALID_VALUE, "carrier must be header, body, url or rtmp-url");
        }
        Optional<Long> expiresAt = body.integer("expiresAt");
        long expiresInSeconds = body.integer("expiresInSeconds").orElse(TokenOptions.DEFAULT_EXPIRES_IN_SECONDS);
        long lifetime =
                expiresAt.map(at -> Math.floorDiv(at - clock.millis(), 1000)).orElse(expiresInSeconds);
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
        return new EdgeTokenRequest(body.string("applicationId"), options, designations, carrier, lifetime);
    }

    /**
     * A builder for the token of {@code applicationId} signed with {@code secret}, the options applied in the reference
     * CLI's order (shared with {@code tollgate token create}: the same options, the same bytes).
     *
     * @throws Rejection 400 {@code invalid-value} for an option the builder refuses (a malformed country code)
     */
    public TokenBuilder builder(String applicationId, String secret, Clock clock) {
        TokenBuilder builder = new TokenBuilder()
                .withApplicationId(applicationId)
                .withSecret(secret)
                .withClock(clock);
        try {
            return options.applyTo(builder);
        } catch (IllegalArgumentException e) {
            throw Rejection.badRequest(ErrorCode.INVALID_VALUE, e.getMessage());
        }
    }

    /** Builds the token; 400 {@code invalid-value} when the builder refuses it. */
    public static String build(TokenBuilder builder) {
        try {
            return builder.build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw Rejection.badRequest(ErrorCode.INVALID_VALUE, e.getMessage());
        }
    }

    /** Whether the token is for streaming or publishing only, which needs a designation to do anything. */
    public boolean streamsOnly() {
        return options.type() == TokenType.STREAM || options.type() == TokenType.PUBLISH;
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
}
