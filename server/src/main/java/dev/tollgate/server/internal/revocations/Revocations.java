package dev.tollgate.server.internal.revocations;

import dev.tollgate.edge.RevocationKind;
import dev.tollgate.edge.RevocationList;
import dev.tollgate.edge.RevocationSet;
import dev.tollgate.server.internal.changes.Changes;
import dev.tollgate.server.internal.changes.Topic;
import dev.tollgate.server.internal.keys.Sha256;
import dev.tollgate.token.Claims;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The revocation list the decision path checks, held in memory: a decision looks a token up in hash maps and never
 * queries the store. The copy follows the store with bounded staleness: a check made more than {@link
 * #refreshInterval} after the last read re-reads the entries changed since the last sequence seen (one indexed query,
 * run by one caller while the others use the copy they have), and what this node creates or withdraws is applied at
 * once. So a change made through another node (sharing one PostgreSQL) is enforced here within the interval plus one
 * query.
 *
 * <p>When the store cannot be read the last copy is kept; once it is older than {@link #maxStaleness} every check
 * answers {@link RevocationList.Unavailable} (the decision is refused {@code revocations-unavailable}, 503): decisions
 * fail closed only past the bound, and only those that need the set (every DIGEST decision, every keep-alive of an
 * established stream, every request with an API token or client access token).
 *
 * <p>It is the server's {@link RevocationList}: the matching is the edge module's {@link RevocationSet}, the same index
 * an embedded edge's feed client keeps.
 *
 * <p>Thread-safe: the copy is an immutable {@link RevocationSet} swapped whole; changes to it are made under one lock.
 */
public final class Revocations implements RevocationList {
    private static final Logger LOG = LoggerFactory.getLogger(Revocations.class);

    /** How often, at most, a check re-reads the store. */
    public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofSeconds(1);

    /** How long a copy may go unrefreshed before checks fail closed. */
    public static final Duration DEFAULT_MAX_STALENESS = Duration.ofSeconds(30);

    /** How long a kind that matches DIGEST tokens holds by default: they may be minted with any lifetime. */
    public static final Duration DEFAULT_DIGEST_HORIZON = Duration.ofDays(30);

    /** How long a kind that matches only JWTs holds by default: none lives longer (ServerConfig.MAX_TOKEN_LIFETIME). */
    public static final Duration JWT_HORIZON = Duration.ofHours(24);

    private static final int PAGE = 10_000;

    private final RevocationStore store;
    private final Clock clock;
    private final Duration refreshInterval;
    private final Duration maxStaleness;
    private final Duration digestHorizon;
    private final ReentrantLock lock = new ReentrantLock();

    // Guarded by lock; the index is rebuilt from it after every change.
    private final Map<String, Revocation> entries = new HashMap<>();
    private long lastSequence;

    private volatile RevocationSet set = RevocationSet.EMPTY;
    private volatile Changes changes = Changes.NONE;
    private volatile Instant lastRead = Instant.MIN;

    public Revocations(
            RevocationStore store,
            Clock clock,
            Duration refreshInterval,
            Duration maxStaleness,
            Duration digestHorizon) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.refreshInterval = positive(refreshInterval, "refreshInterval");
        this.maxStaleness = positive(maxStaleness, "maxStaleness");
        this.digestHorizon = positive(digestHorizon, "digestHorizon");
        if (maxStaleness.compareTo(refreshInterval) < 0) {
            throw new IllegalArgumentException("maxStaleness (" + maxStaleness
                    + ") must not be shorter than refreshInterval (" + refreshInterval + ")");
        }
    }

    /** With the default interval, staleness bound and DIGEST horizon. */
    public Revocations(RevocationStore store, Clock clock) {
        this(store, clock, DEFAULT_REFRESH_INTERVAL, DEFAULT_MAX_STALENESS, DEFAULT_DIGEST_HORIZON);
    }

    /** The DIGEST horizon: the default end of a tag, channel, room or session entry. */
    public Duration digestHorizon() {
        return digestHorizon;
    }

    /** The end an entry of {@code kind} made at {@code at} has when the caller names none (not for a single token). */
    public Instant defaultEnd(RevocationKind kind, Instant at) {
        if (kind == RevocationKind.TOKEN) {
            throw new IllegalArgumentException("a token's entry ends at the token's own expiry");
        }
        return at.plus(kind.jwtOnly() ? JWT_HORIZON : digestHorizon);
    }

    /** The grant digest a DIGEST token is revoked by (and its usage sessions keep): the same grant however carried. */
    public static String grantDigest(String applicationId, Claims claims) {
        return RevocationList.grantDigest(applicationId, claims);
    }

    /**
     * Tells the other nodes of every change made here, and re-reads when they tell of theirs ({@link Changes}): what
     * bounds the propagation to the notice's delay rather than the refresh interval.
     */
    public void shareThrough(Changes changes) {
        this.changes = Objects.requireNonNull(changes, "changes");
        Changes.Listener reread = new Changes.Listener() {
            @Override
            public void changed(String applicationId) {
                refresh();
            }

            @Override
            public void missed() {
                refresh();
            }
        };
        changes.subscribe(Topic.REVOCATIONS, reread);
    }

    /**
     * What a subject entry holds for an external ID: the ID itself, or, past the column's 512 characters (an external
     * ID may be 1,024 UTF-8 bytes), {@code sha256:} and its digest. The JWT check looks it up the same way.
     */
    public static String subjectValue(String externalId) {
        return externalId.length() <= 512 ? externalId : "sha256:" + Sha256.hex(externalId);
    }

    /** Stores an entry (or finds the active one of the same match) and applies it here at once. */
    public RevocationStore.Created revoke(Revocation entry) {
        RevocationStore.Created created = store.create(entry, clock.instant());
        if (created.isNew()) {
            refresh();
            changes.publish(Topic.REVOCATIONS, entry.applicationId());
        }
        return created;
    }

    /** Withdraws an active entry and applies it here at once; false when there is none. */
    public boolean withdraw(String applicationId, String id) {
        boolean withdrawn = store.withdraw(applicationId, id, clock.instant());
        if (withdrawn) {
            refresh();
            changes.publish(Topic.REVOCATIONS, applicationId);
        }
        return withdrawn;
    }

    /**
     * Whether a verified DIGEST token is revoked: what {@link dev.tollgate.edge.EdgePolicy} asks once every other
     * check passed. {@link RevocationList.Unavailable} when the copy is past its staleness bound.
     */
    @Override
    public RevocationList.Status check(String applicationId, Claims claims, Instant at) {
        RevocationSet set = current(clock.instant());
        return set == null ? unavailable() : set.check(applicationId, claims, at);
    }

    /**
     * Whether an established media-server session is revoked, by what its usage session keeps: its grant digest, the
     * channel it streams, its designation, its applied tags and its {@code sessionId}.
     */
    public RevocationList.Status checkStream(
            String applicationId,
            String grantDigest,
            Optional<String> channelId,
            Optional<String> requiredTag,
            List<String> tags,
            Optional<String> sessionId) {
        Instant now = clock.instant();
        RevocationSet set = current(now);
        if (set == null) {
            return unavailable();
        }
        return status(set.matchingStream(applicationId, grantDigest, channelId, requiredTag, tags, sessionId, now));
    }

    /**
     * Whether a JWT this server issued is revoked: by its {@code jti}, its external ID (a client access token's) or
     * an {@code iat} watermark of its application.
     */
    public RevocationList.Status checkJwt(
            String applicationId, String jti, Optional<String> externalId, Instant issuedAt) {
        Instant now = clock.instant();
        RevocationSet set = current(now);
        if (set == null) {
            return unavailable();
        }
        return status(set.matchingJwt(applicationId, jti, externalId.map(Revocations::subjectValue), issuedAt, now));
    }

    private static RevocationList.Status status(Optional<RevocationSet.Entry> match) {
        return match.<RevocationList.Status>map(RevocationSet.Entry::revoked).orElse(RevocationList.Status.NOT_REVOKED);
    }

    private RevocationList.Unavailable unavailable() {
        return new RevocationList.Unavailable("the revocation list was last read at " + lastRead
                + ", beyond its staleness bound of " + maxStaleness + "; its store cannot be read");
    }

    /** Re-reads what changed since the last sequence seen; throws when the store cannot be read. */
    public void refresh() {
        lock.lock();
        try {
            Instant now = clock.instant();
            boolean changed = false;
            List<Revocation> page;
            do {
                page = store.changedSince(lastSequence, PAGE);
                for (Revocation entry : page) {
                    entries.put(entry.id(), entry);
                    lastSequence = Math.max(lastSequence, entry.sequence());
                    changed = true;
                }
            } while (page.size() == PAGE);
            if (changed) {
                // Ended entries go at the next change (and from the store at the purge); a check skips them anyway.
                entries.values().removeIf(entry -> !entry.activeAt(now));
                set = RevocationSet.of(
                        entries.values().stream().map(Revocation::entry).toList());
            }
            lastRead = now;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Every entry of every application changed after {@code sequence} (created, made active again, withdrawn or
     * ended), in sequence order, at most {@code limit}, read from the store: what the edge feed serves.
     */
    public List<Revocation> changedSince(long sequence, int limit) {
        return store.changedSince(sequence, limit);
    }

    /** One application's active entries, newest first, at most {@code limit} (read from the store). */
    public List<Revocation> listActive(String applicationId, int limit) {
        return store.listActive(applicationId, clock.instant(), limit);
    }

    /** Deletes at most {@code limit} entries that ended before {@code before}; how many. */
    public int purgeEndedBefore(Instant before, int limit) {
        return store.purgeEndedBefore(before, limit);
    }

    /** The copy to match with, re-read first when it is older than the interval; null past the staleness bound. */
    private RevocationSet current(Instant now) {
        if (lastRead.plus(refreshInterval).isAfter(now)) {
            return set;
        }
        // One caller re-reads; the others go on with the copy they have while it is within the staleness bound.
        if (lock.tryLock()) {
            try {
                refresh();
            } catch (RuntimeException e) {
                if (lastRead.plus(maxStaleness).isBefore(now)) {
                    LOG.warn("the revocation list cannot be read and is past its staleness bound: {}", e.toString());
                    return null;
                }
                LOG.debug("the revocation list cannot be read; the copy of {} is used", lastRead);
            } finally {
                lock.unlock();
            }
        } else if (lastRead.equals(Instant.MIN)) {
            // Never read yet (the first requests after a start): wait for the read in progress rather than refuse.
            lock.lock();
            try {
                if (lastRead.equals(Instant.MIN)) {
                    refresh();
                }
            } catch (RuntimeException e) {
                LOG.warn("the revocation list cannot be read: {}", e.toString());
                return null;
            } finally {
                lock.unlock();
            }
        } else if (lastRead.plus(maxStaleness).isBefore(now)) {
            return null;
        }
        return set;
    }

    private static Duration positive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + duration);
        }
        return duration;
    }
}
