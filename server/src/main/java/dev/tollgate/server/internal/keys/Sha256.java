package dev.tollgate.server.internal.keys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of text in UTF-8: what the store keeps instead of a credential or a token reference, and the constant-time
 * form a presented value is compared in.
 *
 * <p>Stateless and thread-safe: a {@link MessageDigest} is made per call, as one is not thread-safe.
 */
public final class Sha256 {
    private Sha256() {}

    /** The 32-byte digest of {@code text} in UTF-8. */
    public static byte[] digest(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            // Every Java SE platform must provide SHA-256 (MessageDigest's Javadoc).
            throw new IllegalStateException("SHA-256 is unavailable in this JVM", e);
        }
    }

    /** The digest of {@code text} in UTF-8, as 64 lowercase hex digits. */
    public static String hex(String text) {
        return HexFormat.of().formatHex(digest(text));
    }
}
