package dev.tollgate.token;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * Signs and verifies EdgeAuth digest tokens:
 * {@code "DIGEST:" + base64({"applicationId":A,"digest":D,"token":T})} with
 * {@code D = base64(HMAC-SHA512(UTF-8(A + secret), UTF-8(T)))}.
 *
 * <p>Verification returns a {@link Verification} and never throws on untrusted input; the digest is compared in
 * constant time over the exact bytes of {@code T}. It does not look at {@code expires} (as the reference); {@link
 * TokenVerifier} does. Stateless and thread-safe.
 */
public final class DigestTokens {
    /** Longest token accepted, in characters; longer tokens are {@code bad-token}. */
    public static final int MAX_TOKEN_LENGTH = TokenParser.MAX_TOKEN_LENGTH;

    private DigestTokens() {}

    /** Whether the text looks like a digest token (starts with {@code DIGEST:}). */
    public static boolean isDigestToken(String token) {
        return token != null && token.startsWith(TokenParser.PREFIX);
    }

    /**
     * Signs claims JSON as they are (no re-serialisation).
     *
     * @throws IllegalArgumentException if the claims are not a JSON object with an integer {@code expires} and no
     *     {@code applicationId}, a location capability is malformed (Tollgate never signs what its own verifier
     *     rejects), or the application ID is empty
     */
    public static String signAndEncode(String applicationId, String secret, String claimsJson) {
        Objects.requireNonNull(applicationId, "applicationId must not be null");
        Objects.requireNonNull(secret, "secret must not be null");
        Objects.requireNonNull(claimsJson, "claimsJson must not be null");
        TokenParser.Result<Claims> claims = TokenParser.claims(claimsJson);
        if (claims.value().isEmpty()) {
            throw new IllegalArgumentException("cannot sign these claims: "
                    + claims.rejection().orElseThrow().detail());
        }
        Optional<String> malformed =
                LocationConstraints.malformation(claims.value().get().capabilities());
        if (malformed.isPresent()) {
            throw new IllegalArgumentException("cannot sign these claims: " + malformed.get());
        }
        return sign(applicationId, secret, claimsJson);
    }

    /**
     * Signs parsed claims, using their exact JSON text.
     *
     * @throws IllegalArgumentException if a location capability is malformed ({@link Claims#location()} is empty)
     */
    public static String signAndEncode(String applicationId, String secret, Claims claims) {
        Objects.requireNonNull(applicationId, "applicationId must not be null");
        Objects.requireNonNull(secret, "secret must not be null");
        Objects.requireNonNull(claims, "claims must not be null");
        if (claims.location().isEmpty()) {
            throw new IllegalArgumentException("cannot sign these claims: "
                    + LocationConstraints.malformation(claims.capabilities())
                            .orElse("a location capability is malformed"));
        }
        return sign(applicationId, secret, claims.json());
    }

    static String sign(String applicationId, String secret, String claimsJson) {
        if (applicationId.isEmpty()) {
            throw new IllegalArgumentException("applicationId must not be empty");
        }
        Hmac.Key key = Hmac.key(applicationId, secret).orElseThrow(() -> new IllegalStateException(NO_HMAC));
        return encode(
                JsonText.quotedUtf8(applicationId),
                key.digest(claimsJson.getBytes(StandardCharsets.UTF_8)),
                JsonText.escapedUtf8(claimsJson));
    }

    static final String NO_HMAC = "this JVM provides no " + Hmac.ALGORITHM;

    private static final byte[] PREFIX_BYTES = ascii(TokenParser.PREFIX);
    private static final byte[] APPLICATION_ID_FIELD = ascii("{\"applicationId\":");
    private static final byte[] DIGEST_FIELD = ascii(",\"digest\":\"");
    private static final byte[] TOKEN_FIELD = ascii("\",\"token\":\"");
    private static final byte[] END = ascii("\"}");

    /**
     * Writes {@code DIGEST:base64({"applicationId":A,"digest":D,"token":T})}, keys in that order as the reference
     * writes them, from parts already in their JSON form: A quoted and escaped, T escaped (in pieces, concatenated).
     */
    static String encode(byte[] applicationIdJson, byte[] digest, byte[]... escapedClaims) {
        int length = APPLICATION_ID_FIELD.length
                + applicationIdJson.length
                + DIGEST_FIELD.length
                + digest.length
                + TOKEN_FIELD.length
                + END.length;
        for (byte[] piece : escapedClaims) {
            length += piece.length;
        }
        byte[] envelope = new byte[length];
        int at = append(envelope, 0, APPLICATION_ID_FIELD);
        at = append(envelope, at, applicationIdJson);
        at = append(envelope, at, DIGEST_FIELD);
        at = append(envelope, at, digest);
        at = append(envelope, at, TOKEN_FIELD);
        for (byte[] piece : escapedClaims) {
            at = append(envelope, at, piece);
        }
        append(envelope, at, END);
        byte[] encoded = Base64.getEncoder().encode(envelope);
        byte[] token = new byte[PREFIX_BYTES.length + encoded.length];
        System.arraycopy(PREFIX_BYTES, 0, token, 0, PREFIX_BYTES.length);
        System.arraycopy(encoded, 0, token, PREFIX_BYTES.length, encoded.length);
        return new String(token, StandardCharsets.ISO_8859_1);
    }

    private static int append(byte[] target, int at, byte[] piece) {
        System.arraycopy(piece, 0, target, at, piece.length);
        return at + piece.length;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Verifies a token with one secret, whatever application it names, exactly as the reference's {@code
     * verifyAndDecode}: codes {@code verified}, {@code not-a-digest-token}, {@code bad-token}, {@code bad-digest},
     * {@code unsupported}. Expiry is not checked. Like the reference, it says {@code verified} for an authentic token
     * whose location capability is malformed; {@link Claims#location()} is then empty, and {@link TokenVerifier}
     * rejects such a token as {@code bad-token}.
     */
    public static Verification verifyAndDecode(String secret, String token) {
        Objects.requireNonNull(secret, "secret must not be null");
        TokenParser.Result<TokenParser.Envelope> envelope = TokenParser.envelope(token);
        if (envelope.value().isEmpty()) {
            return envelope.rejection().orElseThrow();
        }
        return verifyEnvelope(envelope.value().get(), secret);
    }

    static Verification verifyEnvelope(TokenParser.Envelope envelope, String secret) {
        Optional<Hmac.Key> key = Hmac.key(envelope.applicationId(), secret);
        if (key.isEmpty()) {
            return new Rejected(VerificationCode.UNSUPPORTED, NO_HMAC);
        }
        if (!key.get().matches(envelope.claimsUtf8(), envelope.digestBytes())) {
            return new Rejected(VerificationCode.BAD_DIGEST, "the digest does not match the claims");
        }
        TokenParser.Result<Claims> claims = TokenParser.claims(envelope.claimsJson());
        if (claims.value().isEmpty()) {
            return claims.rejection().orElseThrow();
        }
        return new Verified(envelope.applicationId(), claims.value().get());
    }

    /**
     * Reads a token WITHOUT checking its digest, for display and diagnosis. Never trust what it returns.
     *
     * @return {@link Decoded}, or {@link Rejected} with {@code not-a-digest-token} or {@code bad-token}
     */
    public static Decoding decodeUnverified(String token) {
        TokenParser.Result<TokenParser.Envelope> envelope = TokenParser.envelope(token);
        if (envelope.value().isEmpty()) {
            return envelope.rejection().orElseThrow();
        }
        TokenParser.Envelope read = envelope.value().get();
        TokenParser.Result<Claims> claims = TokenParser.claims(read.claimsJson());
        if (claims.value().isEmpty()) {
            return claims.rejection().orElseThrow();
        }
        return new Decoded(read.applicationId(), read.digest(), claims.value().get());
    }
}
