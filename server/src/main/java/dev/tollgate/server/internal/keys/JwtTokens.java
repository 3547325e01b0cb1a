package dev.tollgate.server.internal.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Signs and verifies the server's JWTs: API tokens (audience {@link #API_AUDIENCE}) and client access tokens
 * (audience {@link #CLIENT_AUDIENCE}). The audience keeps one kind from being replayed as the other. Verification
 * accepts only {@link SigningKeys#ALGORITHM} (no algorithm confusion, RFC 8725 §3.1), a published {@code kid}, and
 * {@code exp} within the clock skew.
 *
 * <p>Thread-safe.
 */
public final class JwtTokens {
    public static final String API_AUDIENCE = "tollgate-api";
    public static final String CLIENT_AUDIENCE = "tollgate-client";
    public static final String SCOPE = "scope";
    public static final String EXTERNAL_ID = "external_id";

    /** The seed's limit on {@link #EXTERNAL_ID}: 1,024 UTF-8 bytes, whether minted or declared at session open. */
    public static final int MAX_EXTERNAL_ID_BYTES = 1024;
    /** RFC 9068 §2.2 and RFC 8693 §4.3: the client the token was issued to. */
    public static final String CLIENT_ID = "client_id";

    /** Longer than any valid token we sign; anything bigger is refused before parsing. */
    static final int MAX_LENGTH = 4096;

    private final SigningKeys keys;
    private final Clock clock;
    private final String issuer;
    private final Duration clockSkew;

    /** @param clockSkew how long after {@code exp} a token still verifies ({@code ServerConfig.clockSkew()}) */
    public JwtTokens(SigningKeys keys, Clock clock, String issuer, Duration clockSkew) {
        this.keys = keys;
        this.clock = clock;
        this.issuer = issuer;
        this.clockSkew = Objects.requireNonNull(clockSkew, "clockSkew");
    }

    /** A signed token. */
    public record Signed(String token, Instant issuedAt, Instant expiresAt, String jti) {
        @Override
        public String toString() {
            return "Signed[jti=" + jti + ", expiresAt=" + expiresAt + "]";
        }
    }

    /** Signs claims for an application: adds iss, sub, aud, iat, exp and jti. */
    public Signed sign(String audience, String applicationId, Duration lifetime, JWTClaimsSet.Builder claims) {
        Instant now = clock.instant();
        Instant expires = now.plus(lifetime);
        String jti = UUID.randomUUID().toString();
        JWTClaimsSet set = claims.issuer(issuer)
                .subject(applicationId)
                .audience(audience)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expires))
                .jwtID(jti)
                .build();
        ECKey key = keys.current();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(SigningKeys.ALGORITHM)
                        .keyID(key.getKeyID())
                        .type(JOSEObjectType.JWT)
                        .build(),
                set);
        try {
            jwt.sign(new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign with key " + key.getKeyID(), e);
        }
        return new Signed(jwt.serialize(), now, expires, jti);
    }

    /** The outcome of checking a presented JWT. */
    public sealed interface Check {}

    public record Valid(JWTClaimsSet claims) implements Check {
        public String applicationId() {
            return claims.getSubject();
        }

        public String scope() {
            return Optional.ofNullable(claimString(claims, SCOPE)).orElse("");
        }

        public Optional<String> externalId() {
            return Optional.ofNullable(claimString(claims, EXTERNAL_ID));
        }
    }

    /**
     * @param code {@code malformed-token}, {@code wrong-algorithm}, {@code unknown-key}, {@code bad-signature},
     *     {@code wrong-audience} or {@code expired}
     * @param detail for the log; never the token
     */
    public record Invalid(String code, String detail) implements Check {}

    public Check verify(String token, String audience) {
        if (token.length() > MAX_LENGTH) {
            return new Invalid("malformed-token", "longer than " + MAX_LENGTH + " characters");
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            return new Invalid("malformed-token", "not a signed JWT");
        }
        if (!SigningKeys.ALGORITHM.equals(jwt.getHeader().getAlgorithm())) {
            return new Invalid("wrong-algorithm", "alg " + jwt.getHeader().getAlgorithm());
        }
        String kid = jwt.getHeader().getKeyID();
        Optional<ECKey> key = kid == null ? Optional.empty() : keys.publicKey(kid);
        if (key.isEmpty()) {
            return new Invalid("unknown-key", "kid not published");
        }
        try {
            if (!jwt.verify(new ECDSAVerifier(key.get()))) {
                return new Invalid("bad-signature", "kid " + kid);
            }
        } catch (JOSEException e) {
            return new Invalid("bad-signature", "kid " + kid + ": " + e.getMessage());
        }
        if (claims.getAudience() == null || !claims.getAudience().contains(audience)) {
            return new Invalid("wrong-audience", "expected " + audience + ", was " + claims.getAudience());
        }
        if (!issuer.equals(claims.getIssuer()) || claims.getSubject() == null) {
            return new Invalid("malformed-token", "issuer or subject missing or foreign");
        }
        Date exp = claims.getExpirationTime();
        Instant now = clock.instant();
        if (exp == null || !now.isBefore(exp.toInstant().plus(clockSkew))) {
            return new Invalid(
                    "expired",
                    "exp " + (exp == null ? "missing" : exp.toInstant()) + ", now " + now + ", skew " + clockSkew);
        }
        return new Valid(claims);
    }

    private static String claimString(JWTClaimsSet claims, String name) {
        try {
            return claims.getStringClaim(name);
        } catch (ParseException e) {
            return null;
        }
    }
}
