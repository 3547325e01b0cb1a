package dev.tollgate.client;

import java.time.Instant;
import java.util.Objects;

/**
 * A channel or a room of an application ({@code /v1/channels}, {@code /v1/rooms}). Tokens designate it by ID ({@code
 * forChannel}, {@code channelId:…}) or by alias ({@code channelAlias:…}). Immutable and thread-safe.
 *
 * @param id its ID, {@code <region>#<applicationId>#<alias>.<random>}, e.g. {@code us-northeast#…#news.Xy3_k9Qa}
 * @param alias its alias, unique among the application's channels (or rooms): 1 to 128 of {@code [A-Za-z0-9._-]}
 * @param kind {@code channel} or {@code room}
 * @param applicationId the application that owns it
 * @param createdAt when it was created
 */
public record Channel(String id, String alias, String kind, String applicationId, Instant createdAt) {
    public Channel {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
