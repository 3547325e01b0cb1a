package dev.tollgate.edge.internal;

import com.maxmind.db.CHMCache;
import com.maxmind.db.InvalidDatabaseException;
import com.maxmind.db.Metadata;
import com.maxmind.db.Reader;
import dev.tollgate.edge.GeoDatabase;
import dev.tollgate.edge.GeoLocation;
import dev.tollgate.edge.GeoLocator;
import dev.tollgate.token.LocationConstraints;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * A {@link GeoLocator} over a MaxMind DB file read with {@link Reader}. Records are read generically, as maps, so one
 * reader serves GeoIP2/GeoLite2/DB-IP records ({@code country.iso_code}, {@code postal.code}) and ip-location-db
 * records ({@code country_code}), whose database type {@code DatabaseReader.country()} rejects.
 *
 * <p>Immutable and thread-safe ({@link Reader} is).
 */
public final class MmdbGeoLocator implements GeoLocator {
    /** Class-path location of the bundled ip-location-db country database. */
    public static final String BUNDLED_RESOURCE = "/dev/tollgate/edge/iptoasn-country.mmdb";

    private static final String BUNDLED_ABOUT = "/dev/tollgate/edge/iptoasn-country.properties";

    private final Reader reader;
    private final GeoDatabase database;
    private final boolean ipv4Only;

    private MmdbGeoLocator(Reader reader, String source) {
        this.reader = reader;
        Metadata metadata = reader.getMetadata();
        String type = metadata.databaseType();
        this.ipv4Only = metadata.ipVersion() == 4;
        this.database = new GeoDatabase(source, type, metadata.buildTime(), hasPostalCodes(type));
    }

    /** The bundled database, loaded once. */
    public static GeoLocator bundled() {
        return Bundled.LOCATOR;
    }

    /** Opens a database file, memory-mapped. */
    public static GeoLocator open(Path file) {
        Objects.requireNonNull(file, "database file must not be null");
        try {
            return new MmdbGeoLocator(
                    new Reader(file.toFile(), Reader.FileMode.MEMORY_MAPPED, new CHMCache()), file.toString());
        } catch (InvalidDatabaseException e) {
            throw new IllegalArgumentException(file + " is not a MaxMind DB file: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the location database " + file, e);
        }
    }

    /** Reads a database from a stream into memory. */
    public static GeoLocator read(InputStream in, String name) {
        Objects.requireNonNull(in, name + " must not be null");
        try (in) {
            return new MmdbGeoLocator(new Reader(in, new CHMCache()), name);
        } catch (InvalidDatabaseException e) {
            throw new IllegalArgumentException(name + " is not a MaxMind DB: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the location database " + name, e);
        }
    }

    @Override
    public GeoLocation lookup(InetAddress address) {
        Objects.requireNonNull(address, "address must not be null");
        if (ipv4Only && address instanceof Inet6Address) {
            // The reader answers "no record" here, which would read as the seed's "??" (unmapped); the truth is that
            // this database cannot say, so fail closed.
            throw new IllegalArgumentException(
                    database + " holds IPv4 networks only and cannot locate " + address.getHostAddress());
        }
        Map<?, ?> record;
        try {
            record = reader.get(address, Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException("lookup of " + address.getHostAddress() + " in " + database + " failed", e);
        }
        if (record == null) {
            return new GeoLocation(LocationConstraints.UNMAPPED_COUNTRY, Optional.empty(), database);
        }
        String country = country(record);
        Optional<String> postal = text(record.get("postal"), "code").map(LocationConstraints::normalisePostalCode);
        return new GeoLocation(country, postal, database);
    }

    @Override
    public GeoDatabase database() {
        return database;
    }

    private static String country(Map<?, ?> record) {
        // GeoIP2/GeoLite2/DB-IP: the country the address is in; ip-location-db: "country_code".
        Optional<String> code = text(record.get("country"), "iso_code");
        if (code.isEmpty() && record.get("country_code") instanceof String flat) {
            code = Optional.of(flat);
        }
        return code.map(LocationConstraints::normaliseCountryCode)
                // Region codes some databases use (e.g. AP, EU) name no country: they read as unmapped.
                .filter(LocationConstraints::isCountryCode)
                // The seed's "??": an address the database cannot map to a country.
                .orElse(LocationConstraints.UNMAPPED_COUNTRY);
    }

    private static Optional<String> text(Object map, String key) {
        if (map instanceof Map<?, ?> m && m.get(key) instanceof String value && !value.isEmpty()) {
            return Optional.of(value);
        }
        return Optional.empty();
    }

    private static boolean hasPostalCodes(String type) {
        // GeoIP2-City, GeoLite2-City, DBIP-City-Lite, GeoIP2-Enterprise carry "postal"; Country databases do not.
        String lower = type.toLowerCase(Locale.ROOT);
        return lower.contains("city") || lower.contains("enterprise");
    }

    @Override
    public String toString() {
        return "MmdbGeoLocator[" + database + "]";
    }

    private static final class Bundled {
        static final GeoLocator LOCATOR = load();

        private static GeoLocator load() {
            InputStream in = MmdbGeoLocator.class.getResourceAsStream(BUNDLED_RESOURCE);
            if (in == null) {
                throw new IllegalStateException("the bundled location database " + BUNDLED_RESOURCE
                        + " is missing from the class path; run scripts/refresh-geo-db.sh");
            }
            return read(in, "bundled " + version());
        }

        private static String version() {
            Properties about = new Properties();
            try (InputStream in = MmdbGeoLocator.class.getResourceAsStream(BUNDLED_ABOUT)) {
                if (in != null) {
                    about.load(in);
                }
            } catch (IOException e) {
                // The description only labels traces; the database itself loaded.
            }
            return about.getProperty("package", "iptoasn-country") + "@" + about.getProperty("version", "unknown");
        }
    }
}
