package dev.tollgate.client;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The access a token is presented for, as {@code POST /v1/tokens/verify} takes it: an action on a channel, a room
 * or an origin stream, from a client address, at a time. Every part is optional; without an action only the token
 * itself is checked. Immutable and thread-safe; built with {@link #builder()}.
 *
 * @param action {@code authenticate}, {@code subscribe} or {@code publish}
 * @param applicationId the application that owns the target (defaults to the token's)
 * @param targetKind {@code channel}, {@code room} or {@code stream}
 * @param targetId the target's ID
 * @param targetAlias the channel's or room's alias
 * @param streamTags the origin stream's tags
 * @param remoteAddress the client's IP address
 * @param sessionId the client's session
 * @param at when (defaults to now on the server)
 */
public record VerifyRequest(
        Optional<String> action,
        Optional<String> applicationId,
        Optional<String> targetKind,
        Optional<String> targetId,
        Optional<String> targetAlias,
        List<String> streamTags,
        Optional<String> remoteAddress,
        Optional<String> sessionId,
        Optional<Instant> at) {

    public VerifyRequest {
        streamTags = List.copyOf(streamTags);
    }

    /** Only the token is checked. */
    public static VerifyRequest tokenOnly() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link VerifyRequest}s; reusable, not thread-safe. */
    public static final class Builder {
        private String action;
        private String applicationId;
        private String targetKind;
        private String targetId;
        private String targetAlias;
        private List<String> streamTags = List.of();
        private String remoteAddress;
        private String sessionId;
        private Instant at;

        private Builder() {}

        public Builder authenticate() {
            action = "authenticate";
            return this;
        }

        public Builder subscribe() {
            action = "subscribe";
            return this;
        }

        public Builder publish() {
            action = "publish";
            return this;
        }

        public Builder applicationId(String applicationId) {
            this.applicationId = Objects.requireNonNull(applicationId, "applicationId must not be null");
            return this;
        }

        /** A channel by ID, with its alias when it has one (null for none). */
        public Builder channel(String id, String alias) {
            return target("channel", id, alias, List.of());
        }

        /** A room by ID, with its alias when it has one (null for none). */
        public Builder room(String id, String alias) {
            return target("room", id, alias, List.of());
        }

        /** An origin stream by ID, with the tags it carries. */
        public Builder stream(String id, List<String> tags) {
            return target("stream", id, null, tags);
        }

        public Builder remoteAddress(String remoteAddress) {
            this.remoteAddress = Objects.requireNonNull(remoteAddress, "remoteAddress must not be null");
            return this;
        }

        public Builder sessionId(String sessionId) {
            this.sessionId = Objects.requireNonNull(sessionId, "sessionId must not be null");
            return this;
        }

        public Builder at(Instant at) {
            this.at = Objects.requireNonNull(at, "at must not be null");
            return this;
        }

        public VerifyRequest build() {
            return new VerifyRequest(
                    Optional.ofNullable(action),
                    Optional.ofNullable(applicationId),
                    Optional.ofNullable(targetKind),
                    Optional.ofNullable(targetId),
                    Optional.ofNullable(targetAlias),
                    streamTags,
                    Optional.ofNullable(remoteAddress),
                    Optional.ofNullable(sessionId),
                    Optional.ofNullable(at));
        }

        private Builder target(String kind, String id, String alias, List<String> tags) {
            this.targetKind = kind;
            this.targetId = Objects.requireNonNull(id, kind + " id must not be null");
            this.targetAlias = alias;
            this.streamTags = List.copyOf(tags);
            return this;
        }
    }
}
