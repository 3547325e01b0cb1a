package dev.tollgate.token;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The options of a digest token as the reference EdgeAuth CLI takes them, and the one routine that applies them to a
 * {@link TokenBuilder}: {@link #applyTo(TokenBuilder)}, in the reference CLI's order. The claims are written in the
 * order of the builder calls, so two surfaces that map the same options separately can write different bytes; {@code
 * tollgate token create} and {@code POST /v1/edge-tokens} both go through here and mint the same token.
 *
 * <p>The application ID, the secret and the clock are the caller's: they are not claims, and a secret has no place in
 * a value that may be logged. An empty list or absent value is an option not given.
 *
 * <pre>{@code
 * String token = TokenOptions.builder()
 *         .type(TokenType.STREAM)
 *         .channelAlias("my-channel")
 *         .build()
 *         .applyTo(new TokenBuilder().withApplicationId(id).withSecret(secret))
 *         .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe; its {@link Builder} is not thread-safe.
 *
 * @param expiresAt the expiry; wins over {@code expiresInSeconds}, as the reference CLI's {@code --expiresAt} does
 * @param expiresInSeconds the lifetime from each build when {@code expiresAt} is absent (default {@link
 *     #DEFAULT_EXPIRES_IN_SECONDS}, the reference CLI's)
 * @param type {@link TokenType#EDGE} writes no {@code type}
 */
public record TokenOptions(
        Optional<String> uri,
        Optional<Instant> expiresAt,
        long expiresInSeconds,
        TokenType type,
        List<String> capabilities,
        List<String> allowCountries,
        List<String> denyCountries,
        List<String> allowPostalCodes,
        List<String> denyPostalCodes,
        Optional<String> sessionId,
        Optional<String> remoteAddress,
        Optional<String> originStreamId,
        Optional<String> channel,
        Optional<String> channelAlias,
        Optional<String> room,
        Optional<String> roomAlias,
        Optional<String> tag,
        List<String> applyTags) {
    /** The reference CLI's default lifetime: one hour. */
    public static final long DEFAULT_EXPIRES_IN_SECONDS = 3600;

    public TokenOptions {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(type, "type");
        capabilities = copy(capabilities, "capabilities");
        allowCountries = copy(allowCountries, "allowCountries");
        denyCountries = copy(denyCountries, "denyCountries");
        allowPostalCodes = copy(allowPostalCodes, "allowPostalCodes");
        denyPostalCodes = copy(denyPostalCodes, "denyPostalCodes");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(remoteAddress, "remoteAddress");
        Objects.requireNonNull(originStreamId, "originStreamId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(channelAlias, "channelAlias");
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(roomAlias, "roomAlias");
        Objects.requireNonNull(tag, "tag");
        applyTags = copy(applyTags, "applyTags");
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Applies every option to {@code builder} in the reference EdgeAuth CLI's order: uri, expiry, type, capabilities
     * (the location constraints are capabilities too), session, remote address, origin stream, channel, channel alias,
     * room, room alias, tag, applied tags. Of the designations (channel … tag) the last given wins, as in the reference.
     *
     * @return {@code builder}, for {@link TokenBuilder#build()}
     * @throws IllegalArgumentException as the builder's setters do, e.g. for a malformed country code
     */
    public TokenBuilder applyTo(TokenBuilder builder) {
        Objects.requireNonNull(builder, "builder");
        uri.ifPresent(builder::withUri);
        if (expiresAt.isPresent()) {
            builder.expiresAt(expiresAt.get());
        } else {
            builder.expiresInSeconds(expiresInSeconds);
        }
        switch (type) {
            case AUTH:
                builder.forAuthenticationOnly();
                break;
            case STREAM:
                builder.forStreamingOnly();
                break;
            case PUBLISH:
                builder.forPublishingOnly();
                break;
            case EDGE:
                break;
        }
        capabilities.forEach(builder::withCapability);
        if (!allowCountries.isEmpty()) {
            builder.allowCountries(allowCountries.toArray(new String[0]));
        }
        if (!denyCountries.isEmpty()) {
            builder.denyCountries(denyCountries.toArray(new String[0]));
        }
        if (!allowPostalCodes.isEmpty()) {
            builder.allowPostalCodes(allowPostalCodes.toArray(new String[0]));
        }
        if (!denyPostalCodes.isEmpty()) {
            builder.denyPostalCodes(denyPostalCodes.toArray(new String[0]));
        }
        sessionId.ifPresent(builder::forSession);
        remoteAddress.ifPresent(builder::forRemoteAddress);
        originStreamId.ifPresent(builder::forOriginStream);
        channel.ifPresent(builder::forChannel);
        channelAlias.ifPresent(builder::forChannelAlias);
        room.ifPresent(builder::forRoom);
        roomAlias.ifPresent(builder::forRoomAlias);
        tag.ifPresent(builder::forTag);
        applyTags.forEach(builder::applyTag);
        return builder;
    }

    private static List<String> copy(List<String> values, String name) {
        List<String> copy = new ArrayList<>(Objects.requireNonNull(values, name));
        for (String value : copy) {
            Objects.requireNonNull(value, () -> name + " must not hold null");
        }
        return Collections.unmodifiableList(copy);
    }

    /**
     * Collects options; a {@code null} argument leaves the option not given, so that a caller maps optional inputs
     * one to one. Reusable. Not thread-safe.
     */
    public static final class Builder {
        private String uri;
        private Instant expiresAt;
        private long expiresInSeconds = DEFAULT_EXPIRES_IN_SECONDS;
        private TokenType type = TokenType.EDGE;
        private final List<String> capabilities = new ArrayList<>();
        private List<String> allowCountries = List.of();
        private List<String> denyCountries = List.of();
        private List<String> allowPostalCodes = List.of();
        private List<String> denyPostalCodes = List.of();
        private String sessionId;
        private String remoteAddress;
        private String originStreamId;
        private String channel;
        private String channelAlias;
        private String room;
        private String roomAlias;
        private String tag;
        private final List<String> applyTags = new ArrayList<>();

        private Builder() {}

        public Builder uri(String uri) {
            this.uri = uri;
            return this;
        }

        public Builder expiresAt(Instant expiresAt) {
            this.expiresAt = expiresAt;
            return this;
        }

        public Builder expiresInSeconds(long seconds) {
            this.expiresInSeconds = seconds;
            return this;
        }

        /** The token's type; {@code null} = {@link TokenType#EDGE}. */
        public Builder type(TokenType type) {
            this.type = type == null ? TokenType.EDGE : type;
            return this;
        }

        /** Adds capabilities, in order. */
        public Builder capabilities(List<String> capabilities) {
            this.capabilities.addAll(capabilities);
            return this;
        }

        public Builder allowCountries(List<String> countries) {
            this.allowCountries = countries == null ? List.of() : countries;
            return this;
        }

        public Builder denyCountries(List<String> countries) {
            this.denyCountries = countries == null ? List.of() : countries;
            return this;
        }

        public Builder allowPostalCodes(List<String> postalCodes) {
            this.allowPostalCodes = postalCodes == null ? List.of() : postalCodes;
            return this;
        }

        public Builder denyPostalCodes(List<String> postalCodes) {
            this.denyPostalCodes = postalCodes == null ? List.of() : postalCodes;
            return this;
        }

        public Builder sessionId(String sessionId) {
            this.sessionId = sessionId;
            return this;
        }

        public Builder remoteAddress(String remoteAddress) {
            this.remoteAddress = remoteAddress;
            return this;
        }

        public Builder originStreamId(String originStreamId) {
            this.originStreamId = originStreamId;
            return this;
        }

        public Builder channel(String channel) {
            this.channel = channel;
            return this;
        }

        public Builder channelAlias(String channelAlias) {
            this.channelAlias = channelAlias;
            return this;
        }

        public Builder room(String room) {
            this.room = room;
            return this;
        }

        public Builder roomAlias(String roomAlias) {
            this.roomAlias = roomAlias;
            return this;
        }

        public Builder tag(String tag) {
            this.tag = tag;
            return this;
        }

        /** Adds tags to apply to the streams and sessions the token creates, in order. */
        public Builder applyTags(List<String> tags) {
            this.applyTags.addAll(tags);
            return this;
        }

        public TokenOptions build() {
            return new TokenOptions(
                    Optional.ofNullable(uri),
                    Optional.ofNullable(expiresAt),
                    expiresInSeconds,
                    type,
                    capabilities,
                    allowCountries,
                    denyCountries,
                    allowPostalCodes,
                    denyPostalCodes,
                    Optional.ofNullable(sessionId),
                    Optional.ofNullable(remoteAddress),
                    Optional.ofNullable(originStreamId),
                    Optional.ofNullable(channel),
                    Optional.ofNullable(channelAlias),
                    Optional.ofNullable(room),
                    Optional.ofNullable(roomAlias),
                    Optional.ofNullable(tag),
                    applyTags);
        }
    }
}
