package dev.tollgate.edge;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a request is about: a channel, a room, or an origin stream. A token's designation ({@code requiredTag}) must
 * name it.
 *
 * <p>Implementations are immutable and thread-safe.
 */
public sealed interface Target permits Target.Channel, Target.Room, Target.OriginStream {

    /** A channel, by its ID and (when it has one) its alias. */
    static Channel channel(String id, String alias) {
        return new Channel(id, Optional.of(Objects.requireNonNull(alias, "alias must not be null")));
    }

    /** A channel known only by its ID. */
    static Channel channel(String id) {
        return new Channel(id, Optional.empty());
    }

    /**
     * A channel known only by its alias (its ID is empty): only a {@code channelAlias:} designation can name it, since
     * a {@code channelId:} designation cannot be checked against an ID nobody gave.
     */
    static Channel channelByAlias(String alias) {
        return new Channel("", Optional.of(Objects.requireNonNull(alias, "alias must not be null")));
    }

    /** A room, by its ID and (when it has one) its alias. */
    static Room room(String id, String alias) {
        return new Room(id, Optional.of(Objects.requireNonNull(alias, "alias must not be null")));
    }

    /** A room known only by its ID. */
    static Room room(String id) {
        return new Room(id, Optional.empty());
    }

    /** A room known only by its alias (its ID is empty); see {@link #channelByAlias(String)}. */
    static Room roomByAlias(String alias) {
        return new Room("", Optional.of(Objects.requireNonNull(alias, "alias must not be null")));
    }

    /** An origin stream with the tags it carries (for example {@code channelId:…}, {@code customer:acme}). */
    static OriginStream originStream(String id, Set<String> tags) {
        return new OriginStream(id, tags);
    }

    /** A short description for traces, e.g. {@code channel id=c1 alias=news}. */
    String describe();

    /**
     * A channel. Immutable and thread-safe.
     *
     * @param id the channel ID, matched by a {@code channelId:} designation; empty when the channel is known only by
     *     its alias
     * @param alias the channel alias, matched by a {@code channelAlias:} designation
     */
    record Channel(String id, Optional<String> alias) implements Target {
        public Channel {
            Objects.requireNonNull(alias, "alias must not be null (use Optional.empty())");
            requireIdOrAlias(id, alias, "channel");
        }

        @Override
        public String describe() {
            return describeNamed("channel", id, alias);
        }
    }

    /**
     * A room. Immutable and thread-safe.
     *
     * @param id the room ID, matched by a {@code roomId:} designation; empty when the room is known only by its alias
     * @param alias the room alias, matched by a {@code roomAlias:} designation
     */
    record Room(String id, Optional<String> alias) implements Target {
        public Room {
            Objects.requireNonNull(alias, "alias must not be null (use Optional.empty())");
            requireIdOrAlias(id, alias, "room");
        }

        @Override
        public String describe() {
            return describeNamed("room", id, alias);
        }
    }

    /**
     * An origin stream. Any designation, prefixed or not, matches when the stream carries it as a tag (streams of a
     * channel carry {@code channelId:<id>} and {@code channelAlias:<alias>}); {@code originStreamId} matches the ID.
     * Immutable and thread-safe.
     *
     * @param id the stream ID
     * @param tags the tags the stream carries
     */
    record OriginStream(String id, Set<String> tags) implements Target {
        public OriginStream {
            requireId(id, "origin stream");
            tags = Set.copyOf(Objects.requireNonNull(tags, "tags must not be null"));
        }

        @Override
        public String describe() {
            return "origin stream id=" + id + " tags=" + tags.stream().sorted().toList();
        }
    }

    private static String describeNamed(String kind, String id, Optional<String> alias) {
        return kind
                + (id.isEmpty() ? "" : " id=" + id)
                + alias.map(a -> " alias=" + a).orElse("");
    }

    private static void requireIdOrAlias(String id, Optional<String> alias, String what) {
        Objects.requireNonNull(id, what + " id must not be null");
        if (id.isEmpty() && alias.filter(a -> !a.isEmpty()).isEmpty()) {
            throw new IllegalArgumentException(what + " needs an id or a non-empty alias");
        }
    }

    private static void requireId(String id, String what) {
        Objects.requireNonNull(id, what + " id must not be null");
        if (id.isEmpty()) {
            throw new IllegalArgumentException(what + " id must not be empty");
        }
    }
}
