package dev.tollgate.client;

import java.time.Instant;
import java.util.Objects;

/**
 * A short server-side reference to a verified DIGEST token, as {@code POST /v1/token-refs} answers it. Use {@link
 * #ref()} where the token does not fit, e.g. {@code rtmp://host/live/camera-1?token=tgr_...}: it holds only {@code
 * [A-Za-z0-9_-]}, so it needs no percent-encoding. It is a credential like the token it stands for; {@link
 * #toString()} shows only its first characters.
 *
 * <p>Immutable and thread-safe.
 *
 * @param ref {@code tgr_} and 22 base64url characters
 * @param applicationId the application the token belongs to
 * @param expiresAt when the token, and so the reference, expires
 */
public record TokenRef(String ref, String applicationId, Instant expiresAt) {
    public TokenRef {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public String toString() {
        return "TokenRef[" + ref.substring(0, Math.min(ref.length(), 8)) + "…, applicationId=" + applicationId
                + ", expiresAt=" + expiresAt + "]";
    }
}
