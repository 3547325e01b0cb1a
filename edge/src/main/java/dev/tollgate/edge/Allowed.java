package dev.tollgate.edge;

import dev.tollgate.token.Claims;
import dev.tollgate.token.Verified;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The request is allowed.
 *
 * <p>Immutable and thread-safe.
 *
 * @param applicationId the application that signed the token
 * @param claims the verified claims
 * @param location where the client is, when a location constraint was evaluated
 * @param geoDatabase the database that answered, when location was used
 * @param trace every check that ran, in order
 */
public record Allowed(
        String applicationId,
        Claims claims,
        Optional<GeoLocation> location,
        Optional<GeoDatabase> geoDatabase,
        List<Check> trace)
        implements Decision {

    public Allowed {
        Objects.requireNonNull(applicationId, "applicationId must not be null");
        Objects.requireNonNull(claims, "claims must not be null");
        Objects.requireNonNull(location, "location must not be null");
        Objects.requireNonNull(geoDatabase, "geoDatabase must not be null");
        trace = List.copyOf(trace);
    }

    /** The tags to attach to the session or stream this creates, for usage reports ({@code applyTags}). */
    public List<String> applyTags() {
        return claims.applyTags();
    }

    /** The token's capabilities, location constraints included. */
    public List<String> capabilities() {
        return claims.capabilities();
    }

    @Override
    public Optional<Verified> authentic() {
        return Optional.of(new Verified(applicationId, claims));
    }
}
