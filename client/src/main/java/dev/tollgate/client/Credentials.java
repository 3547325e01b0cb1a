package dev.tollgate.client;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * How a backend call authenticates: the application's key and secret (HTTP Basic), an API token (Bearer), or the
 * server's admin credential (Bearer, for the admin API and any application's usage). {@link #toString()} never shows
 * the secret. Immutable and thread-safe.
 */
public sealed interface Credentials {

    /** The {@code Authorization} header value. */
    String authorization();

    static Credentials basic(String appKey, String appSecret) {
        return new Basic(appKey, appSecret);
    }

    static Credentials bearer(String apiToken) {
        return new Bearer(apiToken);
    }

    /**
     * The server's admin credential ({@code tga_...}, printed once by {@code tollgate serve} and kept in {@code
     * admin.token} in its data directory). A type of its own, so the admin methods of {@link TollgateClient} take
     * nothing else.
     */
    static Admin admin(String adminCredential) {
        return new Admin(adminCredential);
    }

    /** Application key (the EdgeAuth application ID) and secret. */
    record Basic(String appKey, String appSecret) implements Credentials {
        public Basic {
            Objects.requireNonNull(appKey, "appKey must not be null");
            Objects.requireNonNull(appSecret, "appSecret must not be null");
        }

        @Override
        public String authorization() {
            return "Basic "
                    + Base64.getEncoder().encodeToString((appKey + ":" + appSecret).getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String toString() {
            return "Basic[" + appKey + ", secret hidden]";
        }
    }

    /** An API token from {@code /v1/auth/token}. */
    record Bearer(String apiToken) implements Credentials {
        public Bearer {
            Objects.requireNonNull(apiToken, "apiToken must not be null");
        }

        @Override
        public String authorization() {
            return "Bearer " + apiToken;
        }

        @Override
        public String toString() {
            return "Bearer[token hidden]";
        }
    }

    /** The server's admin credential, sent as {@code Authorization: Bearer}. */
    record Admin(String adminCredential) implements Credentials {
        public Admin {
            Objects.requireNonNull(adminCredential, "adminCredential must not be null");
        }

        @Override
        public String authorization() {
            return "Bearer " + adminCredential;
        }

        @Override
        public String toString() {
            return "Admin[credential hidden]";
        }
    }
}
