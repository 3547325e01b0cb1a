package dev.tollgate.token;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The EdgeAuth digest: {@code base64(HMAC-SHA512(key = UTF-8(applicationId + secret), UTF-8(claims)))}. One {@link Mac}
 * per thread, because {@code Mac.getInstance} costs as much as a short HMAC.
 */
final class Hmac {
    static final String ALGORITHM = "HmacSHA512";

    private static final ThreadLocal<Mac> MAC = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance(ALGORITHM);
        } catch (GeneralSecurityException e) {
            return null;
        }
    });

    private Hmac() {}

    /** The base64 digest, or empty when this JVM has no HmacSHA512. */
    static Optional<String> digest(String applicationId, String secret, String claims) {
        Mac mac = MAC.get();
        if (mac == null) {
            return Optional.empty();
        }
        byte[] key = (applicationId + secret).getBytes(StandardCharsets.UTF_8);
        try {
            mac.init(new SecretKeySpec(key, ALGORITHM));
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
        byte[] digest = mac.doFinal(claims.getBytes(StandardCharsets.UTF_8));
        return Optional.of(Base64.getEncoder().encodeToString(digest));
    }

    /** Constant-time comparison of two base64 digests (the time depends on length only). */
    static boolean matches(String expected, String presented) {
        return MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }
}
