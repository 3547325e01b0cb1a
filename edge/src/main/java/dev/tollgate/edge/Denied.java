package dev.tollgate.edge;

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
 * @param location where the client is, when location was looked up before the denial
 * @param geoDatabase the database consulted, when location was used (also when it could not answer)
 * @param trace every check that ran, in order; the last one failed
 */
public record Denied(
        DenialCode code,
        String detail,
        Optional<GeoLocation> location,
        Optional<GeoDatabase> geoDatabase,
        List<Check> trace)
        implements Decision {

    public Denied {
        Objects.requireNonNull(code, "code must not be null");
        Objects.requireNonNull(detail, "detail must not be null");
        Objects.requireNonNull(location, "location must not be null");
        Objects.requireNonNull(geoDatabase, "geoDatabase must not be null");
        trace = List.copyOf(trace);
    }
}
