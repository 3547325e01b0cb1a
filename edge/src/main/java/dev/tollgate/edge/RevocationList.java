package dev.tollgate.edge;

import dev.tollgate.token.Claims;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The revocations an {@link EdgePolicy} consults once every other check allowed a DIGEST token ({@link
 * EdgePolicy.Builder#revocations}). Tollgate's server implements it with its in-memory copy of the store; the SDK's
 * revocation feed client implements it for an embedded edge; {@link RevocationSet} is the hash index both match
 * with. {@link #NONE} revokes nothing.
 *
 * <p>It is asked for every allowed decision, so an implementation answers from memory in a few hash lookups and
 * never blocks on I/O. When its copy is too old to be trusted it answers {@link Unavailable}: the policy then refuses
 * ({@code revocations-unavailable}) rather than let a possibly revoked token through. Implementations must be
 * thread-safe.
 */
@FunctionalInterface
public interface RevocationList {
    /** Revokes nothing: the policy adds no {@code revocation} check to its trace. */
    RevocationList NONE = (applicationId, claims, at) -> Status.NOT_REVOKED;

    /**
     * Whether a verified DIGEST token is revoked at {@code at}: by its grant digest, its designation (channel, room
     * or required tag), an applied tag, or its session.
     *
     * @param applicationId the application whose secret verified the token
     * @param claims the verified claims
     * @param at when the token is presented
     */
    Status check(String applicationId, Claims claims, Instant at);

    /**
     * The grant digest a DIGEST token is revoked by: SHA-256 (64 lowercase hex digits) of {@code applicationId}, a
     * line feed and the claims JSON exactly as signed. The same grant carried through a {@code tgr_} reference or
     * re-signed after a secret rotation has the same one, and it holds no secret.
     */
    static String grantDigest(String applicationId, Claims claims) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((applicationId + "\n" + claims.json()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            // Every Java SE platform must provide SHA-256 (MessageDigest's Javadoc).
            throw new IllegalStateException("SHA-256 is unavailable in this JVM", e);
        }
    }

    /** The answer of {@link #check}. */
    sealed interface Status permits NotRevoked, Revoked, Unavailable {
        /** The one {@link NotRevoked}. */
        NotRevoked NOT_REVOKED = new NotRevoked();
    }

    /** No active entry matches. */
    record NotRevoked() implements Status {}

    /**
     * An active entry matches: the decision is denied {@code revoked}, its trace naming the entry.
     *
     * @param entryId the entry's ID ({@code rev_…})
     * @param kind what the entry matches
     */
    record Revoked(String entryId, RevocationKind kind) implements Status {
        public Revoked {
            Objects.requireNonNull(entryId, "entryId must not be null");
            Objects.requireNonNull(kind, "kind must not be null");
        }

        /** {@code revoked by rev_… (tag)}: what traces and logs say. */
        public String describe() {
            return "revoked by " + entryId + " (" + kind.wireName() + ")";
        }
    }

    /**
     * The list cannot be trusted now (its copy is older than its staleness bound): the decision fails closed.
     *
     * @param detail why, for the log and the trace; never a secret
     */
    record Unavailable(String detail) implements Status {
        public Unavailable {
            Objects.requireNonNull(detail, "detail must not be null");
        }
    }
}
