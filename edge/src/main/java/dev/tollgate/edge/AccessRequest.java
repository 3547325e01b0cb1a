package dev.tollgate.edge;

import dev.tollgate.edge.internal.IpLiterals;
import java.net.InetAddress;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a client asks of the edge when it presents a token: the action, the application that owns the target (when
 * the caller knows it), the target, and what is known about the client.
 *
 * <p>Immutable and thread-safe.
 *
 * @param action authenticate, subscribe or publish
 * @param applicationId the application that owns the target (or, to authenticate, the session's application), as
 *     the caller knows it: its channel registry, its configuration. Empty when the caller does not say: the seed's
 *     rule that a token's application must own the target is then not checked, and the trace says so. It is never
 *     taken from the token itself, which would make the rule vacuous
 * @param target the channel, room or origin stream; required to subscribe or publish, optional to authenticate
 * @param remoteAddress the client's address, when known; IPv4-mapped IPv6 is stored as IPv4
 * @param sessionId the client's session, when it has one
 * @param time when the token is presented; expiry is checked against it
 */
public record AccessRequest(
        Action action,
        Optional<String> applicationId,
        Optional<Target> target,
        Optional<InetAddress> remoteAddress,
        Optional<String> sessionId,
        Instant time) {

    public AccessRequest {
        Objects.requireNonNull(action, "action must not be null");
        Objects.requireNonNull(applicationId, "applicationId must not be null (use Optional.empty())");
        if (applicationId.filter(String::isEmpty).isPresent()) {
            throw new IllegalArgumentException("applicationId must not be empty");
        }
        Objects.requireNonNull(target, "target must not be null (use Optional.empty())");
        if (action.streams() && target.isEmpty()) {
            throw new IllegalArgumentException(action + " needs a target: the channel, room or stream it is for");
        }
        remoteAddress = Objects.requireNonNull(remoteAddress, "remoteAddress must not be null (use Optional.empty())")
                .map(IpLiterals::normalise);
        Objects.requireNonNull(sessionId, "sessionId must not be null (use Optional.empty())");
        Objects.requireNonNull(time, "time must not be null");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this request's values. */
    public Builder toBuilder() {
        Builder builder = new Builder().action(action).time(time);
        builder.applicationId = applicationId.orElse(null);
        builder.target = target.orElse(null);
        builder.remoteAddress = remoteAddress.orElse(null);
        builder.sessionId = sessionId.orElse(null);
        return builder;
    }

    /** Builds {@link AccessRequest}s; reusable, not thread-safe. */
    public static final class Builder {
        private Action action;
        private String applicationId;
        private Target target;
        private InetAddress remoteAddress;
        private String sessionId;
        private Instant time;

        private Builder() {}

        /** The action (required). */
        public Builder action(Action action) {
            this.action = Objects.requireNonNull(action, "action must not be null");
            return this;
        }

        /** Shorthand for {@code action(AUTHENTICATE)}. */
        public Builder authenticate() {
            return action(Action.AUTHENTICATE);
        }

        /** Shorthand for {@code action(SUBSCRIBE).target(target)}. */
        public Builder subscribe(Target target) {
            return action(Action.SUBSCRIBE).target(target);
        }

        /** Shorthand for {@code action(PUBLISH).target(target)}. */
        public Builder publish(Target target) {
            return action(Action.PUBLISH).target(target);
        }

        /**
         * The application that owns the target, as the caller knows it (optional: without it the application check
         * is not made).
         */
        public Builder applicationId(String applicationId) {
            this.applicationId = Objects.requireNonNull(applicationId, "applicationId must not be null");
            return this;
        }

        /** The channel, room or origin stream (required to subscribe or publish). */
        public Builder target(Target target) {
            this.target = Objects.requireNonNull(target, "target must not be null");
            return this;
        }

        /** The client's address. */
        public Builder remoteAddress(InetAddress remoteAddress) {
            this.remoteAddress = Objects.requireNonNull(remoteAddress, "remoteAddress must not be null");
            return this;
        }

        /**
         * The client's address as an IP literal, as media servers report it; never resolved through DNS.
         *
         * @throws IllegalArgumentException if the text is not an IPv4 or IPv6 literal
         */
        public Builder remoteAddress(String literal) {
            Objects.requireNonNull(literal, "remoteAddress must not be null");
            return remoteAddress(IpLiterals.parse(literal)
                    .orElseThrow(() -> new IllegalArgumentException(
                            "remoteAddress must be an IPv4 or IPv6 literal, was '" + literal + "'")));
        }

        /** The client's session. */
        public Builder sessionId(String sessionId) {
            this.sessionId = Objects.requireNonNull(sessionId, "sessionId must not be null");
            return this;
        }

        /** When the token is presented (required). */
        public Builder time(Instant time) {
            this.time = Objects.requireNonNull(time, "time must not be null");
            return this;
        }

        /**
         * @throws IllegalStateException if the action or time is missing
         * @throws IllegalArgumentException if a subscribe or publish has no target
         */
        public AccessRequest build() {
            if (action == null) {
                throw new IllegalStateException("an action is required: call action(...), authenticate(), "
                        + "subscribe(...) or publish(...) first");
            }
            if (time == null) {
                throw new IllegalStateException("a time is required: call time(Instant) first");
            }
            return new AccessRequest(
                    action,
                    Optional.ofNullable(applicationId),
                    Optional.ofNullable(target),
                    Optional.ofNullable(remoteAddress),
                    Optional.ofNullable(sessionId),
                    time);
        }
    }
}
