package dev.tollgate.edge;

import java.time.Instant;
import java.util.Objects;

/**
 * Which location database answered, so a disputed denial can be reproduced with the same data.
 *
 * <p>Immutable and thread-safe.
 *
 * @param source where the database came from: the file path, or the bundled package and version
 * @param type the database type from its metadata, e.g. {@code GeoLite2-City}, {@code iptoasn-country}
 * @param buildDate when the database was built (its {@code build_epoch})
 * @param hasPostalCodes whether its records carry postal codes (City databases do, Country databases do not)
 */
public record GeoDatabase(String source, String type, Instant buildDate, boolean hasPostalCodes) {
    public GeoDatabase {
        Objects.requireNonNull(source, "source must not be null");
        Objects.requireNonNull(type, "type must not be null");
        Objects.requireNonNull(buildDate, "buildDate must not be null");
    }

    @Override
    public String toString() {
        return type + " built " + buildDate + " from " + source;
    }
}
