package dev.tollgate.client;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A new application and its first secret, as {@code POST /v1/admin/applications} answers: the only time the server
 * shows the secret, so keep it now. {@link #toString()} never shows it. Immutable and thread-safe.
 *
 * @param applicationId the application key, also the EdgeAuth application ID
 * @param secret the secret; with the application ID, the application's credentials
 * @param secretId names the secret in the server's log and in later rotations, never the secret itself
 * @param name the name given for people
 * @param scopes the API scopes its tokens may hold
 * @param createdAt when it was created
 */
public record CreatedApplication(
        String applicationId, String secret, String secretId, String name, List<String> scopes, Instant createdAt) {
    public CreatedApplication {
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(secretId, "secretId");
        Objects.requireNonNull(name, "name");
        scopes = List.copyOf(scopes);
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** The application's key and secret, for the calls an application makes ({@code apiToken}, {@code usage}). */
    public Credentials credentials() {
        return Credentials.basic(applicationId, secret);
    }

    @Override
    public String toString() {
        return "CreatedApplication[applicationId=" + applicationId + ", secret hidden, secretId=" + secretId + ", name="
                + name + ", scopes=" + scopes + ", createdAt=" + createdAt + "]";
    }
}
