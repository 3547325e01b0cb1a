package dev.tollgate.client;

import java.util.Objects;

/**
 * What {@code POST /v1/admin/applications/{id}/retire-secret} did: every secret but the newest deleted. Immutable and
 * thread-safe.
 *
 * @param applicationId whose secrets
 * @param retired how many secrets the answering request deleted (0 when only one was left)
 * @param activeSecrets how many secrets authenticate the application now: 1
 */
public record RetiredSecrets(String applicationId, int retired, int activeSecrets) {
    public RetiredSecrets {
        Objects.requireNonNull(applicationId, "applicationId");
    }
}
