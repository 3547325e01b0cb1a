package dev.tollgate.server.internal.applications;

import dev.tollgate.server.internal.keys.SecretBox;
import java.time.Instant;

/**
 * An application secret as stored: sealed under the master key, never in clear.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the secret's own identifier (shown at rotation so operators can tell secrets apart)
 * @param generation 1 for the first secret, +1 per rotation; the highest is current
 * @param sealed {@link SecretBox} output, AAD = application ID
 * @param createdAt creation time
 */
public record StoredSecret(String id, int generation, String sealed, Instant createdAt) {
    @Override
    public String toString() {
        return "StoredSecret[id=" + id + ", generation=" + generation + "]";
    }
}
