package dev.tollgate.edge;

import dev.tollgate.token.LocationConstraints;
import java.util.Objects;
import java.util.Optional;

/**
 * Where an address is, as one database says.
 *
 * <p>Immutable and thread-safe.
 *
 * @param country ISO 3166-1 alpha-2 code, or {@code ??} when the database cannot map the address ("Using EdgeAuth":
 *     "The special code ?? serves as the country code for any IP that is not mapped")
 * @param postalCode the postal code, when the database has one for the address
 * @param database the database that answered
 */
public record GeoLocation(String country, Optional<String> postalCode, GeoDatabase database) {
    public GeoLocation {
        Objects.requireNonNull(country, "country must not be null");
        if (!LocationConstraints.isCountryCode(country)) {
            throw new IllegalArgumentException(
                    "country must be ISO 3166-1 alpha-2 in upper case or ??, was '" + country + "'");
        }
        Objects.requireNonNull(postalCode, "postalCode must not be null (use Optional.empty())");
        Objects.requireNonNull(database, "database must not be null");
    }

    /** Whether the database could not map the address. */
    public boolean isUnmapped() {
        return LocationConstraints.UNMAPPED_COUNTRY.equals(country);
    }

    @Override
    public String toString() {
        return country + postalCode.map(p -> " postal code " + p).orElse("") + " (" + database + ")";
    }
}
