package dev.tollgate.edge;

import dev.tollgate.token.Claims;
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
 * @param applyTags the tags to attach to the session or stream this creates, for usage reports ({@code applyTags})
 * @param capabilities the token's capabilities, location constraints included
 * @param location where the client is, when a location constraint was evaluated
 * @param geoDatabase the database that answered, when location was used
 * @param trace every check that ran, in order
 */
public record Allowed(
        String applicationId,
        Claims claims,
        List<String> applyTags,
        List<String> capabilities,
        Optional<GeoLocation> location,
        Optional<GeoDatabase> geoDatabase,
        List<Check> trace)
        implements Decision {

    public Allowed {
        Objects.requireNonNull(applicationId, "applicationId must not be null");
        Objects.requireNonNull(claims, "claims must not be null");
        applyTags = List.copyOf(applyTags);
        capabilities = List.copyOf(capabilities);
        Objects.requireNonNull(location, "location must not be null");
        Objects.requireNonNull(geoDatabase, "geoDatabase must not be null");
        trace = List.copyOf(trace);
    }
}
