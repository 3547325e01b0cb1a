package dev.tollgate.server.internal.registry;

import dev.tollgate.edge.Target;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A channel or a room of an application, as the seed designates them: by ID or by alias. IDs look like the seed's
 * {@code <region>#<applicationId>#<alias>.<random>}; aliases are unique per application and kind.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the channel's or room's ID
 * @param applicationId the application that owns it
 * @param kind channel or room
 * @param alias the alias, unique within the application and kind
 * @param createdAt when it was created
 */
public record Channel(String id, String applicationId, Kind kind, String alias, Instant createdAt) {

    public Channel {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** Channel or room: the seed's two kinds of target, designated by {@code channelId:}/{@code roomId:} and so on. */
    public enum Kind {
        CHANNEL("channel"),
        ROOM("room");

        private final String wireName;

        Kind(String wireName) {
            this.wireName = wireName;
        }

        /** {@code channel} or {@code room}, as stored and on the wire. */
        public String wireName() {
            return wireName;
        }

        /** The kind named {@code wireName}, empty for any other text. */
        public static Optional<Kind> fromWire(String wireName) {
            for (Kind kind : values()) {
                if (kind.wireName.equals(wireName)) {
                    return Optional.of(kind);
                }
            }
            return Optional.empty();
        }
    }

    /** The edge's view of it: what a designation must name. */
    public Target target() {
        return kind == Kind.CHANNEL ? Target.channel(id, alias) : Target.room(id, alias);
    }

    /**
     * The tags an origin stream of this channel carries, so that a token designating the channel by ID or alias also
     * names the stream (the edge policy's rule for origin-stream targets).
     */
    public Set<String> streamTags() {
        return kind == Kind.CHANNEL
                ? Set.of("channelId:" + id, "channelAlias:" + alias)
                : Set.of("roomId:" + id, "roomAlias:" + alias);
    }
}
