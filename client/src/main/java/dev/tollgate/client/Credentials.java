package dev.tollgate.client;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * How a backend call authenticates: the application's key and secret (HTTP Basic) or an API token (Bearer).
 * {@link #toString()} never shows the secret. Immutable and thread-safe.
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
}
