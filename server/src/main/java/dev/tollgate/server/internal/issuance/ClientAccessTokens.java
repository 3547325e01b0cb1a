package dev.tollgate.server.internal.issuance;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.tollgate.server.ServerConfig;
import dev.tollgate.server.internal.access.SessionScopes;
import dev.tollgate.server.internal.http.ErrorCode;
import dev.tollgate.server.internal.http.JsonResponses;
import dev.tollgate.server.internal.http.Rejection;
import dev.tollgate.server.internal.http.ServerResponse;
import dev.tollgate.server.internal.keys.JwtTokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mints client access tokens with the seed's limits ("Client Authentication"): external ID at most 1,024 UTF-8
 * bytes, validity 1 s to {@link ServerConfig#MAX_TOKEN_LIFETIME} (24 h), the encoded token at most 2,048 bytes (else the caller is asked to reduce the
 * participant information). Mint-time checks warn about tokens that work but are risky: an unrestricted scope
 * ({@code *}) and validity over the 12 hours the seed advises. Used by the REST endpoint and the dashboard endpoint.
 *
 * <p>Thread-safe.
 */
public final class ClientAccessTokens {
    public static final int MAX_TOKEN_BYTES = 2048;
    static final long ADVISED_LIFETIME_SECONDS = 12 * 3600;

    private static final Logger LOG = LoggerFactory.getLogger(ClientAccessTokens.class);

    private final JwtTokens jwts;

    public ClientAccessTokens(JwtTokens jwts) {
        this.jwts = jwts;
    }

    /** A minted token with its resolved scope and any warnings (kebab-case code, then a colon and advice). */
    public record Minted(JwtTokens.Signed signed, String scope, long expiresIn, List<String> warnings) {}

    public Minted mint(String applicationId, List<String> requestedScope, Optional<String> externalId, long expiresIn) {
        long max = ServerConfig.MAX_TOKEN_LIFETIME.toSeconds();
        if (expiresIn < 1 || expiresIn > max) {
            throw Rejection.badRequest(
                    ErrorCode.INVALID_EXPIRES_IN, "expiresIn must be between 1 and " + max + " seconds");
        }
        if (externalId.isPresent()) {
            int bytes = externalId.get().getBytes(StandardCharsets.UTF_8).length;
            if (bytes > JwtTokens.MAX_EXTERNAL_ID_BYTES) {
                throw Rejection.badRequest(
                        ErrorCode.EXTERNAL_ID_TOO_LONG,
                        "externalId is " + bytes + " bytes; the limit is " + JwtTokens.MAX_EXTERNAL_ID_BYTES
                                + " UTF-8 bytes");
            }
        }
        String scope = SessionScopes.resolve(requestedScope);
        JWTClaimsSet.Builder claims =
                new JWTClaimsSet.Builder().claim(JwtTokens.SCOPE, scope).claim(JwtTokens.CLIENT_ID, applicationId);
        externalId.ifPresent(id -> claims.claim(JwtTokens.EXTERNAL_ID, id));
        JwtTokens.Signed signed =
                jwts.sign(JwtTokens.CLIENT_AUDIENCE, applicationId, Duration.ofSeconds(expiresIn), claims);
        int size = signed.token().getBytes(StandardCharsets.US_ASCII).length;
        if (size > MAX_TOKEN_BYTES) {
            throw Rejection.badRequest(
                            ErrorCode.TOKEN_TOO_LARGE,
                            "the client access token would be " + size + " bytes, over the " + MAX_TOKEN_BYTES
                                    + "-byte limit; reduce the participant information (externalId)")
                    .logDetail("externalId bytes "
                            + externalId
                                    .map(id -> id.getBytes(StandardCharsets.UTF_8).length)
                                    .orElse(0));
        }
        List<String> warnings = new ArrayList<>();
        if (scope.equals(SessionScopes.UNRESTRICTED)) {
            warnings.add("grants-everything: the session scope is unrestricted (*); name the scopes the client needs");
        } else if (scope.isEmpty()) {
            warnings.add("no-known-scope: none of the requested session scopes is known; the token allows no action");
        }
        if (expiresIn > ADVISED_LIFETIME_SECONDS) {
            warnings.add("long-lived: valid for more than the 12 hours the platform advises");
        }
        return new Minted(signed, scope, expiresIn, warnings);
    }

    /**
     * Answers with a minted token: {@code {access_token, token_type, expires_in, scope}}, uncached, its warnings in
     * {@code Tollgate-Warning} and the log. The one answer of {@code /v2/client-access-token} and the dashboard token.
     */
    public static void send(
            ServerResponse response, JsonResponses responses, ClientAccessTokens.Minted minted, String app) {
        for (String warning : minted.warnings()) {
            LOG.warn("client access token for {} minted with warning {}", app, warning.split(":", 2)[0]);
        }
        if (!minted.warnings().isEmpty()) {
            // All at once: setting the header once per warning would keep only the last one.
            response.header("Tollgate-Warning", minted.warnings().toArray(String[]::new));
        }
        ApiTokens.sendBearer(response, responses, minted.signed(), minted.expiresIn(), minted.scope());
    }
}
