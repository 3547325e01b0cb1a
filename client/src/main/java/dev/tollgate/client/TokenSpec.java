package dev.tollgate.client;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an edge token minted by the server ({@code POST /v1/edge-tokens}) should say, in EdgeAuth's builder
 * vocabulary. The server signs it with the application's current secret. Immutable and thread-safe; built with
 * {@link #builder()}.
 */
public final class TokenSpec {
    private final Map<String, Object> fields;

    private TokenSpec(Map<String, Object> fields) {
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The request body fields, as the server's contract names them. */
    Map<String, Object> fields() {
        return fields;
    }

    @Override
    public String toString() {
        return "TokenSpec" + fields;
    }

    /** Builds {@link TokenSpec}s; reusable, not thread-safe. */
    public static final class Builder {
        private final Map<String, Object> fields = new LinkedHashMap<>();
        private final List<String> capabilities = new ArrayList<>();
        private final List<String> applyTags = new ArrayList<>();

        private Builder() {}

        public Builder expiresIn(Duration lifetime) {
            Objects.requireNonNull(lifetime, "lifetime must not be null");
            fields.remove("expiresAt");
            fields.put("expiresInSeconds", lifetime.toSeconds());
            return this;
        }

        public Builder expiresAt(Instant expiresAt) {
            Objects.requireNonNull(expiresAt, "expiresAt must not be null");
            fields.remove("expiresInSeconds");
            fields.put("expiresAt", expiresAt.toEpochMilli());
            return this;
        }

        public Builder forAuthenticationOnly() {
            return type("authenticationOnly");
        }

        public Builder forStreamingOnly() {
            return type("streamingOnly");
        }

        public Builder forPublishingOnly() {
            return type("publishingOnly");
        }

        public Builder forChannel(String channelId) {
            return designation("channel", channelId);
        }

        public Builder forChannelAlias(String channelAlias) {
            return designation("channelAlias", channelAlias);
        }

        public Builder forRoom(String roomId) {
            return designation("room", roomId);
        }

        public Builder forRoomAlias(String roomAlias) {
            return designation("roomAlias", roomAlias);
        }

        public Builder forTag(String tag) {
            return designation("tag", tag);
        }

        public Builder forSession(String sessionId) {
            return put("sessionId", sessionId);
        }

        public Builder forRemoteAddress(String remoteAddress) {
            return put("remoteAddress", remoteAddress);
        }

        public Builder forOriginStream(String originStreamId) {
            return put("originStreamId", originStreamId);
        }

        public Builder withUri(String uri) {
            return put("uri", uri);
        }

        public Builder withCapability(String capability) {
            capabilities.add(Objects.requireNonNull(capability, "capability must not be null"));
            return this;
        }

        public Builder applyTag(String tag) {
            applyTags.add(Objects.requireNonNull(tag, "tag must not be null"));
            return this;
        }

        public Builder allowCountries(String... countries) {
            return put("allowCountries", List.of(countries));
        }

        public Builder denyCountries(String... countries) {
            return put("denyCountries", List.of(countries));
        }

        public Builder allowPostalCodes(String... postalCodes) {
            return put("allowPostalCodes", List.of(postalCodes));
        }

        public Builder denyPostalCodes(String... postalCodes) {
            return put("denyPostalCodes", List.of(postalCodes));
        }

        /** How the token will travel ({@code header}, {@code body}, {@code url}, {@code rtmp-url}); the server checks it fits. */
        public Builder carrier(String carrier) {
            return put("carrier", carrier);
        }

        public TokenSpec build() {
            Map<String, Object> all = new LinkedHashMap<>(fields);
            if (!capabilities.isEmpty()) {
                all.put("capabilities", List.copyOf(capabilities));
            }
            if (!applyTags.isEmpty()) {
                all.put("applyTags", List.copyOf(applyTags));
            }
            return new TokenSpec(all);
        }

        private Builder type(String flag) {
            fields.remove("authenticationOnly");
            fields.remove("streamingOnly");
            fields.remove("publishingOnly");
            fields.put(flag, true);
            return this;
        }

        private Builder designation(String name, String value) {
            // One token, one designation (the seed): the last call wins, as in TokenBuilder.
            for (String other : List.of("channel", "channelAlias", "room", "roomAlias", "tag")) {
                fields.remove(other);
            }
            return put(name, value);
        }

        private Builder put(String name, Object value) {
            fields.put(name, Objects.requireNonNull(value, name + " must not be null"));
            return this;
        }
    }
}
