package dev.tollgate.client;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/** Unsigned JWT-shaped tokens for session tests: the session reads {@code iat} and {@code exp} without verifying. */
final class Tokens {
    private Tokens() {}

    static String jwt(String id, Instant issuedAt, Instant expiresAt) {
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        String header = encoder.encodeToString("{\"alg\":\"EdDSA\",\"kid\":\"k\"}".getBytes(StandardCharsets.UTF_8));
        String payload = encoder.encodeToString(("{\"jti\":\"" + id + "\",\"iat\":" + issuedAt.getEpochSecond()
                        + ",\"exp\":" + expiresAt.getEpochSecond() + "}")
                .getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + ".c2lnbmF0dXJl";
    }
}
