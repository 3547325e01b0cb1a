package dev.tollgate.server.internal.registry;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Creates, finds and deletes the channels and rooms of an application over a {@link ChannelStore}. IDs have the seed's
 * shape {@code <region>#<applicationId>#<alias>.<random>} ({@code us-northeast#…#news.Xy3_k9Qa}), the region from the
 * server's configuration and the random part from the server's {@link SecureRandom}.
 *
 * <p>An alias is 1 to {@value #MAX_ALIAS_LENGTH} characters of {@code [A-Za-z0-9._-]}: it must travel as an RTMP
 * stream name ({@code rtmp://host/live/<alias>?token=…}, within nginx-rtmp's 255 bytes of name and query) and as a
 * URL path segment without percent-encoding, and it can never be mistaken for an ID, which always holds {@code #}.
 *
 * <p>Thread-safe.
 */
public final class Channels {
    public static final int MAX_ALIAS_LENGTH = 128;

    /** The most a listing returns. */
    public static final int MAX_LIST = 1000;

    private static final Pattern ALIAS = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_ALIAS_LENGTH + "}");
    private static final Pattern REGION = Pattern.compile("[a-z0-9-]{1,32}");

    /** Random bytes of an ID: 48 bits, eight base64url characters, enough that two creations never collide. */
    private static final int RANDOM_BYTES = 6;

    private static final int ATTEMPTS = 3;

    private final ChannelStore store;
    private final String region;
    private final SecureRandom random;
    private final Clock clock;

    public Channels(ChannelStore store, String region, SecureRandom random, Clock clock) {
        if (!validRegion(region)) {
            throw new IllegalArgumentException(
                    "a region is 1 to 32 characters of lower-case letters, digits and '-', was " + region);
        }
        this.store = Objects.requireNonNull(store, "store");
        this.region = region;
        this.random = Objects.requireNonNull(random, "random");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The outcome of {@link #create}. */
    public sealed interface Creation {}

    /** Created and stored. */
    public record Created(Channel channel) implements Creation {}

    /** The application already has a channel (or room) with this alias. */
    public record AliasTaken(String alias) implements Creation {}

    /** Whether {@code alias} may name a channel or room ({@link Channels}). */
    public static boolean validAlias(String alias) {
        return alias != null && ALIAS.matcher(alias).matches();
    }

    /** Whether {@code region} may lead an ID: 1 to 32 characters of {@code [a-z0-9-]}. */
    public static boolean validRegion(String region) {
        return region != null && REGION.matcher(region).matches();
    }

    /**
     * Creates a channel or room of the application.
     *
     * @throws IllegalArgumentException when the alias is not {@link #validAlias valid}: the caller checks it first
     */
    public Creation create(String applicationId, Channel.Kind kind, String alias) {
        if (!validAlias(alias)) {
            throw new IllegalArgumentException("an alias is 1 to " + MAX_ALIAS_LENGTH
                    + " characters of A-Z, a-z, 0-9, '.', '_' and '-', was " + alias);
        }
        // The store keeps epoch milliseconds: the answer to the creation says what a later read will say.
        Instant now = Instant.ofEpochMilli(clock.millis());
        // A collision of the random part (2^-48) is a unique violation like a taken alias; the alias decides which.
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Channel channel = new Channel(id(applicationId, alias), applicationId, kind, alias, now);
            if (store.insert(channel)) {
                return new Created(channel);
            }
            if (store.find(applicationId, kind, alias).isPresent()) {
                return new AliasTaken(alias);
            }
        }
        throw new IllegalStateException("no free ID for " + alias + " after " + ATTEMPTS + " attempts");
    }

    /** The application's channel or room whose ID or alias is {@code idOrAlias}. */
    public Optional<Channel> find(String applicationId, Channel.Kind kind, String idOrAlias) {
        return store.find(applicationId, kind, idOrAlias);
    }

    /** The application's channels or rooms, oldest first, at most {@code limit}. */
    public List<Channel> list(String applicationId, Channel.Kind kind, int limit) {
        return store.list(applicationId, kind, limit);
    }

    /** Deletes the channel or room and its streams; false when the application has none by this ID. */
    public boolean delete(String applicationId, Channel.Kind kind, String id) {
        return store.delete(applicationId, kind, id);
    }

    /** The channel's live origin streams, newest first. */
    public List<OriginStream> liveStreams(Channel channel) {
        return store.liveStreams(channel.id());
    }

    /** The channel's streams, live and ended, newest first, at most {@code limit}. */
    public List<OriginStream> streams(Channel channel, int limit) {
        return store.streams(channel.id(), limit);
    }

    private String id(String applicationId, String alias) {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        return region + "#" + applicationId + "#" + alias + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
