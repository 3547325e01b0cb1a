package dev.tollgate.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Reuses one API token until it nears expiry, as the seed advises ("requests an API token with a longer validity
 * period ... and reuses it instead of acquiring a new API token each time a client access token is created").
 * A new token is fetched once {@code refreshMargin} before expiry (default: a tenth of the lifetime, at most five
 * minutes). Thread-safe: concurrent callers share one fetch.
 */
public final class ApiTokenCache {
    private final TollgateClient client;
    private final String appKey;
    private final String appSecret;
    private final Duration lifetime;
    private final List<String> scopes;
    private final Duration refreshMargin;
    private final Clock clock;
    private AccessToken current;

    /**
     * @param lifetime the validity to ask for (the seed suggests e.g. 24 hours)
     * @param scopes the scopes to ask for
     */
    public ApiTokenCache(
            TollgateClient client, String appKey, String appSecret, Duration lifetime, List<String> scopes) {
        this.client = Objects.requireNonNull(client, "client must not be null");
        this.appKey = Objects.requireNonNull(appKey, "appKey must not be null");
        this.appSecret = Objects.requireNonNull(appSecret, "appSecret must not be null");
        this.lifetime = Objects.requireNonNull(lifetime, "lifetime must not be null");
        this.scopes = List.copyOf(scopes);
        Duration tenth = lifetime.dividedBy(10);
        this.refreshMargin = tenth.compareTo(Duration.ofMinutes(5)) > 0 ? Duration.ofMinutes(5) : tenth;
        this.clock = client.clock();
    }

    /** The cached API token, fetched anew when it is missing or within the refresh margin of its expiry. */
    public synchronized AccessToken current() {
        Instant now = clock.instant();
        if (current == null || !now.isBefore(current.expiresAt().minus(refreshMargin))) {
            current = client.apiToken(appKey, appSecret, lifetime, scopes.toArray(String[]::new));
        }
        return current;
    }

    /** Forgets the cached token (after the server rejected it, say). */
    public synchronized void invalidate() {
        current = null;
    }

    /** Convenience: a client access token obtained with the cached API token. */
    public AccessToken clientAccessToken(List<String> sessionScope, String externalId, Duration lifetime) {
        return client.clientAccessToken(current().accessToken(), sessionScope, externalId, lifetime);
    }
}
