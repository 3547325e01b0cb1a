package dev.tollgate.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Reuses one API token until it nears expiry, as the seed advises ("requests an API token with a longer validity
 * period ... and reuses it instead of acquiring a new API token each time a client access token is created").
 * A new token is fetched once {@code refreshMargin} before expiry (default: a tenth of the lifetime, at most five
 * minutes).
 *
 * <p>Thread-safe: concurrent callers share one fetch. The fetch runs under a {@link ReentrantLock}, not {@code
 * synchronized}, so a virtual thread waiting on the network does not pin its carrier (JEP 444); a fresh token is
 * read without taking the lock at all.
 */
public final class ApiTokenCache {
    private final TollgateClient client;
    private final String appKey;
    private final String appSecret;
    private final Duration lifetime;
    private final List<String> scopes;
    private final Duration refreshMargin;
    private final Clock clock;
    private final ReentrantLock fetching = new ReentrantLock();
    private volatile AccessToken current;

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
    public AccessToken current() {
        AccessToken token = current;
        if (fresh(token)) {
            return token;
        }
        fetching.lock();
        try {
            // Whoever held the lock before us may have fetched already: then its token is ours too.
            token = current;
            if (!fresh(token)) {
                token = client.apiToken(appKey, appSecret, lifetime, scopes.toArray(String[]::new));
                current = token;
            }
            return token;
        } finally {
            fetching.unlock();
        }
    }

    private boolean fresh(AccessToken token) {
        Instant now = clock.instant();
        return token != null && now.isBefore(token.expiresAt().minus(refreshMargin));
    }

    /** Forgets the cached token (after the server rejected it, say). */
    public void invalidate() {
        current = null;
    }

    /**
     * Forgets {@code rejected} if it is still the cached token; a newer one that another caller fetched meanwhile is
     * kept.
     */
    private void invalidate(AccessToken rejected) {
        fetching.lock();
        try {
            if (current == rejected) {
                current = null;
            }
        } finally {
            fetching.unlock();
        }
    }

    /**
     * Convenience: a client access token obtained with the cached API token. When the server refuses the cached token
     * (401: the application's signing key was rotated away, the application was recreated, the server's clock
     * differs), the token is dropped and the call made once more with a new one; a second refusal is thrown.
     */
    public AccessToken clientAccessToken(List<String> sessionScope, String externalId, Duration lifetime) {
        AccessToken api = current();
        try {
            return client.clientAccessToken(api.accessToken(), sessionScope, externalId, lifetime);
        } catch (TollgateException e) {
            if (e.status().orElse(0) != 401) {
                throw e;
            }
            invalidate(api);
            return client.clientAccessToken(current().accessToken(), sessionScope, externalId, lifetime);
        }
    }
}
