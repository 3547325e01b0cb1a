package dev.tollgate.server.internal.revocations;

import dev.tollgate.server.internal.keys.Sha256;
import dev.tollgate.token.Claims;
import dev.tollgate.token.RequiredTag;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The revocation list the decision path checks, held in memory: a decision looks a token up in hash maps and never
 * queries the store. The copy follows the store with bounded staleness: a check made more than {@link
 * #refreshInterval} after the last read re-reads the entries changed since the last sequence seen (one indexed query,
 * run by one caller while the others use the copy they have), and what this node creates or withdraws is applied at
 * once. So a change made through another node (sharing one PostgreSQL) is enforced here within the interval plus one
 * query.
 *
 * <p>When the store cannot be read the last copy is kept; once it is older than {@link #maxStaleness} every check
 * throws the store's failure (the caller answers 503 and the edge refuses): decisions fail closed only past the bound.
 *
 * <p>Thread-safe: the copy is an immutable index swapped whole; changes to it are made under one lock.
 */
public final class Revocations {
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

    private volatile Index index = Index.EMPTY;
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
    public Instant defaultEnd(Revocation.Kind kind, Instant at) {
        if (kind == Revocation.Kind.TOKEN) {
            throw new IllegalArgumentException("a token's entry ends at the token's own expiry");
        }
        return at.plus(kind.jwtOnly() ? JWT_HORIZON : digestHorizon);
    }

    /** The grant digest a DIGEST token is revoked by (and its usage sessions keep): the same grant however carried. */
    public static String grantDigest(String applicationId, Claims claims) {
        return Sha256.hex(applicationId + "\n" + claims.json());
    }

    /** Stores an entry (or finds the active one of the same match) and applies it here at once. */
    public RevocationStore.Created revoke(Revocation entry) {
        RevocationStore.Created created = store.create(entry, clock.instant());
        if (created.isNew()) {
            refresh();
        }
        return created;
    }

    /** Withdraws an active entry and applies it here at once; false when there is none. */
    public boolean withdraw(String applicationId, String id) {
        boolean withdrawn = store.withdraw(applicationId, id, clock.instant());
        if (withdrawn) {
            refresh();
        }
        return withdrawn;
    }

    /** The first active entry matching a verified DIGEST token of {@code applicationId}. */
    public Optional<Revocation> matching(String applicationId, Claims claims) {
        Instant now = clock.instant();
        Entries of = current(now).of(applicationId);
        if (of == null) {
            return Optional.empty();
        }
        Optional<String> designation = claims.requiredTag().map(RequiredTag::value);
        Optional<RequiredTag.Kind> designates = claims.requiredTag().map(RequiredTag::kind);
        return first(
                now,
                // The digest is computed only when the application has single-token entries: it costs a SHA-256.
                of.tokens.isEmpty() ? null : of.tokens.get(grantDigest(applicationId, claims)),
                designation.isPresent() ? of.designated(designates.get(), designation.get()) : null,
                of.anyTag(claims.applyTags(), now),
                claims.sessionId().map(of.sessions::get).orElse(null));
    }

    /**
     * The first active entry matching an established media-server session: its grant digest, the channel it streams,
     * its designation and its applied tags (what a usage session keeps).
     */
    public Optional<Revocation> matchingStream(
            String applicationId,
            String grantDigest,
            Optional<String> channelId,
            Optional<String> requiredTag,
            List<String> tags) {
        Instant now = clock.instant();
        Entries of = current(now).of(applicationId);
        if (of == null) {
            return Optional.empty();
        }
        Optional<RequiredTag> designation = requiredTag.map(RequiredTag::parse);
        return first(
                now,
                of.tokens.get(grantDigest),
                channelId
                        .map(id -> of.channels.containsKey(id) ? of.channels.get(id) : of.rooms.get(id))
                        .orElse(null),
                designation.map(d -> of.designated(d.kind(), d.value())).orElse(null),
                of.anyTag(tags, now));
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
                index = Index.of(entries.values(), now);
            }
            lastRead = now;
        } finally {
            lock.unlock();
        }
    }

    /** One application's active entries, newest first, at most {@code limit} (read from the store). */
    public List<Revocation> listActive(String applicationId, int limit) {
        return store.listActive(applicationId, clock.instant(), limit);
    }

    /** Deletes at most {@code limit} entries that ended before {@code before}; how many. */
    public int purgeEndedBefore(Instant before, int limit) {
        return store.purgeEndedBefore(before, limit);
    }

    private Index current(Instant now) {
        if (lastRead.plus(refreshInterval).isAfter(now)) {
            return index;
        }
        // One caller re-reads; the others go on with the copy they have while it is within the staleness bound.
        if (lock.tryLock()) {
            try {
                refresh();
            } catch (RuntimeException e) {
                if (lastRead.plus(maxStaleness).isBefore(now)) {
                    throw e;
                }
            } finally {
                lock.unlock();
            }
        } else if (lastRead.plus(maxStaleness).isBefore(now)) {
            throw new IllegalStateException("the revocation list was last read at " + lastRead
                    + ", beyond its staleness bound of " + maxStaleness);
        }
        return index;
    }

    private static Optional<Revocation> first(Instant now, Revocation... candidates) {
        for (Revocation candidate : candidates) {
            if (candidate != null && candidate.activeAt(now)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static Duration positive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + duration);
        }
        return duration;
    }

    /** The entries of every application, by kind and value. Immutable once built. */
    private record Index(Map<String, Entries> byApplication, Instant builtAt) {
        static final Index EMPTY = new Index(Map.of(), Instant.MIN);

        Entries of(String applicationId) {
            return byApplication.get(applicationId);
        }

        static Index of(Iterable<Revocation> all, Instant at) {
            Map<String, Entries> byApplication = new HashMap<>();
            for (Revocation entry : all) {
                Entries of = byApplication.computeIfAbsent(entry.applicationId(), app -> new Entries());
                Map<String, Revocation> target = switch (entry.kind()) {
                    case TOKEN -> of.tokens;
                    case TAG -> of.tags;
                    case CHANNEL -> of.channels;
                    case ROOM -> of.rooms;
                    case SESSION -> of.sessions;
                    case SUBJECT -> of.subjects;
                    case ISSUED_BEFORE -> of.issuedBefore;
                };
                target.put(entry.value(), entry);
                if (entry.kind() == Revocation.Kind.CHANNEL) {
                    entry.alias().ifPresent(alias -> of.channelAliases.put(alias, entry));
                } else if (entry.kind() == Revocation.Kind.ROOM) {
                    entry.alias().ifPresent(alias -> of.roomAliases.put(alias, entry));
                }
            }
            return new Index(Map.copyOf(byApplication), at);
        }
    }

    /** One application's entries by kind; filled once, then only read. */
    private static final class Entries {
        final Map<String, Revocation> tokens = new HashMap<>();
        final Map<String, Revocation> tags = new HashMap<>();
        final Map<String, Revocation> channels = new HashMap<>();
        final Map<String, Revocation> channelAliases = new HashMap<>();
        final Map<String, Revocation> rooms = new HashMap<>();
        final Map<String, Revocation> roomAliases = new HashMap<>();
        final Map<String, Revocation> sessions = new HashMap<>();
        final Map<String, Revocation> subjects = new HashMap<>();
        final Map<String, Revocation> issuedBefore = new HashMap<>();

        /** The entry matching a designation: a channel or room by ID or alias, else a required tag. */
        Revocation designated(RequiredTag.Kind kind, String value) {
            return switch (kind) {
                case CHANNEL_ID -> channels.get(value);
                case CHANNEL_ALIAS ->
                    channelAliases.containsKey(value) ? channelAliases.get(value) : channels.get(value);
                case ROOM_ID -> rooms.get(value);
                case ROOM_ALIAS -> roomAliases.containsKey(value) ? roomAliases.get(value) : rooms.get(value);
                case OTHER -> tags.get(value);
            };
        }

        Revocation anyTag(List<String> applied, Instant now) {
            if (tags.isEmpty()) {
                return null;
            }
            for (String tag : applied) {
                Revocation entry = tags.get(tag);
                if (entry != null && entry.activeAt(now)) {
                    return entry;
                }
            }
            return null;
        }
    }
}
