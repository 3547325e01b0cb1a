package dev.tollgate.client;

import java.util.Objects;
import java.util.Optional;

/**
 * What a client says about itself when it opens a session. The server disregards it when the token names the
 * participant (a client access token with an external ID).
 *
 * <p>Immutable and thread-safe. Absent values are {@link Optional#empty()}, never null: a null is refused here rather
 * than failing later inside {@link TollgateClient#openSession}.
 *
 * @param externalId the participant's ID in the customer's system
 * @param name a display name
 * @param avatarUrl a picture
 */
public record ParticipantInfo(Optional<String> externalId, Optional<String> name, Optional<String> avatarUrl) {

    public ParticipantInfo {
        Objects.requireNonNull(externalId, "externalId must not be null; use Optional.empty()");
        Objects.requireNonNull(name, "name must not be null; use Optional.empty()");
        Objects.requireNonNull(avatarUrl, "avatarUrl must not be null; use Optional.empty()");
    }

    public static ParticipantInfo named(String name) {
        return new ParticipantInfo(Optional.empty(), Optional.of(name), Optional.empty());
    }

    public static ParticipantInfo of(String externalId, String name) {
        return new ParticipantInfo(Optional.ofNullable(externalId), Optional.ofNullable(name), Optional.empty());
    }

    public static ParticipantInfo none() {
        return new ParticipantInfo(Optional.empty(), Optional.empty(), Optional.empty());
    }
}
