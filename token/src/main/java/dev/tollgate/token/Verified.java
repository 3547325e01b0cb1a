package dev.tollgate.token;

import java.util.Objects;

/**
 * A token whose digest matched: the claims can be trusted.
 *
 * @param applicationId the application that signed it
 * @param claims the claims
 */
public record Verified(String applicationId, Claims claims) implements Verification {
    public Verified {
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(claims, "claims");
    }

    @Override
    public VerificationCode code() {
        return VerificationCode.VERIFIED;
    }

    /**
     * The reference library's decoded value: the claims with {@code applicationId} appended, as compact JSON text.
     */
    public String valueJson() {
        String json = claims.json();
        int end = json.lastIndexOf('}');
        // Claims always hold at least "expires", so a comma is always due.
        return json.substring(0, end) + ",\"applicationId\":" + JsonText.string(applicationId) + "}";
    }
}
