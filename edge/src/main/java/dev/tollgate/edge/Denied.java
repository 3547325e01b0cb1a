package dev.tollgate.edge;

import dev.tollgate.token.Verified;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The request is refused. The wire gets {@link #code()}; logs get {@link #detail()} and the trace.
 *
 * <p>Immutable and thread-safe.
 *
 * @param code the stable reason
 * @param detail what exactly failed; never a secret or the token
 * @param authentic the token's application and claims when its digest verified (an expired token's too), so that
 *     whoever explains the refusal shows them without verifying the token again; empty when it did not verify
 * @param location where the client is, when location was looked up before the denial
 * @param geoDatabase the database consulted, when location was used (also when it could not answer)
 * @param trace every check that ran, in order; the last one failed
 */
public record Denied(
        DenialCode code,
        String detail,
        Optional<Verified> authentic,
        Optional<GeoLocation> location,
        Optional<GeoDatabase> geoDatabase,
        List<Check> trace)
        implements Decision {

    public Denied {
        Objects.requireNonNull(code, "code must not be null");
        Objects.requireNonNull(detail, "detail must not be null");
        Objects.requireNonNull(authentic, "authentic must not be null (use Optional.empty())");
        Objects.requireNonNull(location, "location must not be null");
        Objects.requireNonNull(geoDatabase, "geoDatabase must not be null");
        trace = List.copyOf(trace);
    }

    /**
     * A refusal decided before any policy check ran, by whoever stands in front of the policy (a server that resolves
     * token references, say): one failed check, nothing verified.
     */
    public static Denied before(String check, DenialCode code, String detail) {
        return new Denied(
                code,
                detail,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                List.of(new Check(check, Check.Outcome.FAIL, code.code() + ": " + detail)));
    }
}
