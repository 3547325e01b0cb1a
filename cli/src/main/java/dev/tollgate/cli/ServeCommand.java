package dev.tollgate.cli;

import dev.tollgate.server.ServerConfig;
import dev.tollgate.server.StartupException;
import dev.tollgate.server.TollgateServer;
import dev.tollgate.token.TokenVerifier;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tollgate serve}: runs the service until SIGTERM or Ctrl-C. Each setting comes from the first source that has
 * it: the flag, the environment variable, the configuration file, the default (docs/configuration.md).
 */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = "Run the Tollgate service (applications, API and client access tokens, edge tokens).")
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--port",
            paramLabel = "PORT",
            description = "TCP port; 0 = any free port (env TOLLGATE_PORT, default 8080).")
    Integer port;

    @Option(
            names = "--host",
            paramLabel = "ADDRESS",
            description = "Address to bind (env TOLLGATE_HOST, default 127.0.0.1; 0.0.0.0 for every interface).")
    String host;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "Data directory: H2 database, master key, admin credential (env TOLLGATE_DATA_DIR,"
                    + " default ./data).")
    Path dataDirectory;

    @Option(
            names = "--db-url",
            paramLabel = "URL",
            description = "jdbc:postgresql://... to share one PostgreSQL between nodes (env TOLLGATE_DB_URL).")
    String databaseUrl;

    @Option(names = "--db-user", paramLabel = "USER", description = "Database user (env TOLLGATE_DB_USER).")
    String databaseUser;

    @Option(
            names = "--db-password",
            paramLabel = "PASSWORD",
            description = "Database password (prefer env TOLLGATE_DB_PASSWORD: flags show in ps).")
    String databasePassword;

    @Option(
            names = "--issuer",
            paramLabel = "ISS",
            description = "The iss of issued JWTs (env TOLLGATE_ISSUER, default tollgate).")
    String issuer;

    @Option(
            names = "--region",
            paramLabel = "REGION",
            description =
                    "The first part of channel and room IDs (<region>#<applicationId>#<alias>.<random>): lower-case"
                            + " letters, digits and '-' (env TOLLGATE_REGION, default us-northeast).")
    String region;

    @Option(
            names = "--geo-db",
            paramLabel = "FILE",
            description = "A MaxMind-format database (GeoIP2/GeoLite2/DB-IP, Country or City) for location"
                    + " constraints (env TOLLGATE_GEO_DB; default: the bundled country database).")
    Path geoDatabase;

    @Option(
            names = "--usage-retention-days",
            paramLabel = "DAYS",
            description = "Days usage events are kept before they are deleted (env TOLLGATE_USAGE_RETENTION_DAYS,"
                    + " default 400).")
    Integer usageRetentionDays;

    @Option(
            names = "--clock-skew",
            paramLabel = "DURATION",
            description = "How long after its expiry a token is still accepted, for clocks that disagree: 30s, 2m or"
                    + " PT30S, 0 to 10m (env TOLLGATE_CLOCK_SKEW, default 60s).")
    String clockSkew;

    @Option(
            names = "--usage-session-timeout-seconds",
            paramLabel = "SECONDS",
            description = "Seconds a media server's usage session stays open without an update before it is ended at"
                    + " its last sign of life (env TOLLGATE_USAGE_SESSION_TIMEOUT_SECONDS, default 180).")
    Integer usageSessionTimeoutSeconds;

    @Option(
            names = "--revocation-horizon",
            paramLabel = "DURATION",
            description = "How long a tag, channel, room or session revocation holds when no end is given (DIGEST"
                    + " tokens may live any time): 30d, 720h, 24h to 3650d (env TOLLGATE_REVOCATION_HORIZON, default"
                    + " 30d).")
    String revocationHorizon;

    @Option(
            names = "--tls-cert",
            paramLabel = "FILE",
            description = "PEM certificate chain (the server's certificate first) to serve HTTPS with; needs --tls-key"
                    + " (env TOLLGATE_TLS_CERT).")
    Path tlsCertificate;

    @Option(
            names = "--tls-key",
            paramLabel = "FILE",
            description = "PEM private key of --tls-cert, unencrypted PKCS #8 or PKCS #1 (env TOLLGATE_TLS_KEY).")
    Path tlsKey;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "A properties file (env TOLLGATE_CONFIG; default <data-dir>/tollgate.properties if present).")
    Path configFile;

    @Override
    public Integer call() throws InterruptedException {
        ServerConfig config = config(System::getenv);
        TollgateServer server;
        try {
            server = TollgateServer.start(config);
        } catch (StartupException e) {
            // One line an operator acts on; the cause stays out of the terminal (it names classes and drivers).
            spec.commandLine().getErr().println("tollgate serve: " + e.getMessage());
            return Tollgate.REJECTED;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(server.report());
        out.flush();
        // Last: tests and scripts wait for server.url, and must then find the report complete.
        server.announce();
        CountDownLatch stopped = new CountDownLatch(1);
        // SIGTERM and Ctrl-C run shutdown hooks: stop taking requests, close the pool, then let the JVM exit.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            System.err.println("tollgate: stopped");
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }

    ServerConfig config(Function<String, String> environment) {
        Path directory = Optional.ofNullable(dataDirectory)
                .or(() -> env(environment, "TOLLGATE_DATA_DIR").map(Path::of))
                .orElse(ServerConfig.DEFAULT_DATA_DIRECTORY);
        Properties file = properties(
                Optional.ofNullable(configFile)
                        .or(() -> env(environment, "TOLLGATE_CONFIG").map(Path::of)),
                directory);
        if (dataDirectory == null && env(environment, "TOLLGATE_DATA_DIR").isEmpty() && file.containsKey("data-dir")) {
            directory = Path.of(file.getProperty("data-dir"));
        }
        int chosenPort = Optional.ofNullable(port)
                .or(() -> setting(environment, "TOLLGATE_PORT", file, "port").map(ServeCommand::port))
                .orElse(ServerConfig.DEFAULT_PORT);
        ServerConfig config = ServerConfig.of(directory, chosenPort)
                .withHost(Optional.ofNullable(host)
                        .or(() -> setting(environment, "TOLLGATE_HOST", file, "host"))
                        .orElse(ServerConfig.DEFAULT_HOST))
                .withIssuer(Optional.ofNullable(issuer)
                        .or(() -> setting(environment, "TOLLGATE_ISSUER", file, "issuer"))
                        .orElse(ServerConfig.DEFAULT_ISSUER))
                .withRegion(Optional.ofNullable(region)
                        .or(() -> setting(environment, "TOLLGATE_REGION", file, "region"))
                        .orElse(ServerConfig.DEFAULT_REGION));
        Optional<String> url =
                Optional.ofNullable(databaseUrl).or(() -> setting(environment, "TOLLGATE_DB_URL", file, "db-url"));
        if (url.isPresent()) {
            config = config.withDatabase(
                    url.get(),
                    Optional.ofNullable(databaseUser)
                            .or(() -> setting(environment, "TOLLGATE_DB_USER", file, "db-user"))
                            .orElse(null),
                    Optional.ofNullable(databasePassword)
                            .or(() -> setting(environment, "TOLLGATE_DB_PASSWORD", file, "db-password"))
                            .orElse(null));
        }
        Optional<Path> geo = Optional.ofNullable(geoDatabase)
                .or(() ->
                        setting(environment, "TOLLGATE_GEO_DB", file, "geo-db").map(Path::of));
        if (geo.isPresent()) {
            config = config.withGeoDatabase(geo.get());
        }
        Optional<Integer> retention = Optional.ofNullable(usageRetentionDays)
                .or(() -> setting(environment, "TOLLGATE_USAGE_RETENTION_DAYS", file, "usage-retention-days")
                        .map(ServeCommand::days));
        if (retention.isPresent()) {
            if (retention.get() < 1) {
                throw new UsageException("the usage retention must be at least 1 day, was " + retention.get());
            }
            config = config.withUsageRetention(Duration.ofDays(retention.get()));
        }
        Optional<Duration> skew = Optional.ofNullable(clockSkew)
                .or(() -> setting(environment, "TOLLGATE_CLOCK_SKEW", file, "clock-skew"))
                .map(ServeCommand::clockSkew);
        if (skew.isPresent()) {
            config = config.withClockSkew(skew.get());
        }
        Optional<Integer> sessionTimeout = Optional.ofNullable(usageSessionTimeoutSeconds)
                .or(() -> setting(
                                environment,
                                "TOLLGATE_USAGE_SESSION_TIMEOUT_SECONDS",
                                file,
                                "usage-session-timeout-seconds")
                        .map(ServeCommand::seconds));
        if (sessionTimeout.isPresent()) {
            if (sessionTimeout.get() < 1) {
                throw new UsageException(
                        "the usage session timeout must be at least 1 second, was " + sessionTimeout.get());
            }
            config = config.withUsageSessionTimeout(Duration.ofSeconds(sessionTimeout.get()));
        }
        Optional<Duration> horizon = Optional.ofNullable(revocationHorizon)
                .or(() -> setting(environment, "TOLLGATE_REVOCATION_HORIZON", file, "revocation-horizon"))
                .map(ServeCommand::revocationHorizon);
        if (horizon.isPresent()) {
            config = config.withRevocationHorizon(horizon.get());
        }
        Optional<Path> certificate = Optional.ofNullable(tlsCertificate)
                .or(() -> setting(environment, "TOLLGATE_TLS_CERT", file, "tls-cert")
                        .map(Path::of));
        Optional<Path> key = Optional.ofNullable(tlsKey)
                .or(() -> setting(environment, "TOLLGATE_TLS_KEY", file, "tls-key")
                        .map(Path::of));
        if (certificate.isPresent() != key.isPresent()) {
            throw new UsageException("--tls-cert and --tls-key go together: HTTPS needs the certificate and its key");
        }
        if (certificate.isPresent()) {
            config = config.withTls(certificate.get(), key.get());
        }
        Optional<String> masterKey = env(environment, "TOLLGATE_MASTER_KEY");
        return masterKey.isPresent() ? config.withMasterKey(masterKey.get()) : config;
    }

    private static Optional<String> setting(
            Function<String, String> environment, String variable, Properties file, String key) {
        return env(environment, variable).or(() -> Optional.ofNullable(file.getProperty(key)));
    }

    private static Optional<String> env(Function<String, String> environment, String name) {
        String value = environment.apply(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    private static int port(String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new UsageException("the port must be a number from 0 to 65535, was '" + text + "'");
        }
    }

    private static int days(String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new UsageException("the usage retention must be a whole number of days, was '" + text + "'");
        }
    }

    /** Bounded as the verifier bounds it; refused here so that the one line quotes the value as it was typed. */
    private static Duration clockSkew(String text) {
        Duration skew = DurationArgument.parse("the clock skew", text);
        if (skew.isNegative() || skew.compareTo(TokenVerifier.MAX_CLOCK_SKEW) > 0) {
            throw new UsageException("the clock skew must be between 0 and " + TokenVerifier.MAX_CLOCK_SKEW.toMinutes()
                    + "m, was '" + text.strip() + "'");
        }
        return skew;
    }

    private static Duration revocationHorizon(String text) {
        Duration horizon = DurationArgument.parse("the revocation horizon", text);
        if (horizon.compareTo(ServerConfig.MAX_TOKEN_LIFETIME) < 0
                || horizon.compareTo(ServerConfig.MAX_REVOCATION_HORIZON) > 0) {
            throw new UsageException(
                    "the revocation horizon must be between 24h and 3650d, was '" + text.strip() + "'");
        }
        return horizon;
    }

    private static int seconds(String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new UsageException("the usage session timeout must be a whole number of seconds, was '" + text + "'");
        }
    }

    private static Properties properties(Optional<Path> given, Path dataDirectory) {
        Path file = given.orElse(dataDirectory.resolve("tollgate.properties"));
        Properties properties = new Properties();
        if (given.isEmpty() && !Files.exists(file)) {
            return properties;
        }
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UsageException("cannot read the configuration file " + file + ": " + e.getMessage());
        }
        return properties;
    }
}
