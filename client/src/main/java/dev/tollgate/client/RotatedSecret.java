package dev.tollgate.client;

import java.util.Objects;

/**
 * The new current secret of an application, as {@code POST /v1/admin/applications/{id}/rotate-secret} answers: it
 * signs from now on, while the older secrets keep authenticating and verifying until {@link
 * TollgateClient#retireOlderSecrets}. The only time the server shows it; {@link #toString()} never does. Immutable
 * and thread-safe.
 *
 * @param applicationId whose secret
 * @param secret the new secret
 * @param secretId names the new secret in the server's log, never the secret itself
 * @param activeSecrets how many secrets authenticate the application now, the new one included
 */
public record RotatedSecret(String applicationId, String secret, String secretId, int activeSecrets) {
    public RotatedSecret {
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(secretId, "secretId");
    }

    @Override
    public String toString() {
        return "RotatedSecret[applicationId=" + applicationId + ", secret hidden, secretId=" + secretId
                + ", activeSecrets=" + activeSecrets + "]";
    }
}
