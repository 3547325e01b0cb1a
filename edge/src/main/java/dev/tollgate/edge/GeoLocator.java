package dev.tollgate.edge;

import dev.tollgate.edge.internal.MmdbGeoLocator;
import java.net.InetAddress;
import java.nio.file.Path;

/**
 * Finds the country (and, with a City database, the postal code) of a client address, for the location constraints
 * of "Using EdgeAuth" ({@code geo-country-allow}, {@code geo-country-deny}, {@code geo-postal-code-allow}, {@code
 * geo-postal-code-deny}).
 *
 * <p>Implementations must be thread-safe: one locator serves every decision.
 */
public interface GeoLocator {

    /**
     * Looks an address up.
     *
     * @return the location; country {@code ??} when the database holds no country for the address
     * @throws java.io.UncheckedIOException or another unchecked exception when the database cannot be read or cannot
     *     answer for this kind of address; {@link EdgePolicy} turns that into {@code location-unavailable}
     */
    GeoLocation lookup(InetAddress address);

    /** The database this locator answers from. */
    GeoDatabase database();

    /**
     * The redistributable country database bundled with Tollgate: ip-location-db's {@code iptoasn-country} (PDDL-1.0,
     * IPv4 and IPv6, no postal codes). Loaded into memory once, on first use, and shared.
     *
     * @throws IllegalStateException if the bundled file is missing from the class path
     */
    static GeoLocator bundled() {
        return MmdbGeoLocator.bundled();
    }

    /**
     * Opens an operator's own MaxMind-format database: GeoIP2 or GeoLite2 Country or City, DB-IP Country or City
     * Lite, or an ip-location-db country file. Postal codes come from City databases. The file is memory-mapped.
     *
     * @throws java.io.UncheckedIOException if the file cannot be read
     * @throws IllegalArgumentException if the file is not a MaxMind DB
     */
    static GeoLocator open(Path database) {
        return MmdbGeoLocator.open(database);
    }
}
