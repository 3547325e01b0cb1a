package dev.tollgate.server.internal.revocations;

import dev.tollgate.edge.RevocationKind;
import dev.tollgate.edge.RevocationSet;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of an application's revocation list: a match ({@link #kind()} and {@link #value()}) and the instant it
 * stops matching ({@link #endsAt()}), after which the purge deletes it. Schema {@code V12__revocations.sql} says what
 * each kind's value is; a token is never held in clear.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id {@code rev_} and a random suffix; the trace of a refusal names it
 * @param applicationId the application whose tokens it matches
 * @param kind what it matches
 * @param value the match: a grant digest, {@code jti:…}, a tag, a channel ID, a session ID, an external ID, or an
 *     epoch-millisecond watermark
 * @param alias a channel's or room's alias, when it was registered (a {@code channelAlias:} designation matches too)
 * @param createdAt when it was made
 * @param endsAt when it stops matching (a withdrawn entry ends when it was withdrawn)
 * @param sequence the change number: larger for every insert or withdrawal, so a reader re-reads only what is newer
 */
public record Revocation(
        String id,
        String applicationId,
        RevocationKind kind,
        String value,
        Optional<String> alias,
        Instant createdAt,
        Instant endsAt,
        long sequence) {

    public Revocation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(endsAt, "endsAt");
    }

    /** What the decision path indexes of it. */
    public RevocationSet.Entry entry() {
        return new RevocationSet.Entry(id, applicationId, kind, value, alias, endsAt);
    }

    /** Whether it still matches at {@code at}. */
    public boolean activeAt(Instant at) {
        return endsAt.isAfter(at);
    }
}
