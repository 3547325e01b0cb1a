package dev.tollgate.server.internal.hooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The cookie that stands for an HLS subscription once its playlist check admitted it, so that segment fetches, which
 * lose the playlist's query, pass: {@code tollgate-hls=<clientKey>.<mac>}, the MAC an HMAC-SHA256 of the usage
 * session's key and the stream's directory under a key derived from the master key. It proves the server admitted
 * this key for this directory; whether the subscription still lives is the usage session's to say.
 *
 * <p>Scoped to the stream's directory ({@code Path}), {@code HttpOnly} (no script reads it), {@code SameSite=Lax}
 * (a cross-site player's page may still load the stream by top-level navigation, not by a forged sub-request), and
 * {@code Secure} when nginx says the original request was HTTPS ({@code X-Forwarded-Proto}).
 *
 * <p>Thread-safe: each call works on its own clone of one keyed {@link Mac} (cloning skips the provider lookup and
 * the key schedule that {@code Mac.getInstance} and {@code init} cost on every segment fetch).
 */
final class SubscriptionCookie {
    static final String NAME = "tollgate-hls";

    /** A usage session key: 22 base64url characters (128 random bits). */
    private static final int KEY_LENGTH = 22;

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final Mac keyed;

    SubscriptionCookie(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("the cookie key must be at least 256 bits, was " + key.length * 8);
        }
        try {
            this.keyed = Mac.getInstance("HmacSHA256");
            keyed.init(new SecretKeySpec(key.clone(), "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable in this JVM", e);
        }
    }

    /** The cookie's value for the session {@code clientKey} of the stream in {@code directory}. */
    String value(String clientKey, String directory) {
        if (clientKey.length() != KEY_LENGTH) {
            throw new IllegalArgumentException(
                    "a session key is " + KEY_LENGTH + " characters, was " + clientKey.length());
        }
        return clientKey + "." + BASE64URL.encodeToString(mac(clientKey, directory));
    }

    /** The {@code Set-Cookie} header for it. */
    String header(String clientKey, String directory, boolean secure) {
        return NAME + "=" + value(clientKey, directory) + "; Path=" + directory + "; HttpOnly; SameSite=Lax"
                + (secure ? "; Secure" : "");
    }

    /** The session key a cookie value stands for, when its MAC is this server's for {@code directory}. */
    Optional<String> verify(String value, String directory) {
        int dot = value.indexOf('.');
        if (dot != KEY_LENGTH) {
            return Optional.empty();
        }
        String clientKey = value.substring(0, dot);
        byte[] presented;
        try {
            presented = Base64.getUrlDecoder().decode(value.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return MessageDigest.isEqual(presented, mac(clientKey, directory)) ? Optional.of(clientKey) : Optional.empty();
    }

    /**
     * The values of every {@code tollgate-hls} cookie in the {@code Cookie} header lines (RFC 6265 §5.4: {@code
     * name=value} pairs separated by {@code ;}); a browser may send several when paths nest.
     */
    static List<String> values(List<String> cookieHeaders) {
        List<String> values = new ArrayList<>(1);
        for (String header : cookieHeaders) {
            for (String pair : header.split(";", -1)) {
                String trimmed = pair.strip();
                if (trimmed.startsWith(NAME + "=")) {
                    values.add(trimmed.substring(NAME.length() + 1));
                }
            }
        }
        return values;
    }

    private byte[] mac(String clientKey, String directory) {
        try {
            Mac mac = (Mac) keyed.clone();
            mac.update(clientKey.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) '\n');
            return mac.doFinal(directory.getBytes(StandardCharsets.UTF_8));
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("this JVM's HMAC-SHA256 cannot be cloned", e);
        }
    }
}
