package dev.tollgate.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.edge.RevocationKind;
import dev.tollgate.edge.RevocationList;
import dev.tollgate.edge.RevocationSet;
import dev.tollgate.token.Claims;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An embedded edge's copy of Tollgate's revocation list: it follows {@code GET /v1/revocations/feed} (edge credential)
 * by polling it every {@link Builder#pollInterval} and keeps the entries in memory as a {@link RevocationSet}, so that
 * an {@link dev.tollgate.edge.EdgePolicy} built with {@code .revocations(feed)} refuses revoked tokens without a round
 * trip per decision.
 *
 * <pre>{@code
 * try (RevocationFeedClient feed = RevocationFeedClient.builder(URI.create("https://tollgate.internal"), edgeCredential)
 *         .start()) {
 *     EdgePolicy policy = EdgePolicy.builder().secrets(secrets).revocations(feed).build();
 *     ...
 * }
 * }</pre>
 *
 * <p><b>Staleness.</b> A revocation reaches the copy within one poll interval (default {@value #DEFAULT_POLL_SECONDS}
 * s) plus one request. When Tollgate cannot be reached the last copy is kept and used; once the last successful poll
 * is older than the staleness bound (default {@value #DEFAULT_STALENESS_SECONDS} s) every check answers {@link
 * RevocationList.Unavailable} (the policy refuses {@code revocations-unavailable}: fail closed, the default), or, when
 * built {@link WhenStale#FAIL_OPEN}, goes on matching the last copy. Before the first successful poll the copy counts as
 * stale. Time is read from the given {@link Clock}.
 *
 * <p>Compiled for Java 21, like the edge module it plugs into; the rest of the SDK runs on 17. Thread-safe: checks read
 * an immutable set swapped whole; polls are serial.
 */
public final class RevocationFeedClient implements RevocationList, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RevocationFeedClient.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int DEFAULT_POLL_SECONDS = 1;
    static final int DEFAULT_STALENESS_SECONDS = 30;

    /** How often the feed is asked by default. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(DEFAULT_POLL_SECONDS);

    /** How old the copy may grow by default before checks fail closed (or open). */
    public static final Duration DEFAULT_STALENESS_BOUND = Duration.ofSeconds(DEFAULT_STALENESS_SECONDS);

    /** The most pages one poll reads: a first poll of a long list is spread over the next polls beyond it. */
    static final int MAX_PAGES_PER_POLL = 100;

    /** What a check answers once the copy is older than the staleness bound. */
    public enum WhenStale {
        /** {@link RevocationList.Unavailable}: the decision is refused ({@code revocations-unavailable}). */
        FAIL_CLOSED,
        /** The last copy's answer: revoked tokens it knows of are still refused, the rest allowed. */
        FAIL_OPEN
    }

    private final URI feed;
    private final String authorization;
    private final Duration pollInterval;
    private final Duration stalenessBound;
    private final WhenStale whenStale;
    private final Clock clock;
    private final Duration requestTimeout;
    private final HttpClient http;
    private final ReentrantLock polling = new ReentrantLock();
    private ScheduledExecutorService scheduler;

    // Guarded by polling.
    private final Map<String, RevocationSet.Entry> entries = new HashMap<>();
    private long sequence;
    private boolean failing;

    private volatile RevocationSet set = RevocationSet.EMPTY;
    private volatile Instant lastSynced;

    private RevocationFeedClient(Builder builder) {
        String base = builder.baseUrl.toString();
        this.feed = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
                + "/v1/revocations/feed");
        this.authorization = "Bearer " + builder.edgeCredential;
        this.pollInterval = builder.pollInterval;
        this.stalenessBound = builder.stalenessBound;
        this.whenStale = builder.whenStale;
        this.clock = builder.clock;
        this.requestTimeout = builder.requestTimeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(builder.requestTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * A client of the Tollgate at {@code baseUrl} (as for {@link TollgateClient}), with the edge credential ({@code
     * tge_…}, {@code edge.token} in the server's data directory).
     */
    public static Builder builder(URI baseUrl, String edgeCredential) {
        return new Builder(baseUrl, edgeCredential);
    }

    @Override
    public Status check(String applicationId, Claims claims, Instant at) {
        RevocationSet current = set;
        if (whenStale == WhenStale.FAIL_CLOSED && stale(clock.instant())) {
            Instant synced = lastSynced;
            return new Unavailable((synced == null ? "no revocation list read yet from " + feed
                            : "the revocation list was last read from " + feed + " at " + synced)
                    + ", beyond its staleness bound of " + stalenessBound);
        }
        return current.check(applicationId, claims, at);
    }

    /** Whether the copy is older than the staleness bound at {@code now} (or was never read). */
    public boolean stale(Instant now) {
        Instant synced = lastSynced;
        return synced == null || now.isAfter(synced.plus(stalenessBound));
    }

    /** When the feed was last read successfully; empty before the first time. */
    public Optional<Instant> lastSynced() {
        return Optional.ofNullable(lastSynced);
    }

    /** The last sequence read: the feed is asked from here next. */
    public long sequence() {
        polling.lock();
        try {
            return sequence;
        } finally {
            polling.unlock();
        }
    }

    /** The entries in the copy now. */
    public RevocationSet entries() {
        return set;
    }

    /**
     * Reads what changed since the last sequence, every page of it (at most {@link #MAX_PAGES_PER_POLL}), and swaps
     * the copy. On any failure (unreachable, refused, a malformed answer) the last copy stays as it was.
     *
     * @return whether the feed was read
     */
    public boolean poll() {
        polling.lock();
        try {
            long from = sequence;
            Map<String, RevocationSet.Entry> read = new HashMap<>(entries);
            boolean more = true;
            for (int page = 0; more && page < MAX_PAGES_PER_POLL; page++) {
                JsonNode answer = fetch(from);
                for (JsonNode entry : answer.path("entries")) {
                    String id = text(entry, "id");
                    if (entry.path("active").asBoolean(false)) {
                        read.put(id, entry(entry, id));
                    } else {
                        read.remove(id);
                    }
                }
                from = answer.path("sequence").asLong(from);
                more = answer.path("more").asBoolean(false);
            }
            Instant now = clock.instant();
            read.values().removeIf(entry -> !entry.activeAt(now));
            RevocationSet rebuilt = RevocationSet.of(read.values());
            entries.clear();
            entries.putAll(read);
            sequence = from;
            set = rebuilt;
            lastSynced = now;
            if (failing) {
                LOG.log(System.Logger.Level.INFO, "reading the revocation feed " + feed + " again");
                failing = false;
            }
            return true;
        } catch (TollgateException | IllegalArgumentException e) {
            if (!failing) {
                // Once per outage, not once per poll.
                LOG.log(
                        System.Logger.Level.WARNING,
                        "cannot read the revocation feed " + feed + "; keeping the copy of " + lastSynced + ": "
                                + e.getMessage());
                failing = true;
            }
            return false;
        } finally {
            polling.unlock();
        }
    }

    private JsonNode fetch(long since) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(feed + "?since=" + since))
                .timeout(requestTimeout)
                .header("Authorization", authorization)
                .header("Accept", "application/json")
                .GET()
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new TollgateException(TollgateException.UNREACHABLE, "cannot reach " + feed + ": " + e, 0, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TollgateException(TollgateException.UNREACHABLE, "interrupted", 0, e);
        }
        if (response.statusCode() != 200) {
            throw new TollgateException(
                    TollgateException.BAD_RESPONSE,
                    "the feed answered " + response.statusCode(),
                    response.statusCode(),
                    null);
        }
        try {
            JsonNode answer = JSON.readTree(response.body());
            if (answer == null || !answer.path("entries").isArray() || !answer.path("sequence").canConvertToLong()) {
                throw new TollgateException(TollgateException.BAD_RESPONSE, "the feed's answer is malformed", 200, null);
            }
            return answer;
        } catch (IOException e) {
            throw new TollgateException(TollgateException.BAD_RESPONSE, "the feed's answer is not JSON", 200, e);
        }
    }

    private static RevocationSet.Entry entry(JsonNode entry, String id) {
        String kindName = text(entry, "kind");
        RevocationKind kind = RevocationKind.fromWireName(kindName)
                .orElseThrow(() -> new IllegalArgumentException("entry " + id + " has an unknown kind " + kindName));
        Instant endsAt;
        try {
            endsAt = Instant.parse(text(entry, "endsAt"));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("entry " + id + " has a malformed endsAt", e);
        }
        JsonNode alias = entry.path("alias");
        return new RevocationSet.Entry(
                id,
                text(entry, "applicationId"),
                kind,
                text(entry, "value"),
                alias.isTextual() ? Optional.of(alias.asText()) : Optional.empty(),
                endsAt);
    }

    private static String text(JsonNode entry, String field) {
        JsonNode value = entry.path(field);
        if (!value.isTextual()) {
            throw new IllegalArgumentException("a feed entry lacks " + field);
        }
        return value.asText();
    }

    /** Polls every poll interval on a thread of its own, the first poll at once (on the calling thread). */
    private RevocationFeedClient startPolling() {
        poll();
        scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofVirtual().name("tollgate-revocation-feed").factory());
        long millis = Math.max(1, pollInterval.toMillis());
        scheduler.scheduleWithFixedDelay(this::poll, millis, millis, TimeUnit.MILLISECONDS);
        return this;
    }

    /** Stops polling and releases the HTTP client; checks go on answering from the last copy until it is stale. */
    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            try {
                scheduler.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        http.close();
    }

    /** Settings of a {@link RevocationFeedClient}; reusable, validated in {@link #build()}. */
    public static final class Builder {
        private final URI baseUrl;
        private final String edgeCredential;
        private Duration pollInterval = DEFAULT_POLL_INTERVAL;
        private Duration stalenessBound = DEFAULT_STALENESS_BOUND;
        private WhenStale whenStale = WhenStale.FAIL_CLOSED;
        private Clock clock = Clock.systemUTC();
        private Duration requestTimeout = Duration.ofSeconds(5);

        private Builder(URI baseUrl, String edgeCredential) {
            this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
            this.edgeCredential = Objects.requireNonNull(edgeCredential, "edgeCredential");
        }

        /** How often the feed is asked (default 1 s): the delay with which a revocation reaches the copy. */
        public Builder pollInterval(Duration pollInterval) {
            this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
            return this;
        }

        /** How old the copy may grow, when Tollgate cannot be reached, before {@link WhenStale} applies (30 s). */
        public Builder stalenessBound(Duration stalenessBound) {
            this.stalenessBound = Objects.requireNonNull(stalenessBound, "stalenessBound");
            return this;
        }

        /** What checks answer past the staleness bound: {@link WhenStale#FAIL_CLOSED} (the default) or open. */
        public Builder whenStale(WhenStale whenStale) {
            this.whenStale = Objects.requireNonNull(whenStale, "whenStale");
            return this;
        }

        /** The time the staleness is measured on (the system's UTC clock by default). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How long one request to the feed may take (5 s). */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
            return this;
        }

        /** A client that polls only when {@link RevocationFeedClient#poll()} is called. */
        public RevocationFeedClient build() {
            positive(pollInterval, "pollInterval");
            positive(stalenessBound, "stalenessBound");
            positive(requestTimeout, "requestTimeout");
            if (stalenessBound.compareTo(pollInterval) < 0) {
                throw new IllegalArgumentException("the staleness bound (" + stalenessBound
                        + ") must not be shorter than the poll interval (" + pollInterval + ")");
            }
            if (!edgeCredential.startsWith("tge_")) {
                throw new IllegalArgumentException("an edge credential starts with tge_");
            }
            return new RevocationFeedClient(this);
        }

        /** A client that has polled once (successfully or not) and goes on every poll interval in the background. */
        public RevocationFeedClient start() {
            return build().startPolling();
        }

        private static void positive(Duration duration, String name) {
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + duration);
            }
        }
    }
}
