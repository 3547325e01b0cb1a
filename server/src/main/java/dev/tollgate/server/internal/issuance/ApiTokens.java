package dev.tollgate.server.internal.issuance;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.tollgate.server.ServerConfig;
import dev.tollgate.server.internal.access.ApiScopes;
import dev.tollgate.server.internal.applications.Application;
import dev.tollgate.server.internal.http.ErrorCode;
import dev.tollgate.server.internal.http.JsonResponses;
import dev.tollgate.server.internal.http.Rejection;
import dev.tollgate.server.internal.http.ServerResponse;
import dev.tollgate.server.internal.keys.JwtTokens;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Mints API tokens with the seed's limits ("API Authentication"): validity 1 s to {@link
 * ServerConfig#MAX_TOKEN_LIFETIME} (default {@link #DEFAULT_LIFETIME_SECONDS}, as Dolby.io's), and the scopes the
 * caller asks for narrowed to those its application holds. The API token is a JWT (audience {@link
 * JwtTokens#API_AUDIENCE}) so that any node verifies it without a lookup. Used by {@code /v1/auth/token} and {@code
 * /oauth2/token}; the counterpart of {@link ClientAccessTokens}.
 *
 * <p>Thread-safe.
 */
public final class ApiTokens {
    /** Dolby.io's default when {@code expires_in} is not given: 30 minutes. */
    public static final long DEFAULT_LIFETIME_SECONDS = 1800;

    private final JwtTokens jwts;

    public ApiTokens(JwtTokens jwts) {
        this.jwts = jwts;
    }

    /** A minted token with its resolved scope (space-separated) and lifetime. */
    public record Minted(JwtTokens.Signed signed, String scope, long expiresIn) {}

    /**
     * @param expiresIn the lifetime asked for, in seconds; empty = {@link #DEFAULT_LIFETIME_SECONDS}
     * @param requestedScope the scopes asked for; empty = every scope the application holds
     */
    public Minted mint(Application application, OptionalLong expiresIn, List<String> requestedScope) {
        long lifetime = expiresIn.orElse(DEFAULT_LIFETIME_SECONDS);
        long max = ServerConfig.MAX_TOKEN_LIFETIME.toSeconds();
        if (lifetime < 1 || lifetime > max) {
            throw Rejection.badRequest(
                    ErrorCode.INVALID_EXPIRES_IN, "expires_in must be between 1 and " + max + " seconds");
        }
        List<String> scopes = ApiScopes.resolve(requestedScope, application.scopes());
        if (!requestedScope.isEmpty() && scopes.isEmpty()) {
            // Dolby omits unknown scopes; when that leaves none, the token could do nothing. RFC 6749 §5.2 names the
            // answer: invalid_scope ("unknown ... or exceeds the scope granted by the resource owner").
            throw Rejection.badRequest(
                            ErrorCode.INVALID_SCOPE,
                            "none of the requested scopes is known or allowed for this application; known: "
                                    + String.join(" ", application.scopes()))
                    .oauth("invalid_scope");
        }
        String scope = String.join(" ", scopes);
        JwtTokens.Signed signed = jwts.sign(
                JwtTokens.API_AUDIENCE,
                application.id(),
                Duration.ofSeconds(lifetime),
                new JWTClaimsSet.Builder().claim(JwtTokens.SCOPE, scope).claim(JwtTokens.CLIENT_ID, application.id()));
        return new Minted(signed, scope, lifetime);
    }

    /**
     * Answers with a minted token: {@code {access_token, token_type, expires_in, scope}} (RFC 6749 §5.1, the shape
     * Dolby.io's clients read), uncached.
     */
    public static void send(ServerResponse response, JsonResponses responses, Minted minted) {
        sendBearer(response, responses, minted.signed(), minted.expiresIn(), minted.scope());
    }

    /**
     * The one RFC 6749 §5.1 answer of every token this family mints as OAuth2 does (API and client access tokens):
     * {@code {access_token, token_type, expires_in, scope}}, uncached.
     */
    static void sendBearer(
            ServerResponse response, JsonResponses responses, JwtTokens.Signed signed, long expiresIn, String scope) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", signed.token());
        body.put("token_type", "Bearer");
        body.put("expires_in", expiresIn);
        body.put("scope", scope);
        responses.sendSecret(response, 200, body);
    }
}
