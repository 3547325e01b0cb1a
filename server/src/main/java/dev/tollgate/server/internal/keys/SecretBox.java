package dev.tollgate.server.internal.keys;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals values under the master key with AES-256-GCM: a fresh random 96-bit nonce per value (NIST SP 800-38D §8.2.2)
 * and the owner's identifier as associated data, so a sealed value copied onto another row does not open.
 * Format: base64(nonce || ciphertext || tag).
 *
 * <p>Thread-safe: a new {@link Cipher} per call.
 */
public final class SecretBox {
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    public static final int KEY_BYTES = 32;

    private final SecretKey key;
    private final SecureRandom random;

    public SecretBox(byte[] key, SecureRandom random) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("the master key must be 256 bits (32 bytes), was " + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
        this.random = Objects.requireNonNull(random, "random");
    }

    public String seal(String plaintext, String associatedData) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder()
                    .encodeToString(ByteBuffer.allocate(NONCE_BYTES + sealed.length)
                            .put(nonce)
                            .put(sealed)
                            .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable in this JVM", e);
        }
    }

    /**
     * A 256-bit key for {@code purpose}, derived from the master key: HMAC-SHA256(master key, "tollgate/" + purpose),
     * HKDF-Expand's one-block case (RFC 5869 §2.3; the master key is already uniformly random, so no Extract step).
     * The same master key derives the same key, so every node of a shared database agrees, and a key for one
     * purpose tells nothing about the master key or another purpose's key.
     */
    public byte[] derive(String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            return mac.doFinal(("tollgate/" + purpose).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable in this JVM", e);
        }
    }

    /** The plaintext, or empty when the value was sealed under another key or for another owner, or is damaged. */
    public Optional<String> open(String sealed, String associatedData) {
        try {
            byte[] bytes = Base64.getDecoder().decode(sealed);
            if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
                return Optional.empty();
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
            return Optional.of(new String(plain, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return Optional.empty();
        }
    }
}
