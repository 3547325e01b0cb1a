package dev.tollgate.edge;

import dev.tollgate.token.SecretResolver;
import dev.tollgate.token.TokenBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Shared fixtures: an application, a fixed clock, and location databases the suite writes itself. */
final class Fixtures {
    static final String APP = "mycompany.com";
    static final String SECRET = "s3cr3t-for-tests";
    static final String OTHER_APP = "other.example";
    static final String OTHER_SECRET = "other-secret";
    static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final Instant CITY_BUILT = Instant.parse("2026-10-28T00:00:00Z");
    static final Instant COUNTRY_BUILT = Instant.parse("2026-10-20T00:00:00Z");

    static final Target.Channel CHANNEL = Target.channel("us-east#mycompany.com#news.1a2b", "news");
    static final Target.Room ROOM = Target.room("us-east#mycompany.com#lobby.3c4d", "lobby");
    static final Target.OriginStream STREAM = Target.originStream(
            "us-east#mycompany.com#stream.5e6f",
            Set.of("channelId:" + CHANNEL.id(), "channelAlias:news", "customer:acme"));

    // Addresses in the fixture databases (documentation ranges, RFC 5737 / RFC 3849).
    static final String US_CHICAGO = "203.0.113.10"; // US 60609
    static final String DE_BERLIN = "198.51.100.7"; // DE 10115
    static final String IN_NO_POSTAL = "192.0.2.33"; // IN, no postal code
    static final String US_V6 = "2001:db8:1::42"; // US 60616
    static final String UNMAPPED = "10.1.2.3"; // no record
    static final String GB_LONDON = "2001:db8:2::44"; // GB SW1A 1AA

    private static final Map<String, Path> FILES = new HashMap<>();

    private Fixtures() {}

    static SecretResolver secrets() {
        return SecretResolver.of(Map.of(
                APP, java.util.List.of(SECRET),
                OTHER_APP, java.util.List.of(OTHER_SECRET)));
    }

    /** A token builder for the fixture application, valid for ten minutes from {@link #NOW}. */
    static TokenBuilder token() {
        return new TokenBuilder()
                .withApplicationId(APP)
                .withSecret(SECRET)
                .withClock(CLOCK)
                .expiresIn(Duration.ofMinutes(10));
    }

    /**
     * A token signed for the fixture application around claims as given, even ones Tollgate refuses to mint (as the
     * reference, or any other EdgeAuth library, would sign them).
     */
    static String signedElsewhere(String claimsJson) {
        try {
            Mac mac = Mac.getInstance("HmacSHA512");
            mac.init(new SecretKeySpec((APP + SECRET).getBytes(StandardCharsets.UTF_8), "HmacSHA512"));
            String digest =
                    Base64.getEncoder().encodeToString(mac.doFinal(claimsJson.getBytes(StandardCharsets.UTF_8)));
            String escaped = claimsJson.replace("\\", "\\\\").replace("\"", "\\\"");
            String envelope =
                    "{\"applicationId\":\"" + APP + "\",\"digest\":\"" + digest + "\",\"token\":\"" + escaped + "\"}";
            return "DIGEST:" + Base64.getEncoder().encodeToString(envelope.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static EdgePolicy policy(GeoLocator locator) {
        return EdgePolicy.builder()
                .secrets(secrets())
                .clock(CLOCK)
                .geoLocator(locator)
                .build();
    }

    /** The policy with the GeoIP2 City fixture. */
    static EdgePolicy policy() {
        return policy(cityLocator());
    }

    static EdgePolicy policyWithoutLocation() {
        return EdgePolicy.builder().secrets(secrets()).clock(CLOCK).build();
    }

    /** {@code allowed}, or the denial code: reads like the rules in assertions. */
    static String outcome(Decision decision) {
        return switch (decision) {
            case Allowed allowed -> "allowed";
            case Denied denied -> denied.code().code();
        };
    }

    /** The trace as {@code name:OUTCOME} pairs. */
    static java.util.List<String> steps(Decision decision) {
        return decision.trace().stream()
                .map(check -> check.name() + ":" + check.outcome())
                .toList();
    }

    static AccessRequest.Builder request() {
        return AccessRequest.builder().applicationId(APP).time(NOW).remoteAddress(US_CHICAGO);
    }

    static synchronized Path cityDatabase() {
        return FILES.computeIfAbsent(
                "city",
                name -> write(
                        name,
                        MmdbFixture.ipv6("GeoIP2-City", CITY_BUILT)
                                .network("203.0.113.0/24", MmdbFixture.city("US", "60609"))
                                .network("198.51.100.0/24", MmdbFixture.city("DE", "10115"))
                                .network("192.0.2.0/24", MmdbFixture.city("IN", null))
                                .network("2001:db8:1::/48", MmdbFixture.city("US", "60616"))
                                .network("2001:db8:2::/48", MmdbFixture.city("GB", "SW1A 1AA"))
                                .network("100.64.0.0/10", Map.of("postal", Map.of("code", "99999")))));
    }

    static synchronized Path countryDatabase() {
        return FILES.computeIfAbsent(
                "country",
                name -> write(
                        name,
                        MmdbFixture.ipv6("GeoLite2-Country", COUNTRY_BUILT)
                                .network("203.0.113.0/24", MmdbFixture.country("US"))
                                .network("198.51.100.0/24", MmdbFixture.country("DE"))
                                .network("192.0.2.0/24", MmdbFixture.country("IN"))));
    }

    static synchronized Path ipLocationDbCountry() {
        return FILES.computeIfAbsent(
                "iptoasn",
                name -> write(
                        name,
                        MmdbFixture.ipv6("iptoasn-country", COUNTRY_BUILT)
                                .network("203.0.113.0/24", MmdbFixture.countryCode("US"))
                                .network("198.51.100.0/24", MmdbFixture.countryCode("DE"))
                                .network("2001:db8:1::/48", MmdbFixture.countryCode("US"))));
    }

    static synchronized Path ipv4OnlyCountry() {
        return FILES.computeIfAbsent(
                "ipv4",
                name -> write(
                        name,
                        MmdbFixture.ipv4("GeoLite2-Country", COUNTRY_BUILT)
                                .network("203.0.113.0/24", MmdbFixture.country("US"))
                                .network("198.51.100.0/24", MmdbFixture.country("DE"))));
    }

    static GeoLocator cityLocator() {
        return GeoLocator.open(cityDatabase());
    }

    static GeoLocator countryLocator() {
        return GeoLocator.open(countryDatabase());
    }

    private static Path write(String name, MmdbFixture fixture) {
        try {
            Path file = Files.createTempFile("tollgate-" + name + "-", ".mmdb");
            file.toFile().deleteOnExit();
            return fixture.writeTo(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
