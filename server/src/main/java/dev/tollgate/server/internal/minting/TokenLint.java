package dev.tollgate.server.internal.minting;

import dev.tollgate.token.Claims;
import dev.tollgate.token.TokenType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The token studio's linter: what a digest token's size and claims will run into, each finding with a stable code.
 * The limits are the ones that bite in practice, and {@code POST /v1/edge-tokens} checks the same ones at mint time
 * ({@link #MAX_RTMP_TOKEN_LENGTH}, {@link #isUrlUnsafe}, {@link #lacksDesignation}, {@link #MAX_LIFETIME}).
 *
 * <p>Stateless and thread-safe.
 */
public final class TokenLint {
    /** The seed: a client access token is at most 2,048 bytes; the SDKs and browsers carry tokens of that size. */
    public static final int MAX_CLIENT_TOKEN_BYTES = 2048;
    /** nginx-rtmp caps stream name plus query at 255 bytes; {@code token=} and a one-byte name must fit too. */
    public static final int MAX_RTMP_TOKEN_LENGTH = 255 - "token=".length() - 1;
    /** One year: encoders keep publish tokens for long; beyond that a token is a password. */
    public static final Duration MAX_LIFETIME = Duration.ofDays(365);
    /** Past a day, a token without an address, session or stream restriction is a standing credential. */
    static final Duration BROAD_LIFETIME = Duration.ofHours(24);

    public static final String TOKEN_TOO_LONG_FOR_CLIENT = "token-too-long-for-client";
    public static final String RTMP_NAME_TOO_LONG = "rtmp-name-too-long";
    public static final String URL_UNSAFE_CHARACTERS = "url-unsafe-characters";
    public static final String EXPIRY_IN_THE_PAST = "expiry-in-the-past";
    public static final String EXPIRY_BEYOND_EDGE_LIMIT = "expiry-beyond-edge-limit";
    public static final String NO_DESIGNATION = "no-designation";
    public static final String OVER_BROAD_GRANT = "over-broad-grant";

    /** The codes, frozen by {@code WhenLintingATokenInTheStudio}. */
    public static final List<String> CODES = List.of(
            TOKEN_TOO_LONG_FOR_CLIENT,
            RTMP_NAME_TOO_LONG,
            URL_UNSAFE_CHARACTERS,
            EXPIRY_IN_THE_PAST,
            EXPIRY_BEYOND_EDGE_LIMIT,
            NO_DESIGNATION,
            OVER_BROAD_GRANT);

    private TokenLint() {}

    /** One finding: a stable code, how bad it is ({@code error}, {@code warning}, {@code info}), what to do. */
    public record Finding(String code, String severity, String message) {}

    /** Findings and the token's size against each limit. */
    public record Report(List<Finding> findings, Map<String, Object> size) {
        public Report {
            findings = List.copyOf(findings);
            size = Map.copyOf(size);
        }
    }

    /** Whether a token in a URL needs percent-encoding: {@code +} decodes to a space, {@code /} breaks ffmpeg's URL. */
    public static boolean isUrlUnsafe(String token) {
        return token.contains("+") || token.contains("/") || token.contains("=");
    }

    /** A stream or publish token without a designation is refused for every stream (the seed). */
    public static boolean lacksDesignation(Claims claims) {
        return (claims.type() == TokenType.STREAM || claims.type() == TokenType.PUBLISH)
                && claims.requiredTag().isEmpty();
    }

    /**
     * Lints {@code token} whose claims are {@code claims}, at {@code now}, meant for {@code carrier} ({@code header},
     * {@code body}, {@code url} or {@code rtmp-url}; empty when unknown).
     */
    public static Report lint(String token, Claims claims, Optional<String> carrier, Instant now) {
        List<Finding> findings = new ArrayList<>();
        int bytes = token.getBytes(StandardCharsets.UTF_8).length;
        boolean inUrl =
                carrier.filter(c -> c.equals("url") || c.equals("rtmp-url")).isPresent();
        boolean inRtmp = carrier.filter(c -> c.equals("rtmp-url")).isPresent();
        if (bytes > MAX_CLIENT_TOKEN_BYTES) {
            findings.add(new Finding(
                    TOKEN_TOO_LONG_FOR_CLIENT,
                    "warning",
                    "the token is " + bytes + " bytes, more than the " + MAX_CLIENT_TOKEN_BYTES
                            + " bytes clients are sure to carry; remove tags or capabilities, or hand out a tgr_"
                            + " reference"));
        }
        if (bytes > MAX_RTMP_TOKEN_LENGTH) {
            findings.add(new Finding(
                    RTMP_NAME_TOO_LONG,
                    inRtmp ? "error" : "warning",
                    "token= and the token take " + ("token=".length() + bytes) + " bytes; nginx-rtmp keeps 255 bytes"
                            + " of stream name and query and cuts the rest silently; put the token's tgr_ reference"
                            + " in RTMP URLs"));
        }
        if (isUrlUnsafe(token)) {
            findings.add(new Finding(
                    URL_UNSAFE_CHARACTERS,
                    inUrl ? "warning" : "info",
                    "the token holds + / or =; percent-encode it in a URL (+ decodes to a space, / breaks ffmpeg's"
                            + " URL) or use its tgr_ reference"));
        }
        Duration lifetime = Duration.between(now, claims.expiresAt());
        if (!lifetime.isPositive()) {
            findings.add(new Finding(
                    EXPIRY_IN_THE_PAST,
                    "error",
                    "the token expired at " + claims.expiresAt() + "; the edge refuses it (after the clock skew)"));
        } else if (lifetime.compareTo(MAX_LIFETIME) > 0) {
            findings.add(new Finding(
                    EXPIRY_BEYOND_EDGE_LIMIT,
                    "error",
                    "the token is valid for more than a year; the API mints at most " + MAX_LIFETIME.toDays()
                            + " days: rotate publish tokens instead"));
        }
        if (lacksDesignation(claims)) {
            findings.add(new Finding(
                    NO_DESIGNATION,
                    "error",
                    "a " + typeName(claims.type()) + " token without channel, room or tag is refused by the edge for"
                            + " every stream; designate a channel or room"));
        } else if (claims.type() == TokenType.EDGE && claims.requiredTag().isEmpty()) {
            findings.add(new Finding(
                    NO_DESIGNATION,
                    "warning",
                    "without a channel, room or tag the token authenticates but cannot subscribe to anything"));
        }
        boolean byTag = claims.requiredTag()
                .filter(tag -> tag.kind() == dev.tollgate.token.RequiredTag.Kind.OTHER)
                .isPresent();
        if (claims.type() == TokenType.PUBLISH && byTag) {
            findings.add(new Finding(
                    OVER_BROAD_GRANT,
                    "warning",
                    "a publish token designated by a tag may publish to every channel and room that carries the tag;"
                            + " designate one channel or room"));
        } else if (lifetime.compareTo(BROAD_LIFETIME) > 0
                && claims.remoteAddress().isEmpty()
                && claims.sessionId().isEmpty()
                && claims.originStreamId().isEmpty()) {
            findings.add(new Finding(
                    OVER_BROAD_GRANT,
                    "warning",
                    "valid for more than 24 hours with no remote address, session or origin stream restriction:"
                            + " anyone who copies it may use it until then"));
        }
        Map<String, Object> size = new LinkedHashMap<>();
        size.put("bytes", bytes);
        size.put("clientLimit", MAX_CLIENT_TOKEN_BYTES);
        size.put("rtmpBytes", "token=".length() + bytes);
        size.put("rtmpLimit", 255);
        return new Report(findings, size);
    }

    private static String typeName(TokenType type) {
        return type == TokenType.PUBLISH ? "publish" : "stream";
    }
}
