package dev.tollgate.token;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Finds the secrets that may have signed a token for an application. During rotation an application has several;
 * any of them verifies. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface SecretResolver {

    /** The application's current secrets, newest first; empty when the application is unknown. */
    List<String> secretsFor(String applicationId);

    /** A fixed map of application ID to secrets. */
    static SecretResolver of(Map<String, List<String>> secrets) {
        Map<String, List<String>> copy = new HashMap<>();
        secrets.forEach((applicationId, list) -> copy.put(applicationId, List.copyOf(list)));
        return applicationId -> copy.getOrDefault(applicationId, List.of());
    }

    /** One application with one or more secrets. */
    static SecretResolver of(String applicationId, String... secrets) {
        Objects.requireNonNull(applicationId, "applicationId must not be null");
        List<String> list = List.of(secrets);
        return id -> applicationId.equals(id) ? list : List.of();
    }

    /** The same secret for any application ID, as the reference's {@code verifyAndDecode(secret, token)}. */
    static SecretResolver anyApplication(String secret) {
        List<String> list = List.of(Objects.requireNonNull(secret, "secret must not be null"));
        return id -> list;
    }
}
