package dev.tollgate.edge;

import dev.tollgate.token.Verified;
import java.util.List;
import java.util.Optional;

/**
 * The edge's answer to an {@link AccessRequest}: {@link Allowed} or {@link Denied}, never an exception. Both carry
 * the ordered trace of every check that ran, and, when location was looked up, which database answered.
 *
 * <p>Implementations are immutable and thread-safe.
 */
public sealed interface Decision permits Allowed, Denied {

    /** Every check that ran, in order; the last one of a denial is the failure. */
    List<Check> trace();

    /** Where the client is, when a location constraint made the policy look it up. */
    Optional<GeoLocation> location();

    /** The database consulted for a location constraint, also when it could not answer. */
    Optional<GeoDatabase> geoDatabase();

    /**
     * The token's application and verified claims: always for {@link Allowed}; for {@link Denied} when the digest
     * verified (an expired token, a refusal by the policy), empty when it did not.
     */
    Optional<Verified> authentic();

    /** Whether the request is allowed. */
    default boolean isAllowed() {
        return this instanceof Allowed;
    }

    /** The trace as text, one check per line, for logs and the explain endpoint. */
    default String explain() {
        StringBuilder text = new StringBuilder();
        for (Check check : trace()) {
            text.append(check).append('\n');
        }
        return text.toString();
    }
}
