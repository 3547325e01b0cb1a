package dev.tollgate.token;

import java.util.Objects;

/**
 * The {@code requiredTag} claim: the token's designation. {@code channelId:}, {@code channelAlias:}, {@code roomId:}
 * and {@code roomAlias:} prefixes name a channel or a room; any other value is a tag the target stream must carry.
 *
 * @param raw the claim exactly as in the token
 * @param kind which kind of designation the prefix says
 * @param value the part after the prefix (the whole tag for {@link Kind#OTHER})
 */
public record RequiredTag(String raw, Kind kind, String value) {

    /** The designation kinds, with the prefix each one is written with. Immutable and thread-safe. */
    public enum Kind {
        CHANNEL_ID("channelId:"),
        CHANNEL_ALIAS("channelAlias:"),
        ROOM_ID("roomId:"),
        ROOM_ALIAS("roomAlias:"),
        OTHER("");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }

        /** The prefix this kind is written with, empty for {@link #OTHER}. */
        public String prefix() {
            return prefix;
        }
    }

    public RequiredTag {
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
    }

    private static final Kind[] DESIGNATIONS = {Kind.CHANNEL_ID, Kind.CHANNEL_ALIAS, Kind.ROOM_ID, Kind.ROOM_ALIAS};

    /** Classifies a {@code requiredTag} claim by its prefix. */
    public static RequiredTag parse(String raw) {
        Objects.requireNonNull(raw, "raw");
        for (Kind kind : DESIGNATIONS) {
            if (raw.startsWith(kind.prefix)) {
                return new RequiredTag(raw, kind, raw.substring(kind.prefix.length()));
            }
        }
        return new RequiredTag(raw, Kind.OTHER, raw);
    }
}
