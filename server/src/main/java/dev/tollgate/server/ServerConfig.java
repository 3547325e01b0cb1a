package dev.tollgate.server;

import dev.tollgate.token.TokenVerifier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link TollgateServer} runs. Defaults: {@link #DEFAULT_HOST}, port {@link #DEFAULT_PORT}, data directory
 * {@code ./data}, an H2 file database inside it, the master key from a 0600 file inside it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param host the address to bind; {@code 127.0.0.1} unless the operator exposes the service on purpose
 * @param port the TCP port; 0 picks any free port
 * @param dataDirectory where the H2 database, the master key, the admin credential and the port file live
 * @param databaseUrl a {@code jdbc:postgresql://...} URL to share one database between nodes; empty = H2 in the
 *     data directory
 * @param databaseUser the database user, if the URL needs one
 * @param databasePassword the database password, if the URL needs one
 * @param masterKey the base64 256-bit master key; empty = read or create {@code master.key} in the data directory
 * @param issuer the {@code iss} of the JWTs this server signs
 * @param geoDatabase a MaxMind-format database for location constraints; empty = the bundled country database
 * @param usageRetention how long usage events are kept; older ones are deleted in bounded batches by a scheduled
 *     purge, once a minute; default {@link #DEFAULT_USAGE_RETENTION}, longer than the 366 days one report may span
 * @param headerTimeout how long a connection has to send a complete request line and headers, from its opening or,
 *     kept alive, from the previous answer; then it is closed (a header section that stalls or trickles, an idle
 *     keep-alive connection); default {@link #DEFAULT_HEADER_TIMEOUT}
 * @param clockSkew how long after its expiry a token is still accepted, for clocks that disagree: EdgeAuth tokens at
 *     the edge, the server's JWTs (API and client access tokens), token references; default {@link
 *     TokenVerifier#DEFAULT_CLOCK_SKEW}, at most {@link TokenVerifier#MAX_CLOCK_SKEW}
 * @param usageSessionTimeout how long a usage session stays open without a sign of life from its media server (an
 *     {@code update}, a segment fetch); then the reaper ends it at its last sign of life; default {@link
 *     #DEFAULT_USAGE_SESSION_TIMEOUT}
 * @param tls the PEM certificate chain and private key to serve HTTPS with; empty = plain HTTP
 * @param region the first part of every channel and room ID ({@code <region>#<applicationId>#<alias>.<random>}, the
 *     seed's shape): 1 to 32 lower-case letters, digits and {@code -}; default {@link #DEFAULT_REGION}
 * @param revocationHorizon how long a revocation entry that can match DIGEST tokens (a tag, channel, room or session)
 *     holds when its caller names no end: DIGEST tokens may be minted with any lifetime, so no end covers them all;
 *     a DIGEST token that outlives its entry is no longer refused by it. Default {@link #DEFAULT_REVOCATION_HORIZON},
 *     from {@link #MAX_TOKEN_LIFETIME} to {@link #MAX_REVOCATION_HORIZON}
 */
public record ServerConfig(
        String host,
        int port,
        Path dataDirectory,
        Optional<String> databaseUrl,
        Optional<String> databaseUser,
        Optional<String> databasePassword,
        Optional<String> masterKey,
        String issuer,
        Optional<Path> geoDatabase,
        Duration usageRetention,
        Duration headerTimeout,
        Duration clockSkew,
        Duration usageSessionTimeout,
        Optional<Tls> tls,
        String region,
        Duration revocationHorizon) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final Path DEFAULT_DATA_DIRECTORY = Path.of("data");
    public static final String DEFAULT_ISSUER = "tollgate";
    public static final Duration DEFAULT_USAGE_RETENTION = Duration.ofDays(400);
    public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(10);
    public static final String DEFAULT_REGION = "us-northeast";
    public static final Duration DEFAULT_REVOCATION_HORIZON = Duration.ofDays(30);
    /** Ten years: past this an entry would be a permanent ban, which is deleting the application or its secret. */
    public static final Duration MAX_REVOCATION_HORIZON = Duration.ofDays(3650);

    /**
     * The longest lifetime of any JWT this server signs, API tokens and client access tokens alike: the seed's 24-hour
     * maximum. Retired signing keys stay published this long plus the clock skew.
     */
    public static final Duration MAX_TOKEN_LIFETIME = Duration.ofHours(24);

    /**
     * Six of nginx-rtmp's usual {@code notify_update_timeout} (30 s): a session survives a few lost or late updates
     * and a media server's restart, and a crashed one's sessions stop counting minutes within minutes (they end at
     * their last sign of life, so the timeout itself is never billed).
     */
    public static final Duration DEFAULT_USAGE_SESSION_TIMEOUT = Duration.ofMinutes(3);

    public ServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(databaseUrl, "databaseUrl");
        Objects.requireNonNull(databaseUser, "databaseUser");
        Objects.requireNonNull(databasePassword, "databasePassword");
        Objects.requireNonNull(masterKey, "masterKey");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(geoDatabase, "geoDatabase");
        Objects.requireNonNull(usageRetention, "usageRetention");
        Objects.requireNonNull(headerTimeout, "headerTimeout");
        Objects.requireNonNull(usageSessionTimeout, "usageSessionTimeout");
        if (usageSessionTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException(
                    "the usage session timeout must be at least one second, was " + usageSessionTimeout);
        }
        Objects.requireNonNull(clockSkew, "clockSkew");
        Objects.requireNonNull(tls, "tls");
        // The verifier's own bounds, checked here too so that a bad value stops the start before anything is created.
        if (clockSkew.isNegative() || clockSkew.compareTo(TokenVerifier.MAX_CLOCK_SKEW) > 0) {
            throw new IllegalArgumentException(
                    "the clock skew must be between 0 and " + TokenVerifier.MAX_CLOCK_SKEW + ", was " + clockSkew);
        }
        Objects.requireNonNull(region, "region");
        // The region leads IDs that travel in URLs and RTMP stream names: nothing there needs encoding.
        if (!region.matches("[a-z0-9-]{1,32}")) {
            throw new IllegalArgumentException(
                    "the region must be 1 to 32 lower-case letters, digits and '-' (e.g. us-northeast), was '" + region
                            + "'");
        }
        if (headerTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("the header timeout must be at least 1 ms, was " + headerTimeout);
        }
        if (usageRetention.compareTo(Duration.ofDays(1)) < 0) {
            throw new IllegalArgumentException("the usage retention must be at least one day, was " + usageRetention);
        }
        Objects.requireNonNull(revocationHorizon, "revocationHorizon");
        if (revocationHorizon.compareTo(MAX_TOKEN_LIFETIME) < 0
                || revocationHorizon.compareTo(MAX_REVOCATION_HORIZON) > 0) {
            throw new IllegalArgumentException(
                    "the revocation horizon must be between 24 hours and 3650 days, was " + revocationHorizon);
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
        }
        if (databaseUrl.isPresent() && !databaseUrl.get().startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("the database URL must start with jdbc:postgresql: (H2 is the default"
                    + " and needs no URL), was " + databaseUrl.get().replaceAll("\\?.*", "?..."));
        }
    }

    /** The defaults, with this data directory and port. */
    public static ServerConfig of(Path dataDirectory, int port) {
        return new ServerConfig(
                DEFAULT_HOST,
                port,
                dataDirectory,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                DEFAULT_ISSUER,
                Optional.empty(),
                DEFAULT_USAGE_RETENTION,
                DEFAULT_HEADER_TIMEOUT,
                TokenVerifier.DEFAULT_CLOCK_SKEW,
                DEFAULT_USAGE_SESSION_TIMEOUT,
                Optional.empty(),
                DEFAULT_REGION,
                DEFAULT_REVOCATION_HORIZON);
    }

    /**
     * The PEM files HTTPS is served with.
     *
     * @param certificateChain {@code CERTIFICATE} blocks, the server's own first, then its intermediates
     * @param privateKey a {@code PRIVATE KEY} (PKCS #8) or {@code RSA PRIVATE KEY} block, unencrypted
     */
    public record Tls(Path certificateChain, Path privateKey) {
        public Tls {
            Objects.requireNonNull(certificateChain, "certificateChain");
            Objects.requireNonNull(privateKey, "privateKey");
        }
    }

    /** This configuration on PostgreSQL at the given URL. */
    public ServerConfig withDatabase(String url, String user, String password) {
        Copy copy = new Copy(this);
        copy.databaseUrl = Optional.of(url);
        copy.databaseUser = Optional.ofNullable(user);
        copy.databasePassword = Optional.ofNullable(password);
        return copy.build();
    }

    /** This configuration with a master key given as base64 (as from {@code TOLLGATE_MASTER_KEY}). */
    public ServerConfig withMasterKey(String base64) {
        Copy copy = new Copy(this);
        copy.masterKey = Optional.of(base64);
        return copy.build();
    }

    /** This configuration bound to another host. */
    public ServerConfig withHost(String host) {
        Copy copy = new Copy(this);
        copy.host = host;
        return copy.build();
    }

    /** This configuration with another JWT issuer. */
    public ServerConfig withIssuer(String issuer) {
        Copy copy = new Copy(this);
        copy.issuer = issuer;
        return copy.build();
    }

    /** This configuration with an operator's own geo database (GeoIP2/GeoLite2/DB-IP, Country or City). */
    public ServerConfig withGeoDatabase(Path database) {
        Copy copy = new Copy(this);
        copy.geoDatabase = Optional.of(database);
        return copy.build();
    }

    /** This configuration with another usage retention (at least one day). */
    public ServerConfig withUsageRetention(Duration retention) {
        Copy copy = new Copy(this);
        copy.usageRetention = retention;
        return copy.build();
    }

    /** This configuration with another bound on a request line and headers ({@link #headerTimeout()}). */
    public ServerConfig withHeaderTimeout(Duration timeout) {
        Copy copy = new Copy(this);
        copy.headerTimeout = timeout;
        return copy.build();
    }

    /** This configuration with another clock skew ({@link #clockSkew()}, 0 to {@link TokenVerifier#MAX_CLOCK_SKEW}). */
    public ServerConfig withClockSkew(Duration skew) {
        Copy copy = new Copy(this);
        copy.clockSkew = skew;
        return copy.build();
    }

    /** This configuration with another {@link #usageSessionTimeout()} (at least one second). */
    public ServerConfig withUsageSessionTimeout(Duration timeout) {
        Copy copy = new Copy(this);
        copy.usageSessionTimeout = timeout;
        return copy.build();
    }

    /** This configuration serving HTTPS (HTTP/1.1 over TLS) with the PEM certificate chain and key. */
    public ServerConfig withTls(Path certificateChain, Path privateKey) {
        Copy copy = new Copy(this);
        copy.tls = Optional.of(new Tls(certificateChain, privateKey));
        return copy.build();
    }

    /** This configuration with another region for channel and room IDs ({@link #region()}). */
    public ServerConfig withRegion(String region) {
        Copy copy = new Copy(this);
        copy.region = region;
        return copy.build();
    }

    /** This configuration with another {@link #revocationHorizon()} (24 hours to 3650 days). */
    public ServerConfig withRevocationHorizon(Duration horizon) {
        Copy copy = new Copy(this);
        copy.revocationHorizon = horizon;
        return copy.build();
    }

    /** A configuration being changed by one of the withers: the one place that lists every component. */
    private static final class Copy {
        String host;
        final int port;
        final Path dataDirectory;
        Optional<String> databaseUrl;
        Optional<String> databaseUser;
        Optional<String> databasePassword;
        Optional<String> masterKey;
        String issuer;
        Optional<Path> geoDatabase;
        Duration usageRetention;
        Duration headerTimeout;
        Duration clockSkew;
        Duration usageSessionTimeout;
        Optional<Tls> tls;
        String region;
        Duration revocationHorizon;

        Copy(ServerConfig config) {
            host = config.host;
            port = config.port;
            dataDirectory = config.dataDirectory;
            databaseUrl = config.databaseUrl;
            databaseUser = config.databaseUser;
            databasePassword = config.databasePassword;
            masterKey = config.masterKey;
            issuer = config.issuer;
            geoDatabase = config.geoDatabase;
            usageRetention = config.usageRetention;
            headerTimeout = config.headerTimeout;
            clockSkew = config.clockSkew;
            usageSessionTimeout = config.usageSessionTimeout;
            tls = config.tls;
            region = config.region;
            revocationHorizon = config.revocationHorizon;
        }

        ServerConfig build() {
            return new ServerConfig(
                    host,
                    port,
                    dataDirectory,
                    databaseUrl,
                    databaseUser,
                    databasePassword,
                    masterKey,
                    issuer,
                    geoDatabase,
                    usageRetention,
                    headerTimeout,
                    clockSkew,
                    usageSessionTimeout,
                    tls,
                    region,
                    revocationHorizon);
        }
    }

    // The password never appears in logs or exception messages.
    @Override
    public String toString() {
        return "ServerConfig[host=" + host + ", port=" + port + ", dataDirectory=" + dataDirectory + ", database="
                + databaseUrl.map(url -> url.replaceAll("\\?.*", "")).orElse("H2 in the data directory") + ", issuer="
                + issuer + ", geoDatabase=" + geoDatabase.map(Path::toString).orElse("bundled") + ", usageRetention="
                + usageRetention + ", headerTimeout=" + headerTimeout + ", clockSkew=" + clockSkew
                + ", usageSessionTimeout=" + usageSessionTimeout + ", tls="
                + tls.map(t -> t.certificateChain().toString()).orElse("none") + ", region=" + region
                + ", revocationHorizon=" + revocationHorizon + "]";
    }
}
