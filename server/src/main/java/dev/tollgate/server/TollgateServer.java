package dev.tollgate.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.edge.EdgePolicy;
import dev.tollgate.edge.GeoLocator;
import dev.tollgate.server.internal.access.AdminCredential;
import dev.tollgate.server.internal.access.EdgeCredential;
import dev.tollgate.server.internal.access.FailedAttempts;
import dev.tollgate.server.internal.access.Gates;
import dev.tollgate.server.internal.access.RateLimit;
import dev.tollgate.server.internal.admin.AdminApplicationEndpoint;
import dev.tollgate.server.internal.admin.HealthEndpoint;
import dev.tollgate.server.internal.admin.MetricsEndpoint;
import dev.tollgate.server.internal.admin.SigningKeyAdminEndpoint;
import dev.tollgate.server.internal.applications.Applications;
import dev.tollgate.server.internal.applications.JdbcApplicationStore;
import dev.tollgate.server.internal.edge.EdgeAuthorizeEndpoint;
import dev.tollgate.server.internal.edge.TokenRefEndpoint;
import dev.tollgate.server.internal.edge.TokenVerifyEndpoint;
import dev.tollgate.server.internal.http.Endpoint;
import dev.tollgate.server.internal.http.ErrorResponder;
import dev.tollgate.server.internal.http.HeaderDeadline;
import dev.tollgate.server.internal.http.JsonResponses;
import dev.tollgate.server.internal.http.Metrics;
import dev.tollgate.server.internal.http.Router;
import dev.tollgate.server.internal.http.Routes;
import dev.tollgate.server.internal.http.TransportErrors;
import dev.tollgate.server.internal.issuance.ApiTokenEndpoint;
import dev.tollgate.server.internal.issuance.ClientAccessTokenEndpoint;
import dev.tollgate.server.internal.issuance.ClientAccessTokens;
import dev.tollgate.server.internal.issuance.DashboardTokenEndpoint;
import dev.tollgate.server.internal.issuance.EdgeTokenEndpoint;
import dev.tollgate.server.internal.issuance.JwksEndpoint;
import dev.tollgate.server.internal.keys.JdbcSigningKeyStore;
import dev.tollgate.server.internal.keys.JwtTokens;
import dev.tollgate.server.internal.keys.MasterKey;
import dev.tollgate.server.internal.keys.SecretBox;
import dev.tollgate.server.internal.keys.SigningKeys;
import dev.tollgate.server.internal.refs.JdbcTokenRefStore;
import dev.tollgate.server.internal.refs.TokenRefResolver;
import dev.tollgate.server.internal.refs.TokenRefStore;
import dev.tollgate.server.internal.refs.TokenRefs;
import dev.tollgate.server.internal.reports.UsageEndpoint;
import dev.tollgate.server.internal.sessions.ConferenceEndpoint;
import dev.tollgate.server.internal.sessions.JdbcConferenceStore;
import dev.tollgate.server.internal.sessions.JdbcNotificationStore;
import dev.tollgate.server.internal.sessions.JdbcSessionStore;
import dev.tollgate.server.internal.sessions.NotificationEndpoint;
import dev.tollgate.server.internal.sessions.SessionAccess;
import dev.tollgate.server.internal.sessions.SessionEndpoint;
import dev.tollgate.server.internal.store.DataDirectory;
import dev.tollgate.server.internal.store.Database;
import dev.tollgate.server.internal.store.JdbcSettingsStore;
import dev.tollgate.server.internal.store.OwnerOnlyFiles;
import dev.tollgate.server.internal.store.SettingsStore;
import dev.tollgate.server.internal.usage.JdbcUsageStore;
import dev.tollgate.server.internal.usage.UsageRetention;
import dev.tollgate.server.internal.usage.UsageStore;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.SizeLimitHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * The Tollgate HTTP service: Jetty 12 core handlers on virtual threads, H2 or PostgreSQL behind Flyway, JDBI and HikariCP.
 *
 * <pre>{@code
 * try (TollgateServer server = TollgateServer.start(ServerConfig.of(Path.of("data"), 0))) {
 *     System.out.println(server.report());
 *     ...
 * }
 * }</pre>
 *
 * <p>On first start it creates the data directory, the master key (unless given), the JWT signing key and the admin
 * and edge credentials, and says so in {@link #report()}. {@link #announce()} writes {@code server.port} and
 * {@code server.url} into the data directory for the CLI; {@link #close()} removes them. Thread-safe; {@link #close()} is idempotent.
 */
public final class TollgateServer implements AutoCloseable {
    /** File in the data directory holding the URL the CLI should call. */
    public static final String URL_FILE = "server.url";

    /** File in the data directory holding the bound port. */
    public static final String PORT_FILE = "server.port";

    /** File in the data directory holding the admin credential (0600). */
    public static final String ADMIN_CREDENTIAL_FILE = AdminCredential.FILE_NAME;

    /** File in the data directory holding the edge credential (0600), for the edges' configuration. */
    public static final String EDGE_CREDENTIAL_FILE = EdgeCredential.FILE_NAME;

    /**
     * Token references one client address may create per minute. Generous for a backend that creates them for its
     * viewers; each one is a database row, so a flood from one address stops here.
     */
    static final int TOKEN_REFS_PER_MINUTE = 600;

    private static final Logger LOG = LoggerFactory.getLogger(TollgateServer.class);

    /** The largest body the HTTP layer lets through: a backstop above RequestBody.MAX_BYTES, whose 413 is ours. */
    static final long MAX_BODY_BYTES = 1024 * 1024;

    /** The largest request line plus header section; larger is 431 (RFC 6585 §5). */
    static final int MAX_HEADER_BYTES = 16 * 1024;

    /**
     * How long a connection may be silent while a body is read or an answer written; the header section has its own,
     * shorter bound ({@link ServerConfig#headerTimeout()}).
     */
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);

    private final Server webServer;
    private final ServerConnector connector;
    private final Database database;
    private final DataDirectory directory;
    private final Path dataDirectory;
    private final List<String> created;
    private final List<String> warnings;
    private final Optional<String> adminCredential;
    private final Optional<String> edgeCredential;
    private final URI url;
    private final AtomicBoolean closed = new AtomicBoolean();

    private TollgateServer(
            Server webServer,
            ServerConnector connector,
            Database database,
            DataDirectory directory,
            List<String> created,
            List<String> warnings,
            Optional<String> adminCredential,
            Optional<String> edgeCredential,
            URI url) {
        this.webServer = webServer;
        this.connector = connector;
        this.database = database;
        this.directory = directory;
        this.dataDirectory = directory.path();
        this.created = List.copyOf(created);
        this.warnings = List.copyOf(warnings);
        this.adminCredential = adminCredential;
        this.edgeCredential = edgeCredential;
        this.url = url;
    }

    /** Starts the server with the system clock. */
    public static TollgateServer start(ServerConfig config) {
        return start(config, Clock.systemUTC());
    }

    /** Starts the server; {@code clock} drives every expiry it issues and checks. */
    public static TollgateServer start(ServerConfig config, Clock clock) {
        routeJulToSlf4j();
        List<String> created = new ArrayList<>();
        DataDirectory directory = DataDirectory.open(config.dataDirectory());
        Path dataDirectory = directory.path();
        if (directory.created()) {
            created.add("data directory " + dataDirectory + " (0700)");
        }
        directory.warnings().forEach(LOG::warn);
        try {
            // Left by a serve that was killed: this one holds the lock now, so they name nothing that runs.
            forgetAddress(dataDirectory);
        } catch (IOException e) {
            directory.close();
            throw new StartupException(
                    "cannot write to the data directory " + dataDirectory + ": " + DataDirectory.reason(e), e);
        }
        try {
            return start(config, clock, directory, created);
        } catch (RuntimeException e) {
            directory.close();
            throw e;
        }
    }

    private static TollgateServer start(
            ServerConfig config, Clock clock, DataDirectory directory, List<String> created) {
        Path dataDirectory = directory.path();
        // Before anything is created: a busy port must not leave a new admin credential behind that nobody saw.
        ensurePortIsFree(config.host(), config.port());
        SecureRandom random = new SecureRandom();
        MasterKey masterKey = MasterKey.load(dataDirectory, config.masterKey(), random);
        if (masterKey.created()) {
            created.add("master key " + masterKey.source() + " (0600; back it up: without it secrets are lost)");
        }
        SecretBox box = new SecretBox(masterKey.bytes(), random);

        Database database = Database.open(config);
        // H2 creates its files under the umask; the data directory's files are 0600.
        directory.restrictFiles();
        try {
            SettingsStore settings = new JdbcSettingsStore(database.jdbi());
            checkMasterKey(settings, box, clock);
            AdminCredential.Loaded admin = AdminCredential.ensure(settings, dataDirectory, random, clock);
            admin.createdValue()
                    .ifPresent(v -> created.add("admin credential, written to " + admin.file() + " (0600)"));
            EdgeCredential.Loaded edge = EdgeCredential.ensure(settings, dataDirectory, random, clock);
            edge.createdValue().ifPresent(v -> created.add("edge credential, written to " + edge.file() + " (0600)"));
            SigningKeys signingKeys = new SigningKeys(new JdbcSigningKeyStore(database.jdbi()), box, clock);
            if (signingKeys.ensureCurrent()) {
                created.add("JWT signing key (" + SigningKeys.ALGORITHM + ", sealed in the database)");
            }

            ObjectMapper mapper = mapper();
            Metrics metrics = new Metrics();
            JsonResponses responses = new JsonResponses(mapper);
            ErrorResponder errors = new ErrorResponder(responses, metrics);
            Applications applications = new Applications(new JdbcApplicationStore(database.jdbi()), box, random, clock);
            JwtTokens jwts = new JwtTokens(signingKeys, clock, config.issuer());
            FailedAttempts failedAttempts = new FailedAttempts();
            Gates gates = new Gates(admin.credential(), edge.credential(), jwts, applications, failedAttempts);
            ClientAccessTokens clientAccessTokens = new ClientAccessTokens(jwts);
            // The bundled country database loads lazily, on the first decision that needs a location.
            GeoLocator locator = config.geoDatabase().map(GeoLocator::open).orElseGet(GeoLocator::bundled);
            EdgePolicy policy = EdgePolicy.builder()
                    .secrets(applications)
                    .clock(clock)
                    .geoLocator(locator)
                    .build();
            TokenRefStore tokenRefStore = new JdbcTokenRefStore(database.jdbi());
            Duration skew = policy.verifier().clockSkew();
            TokenRefResolver tokenRefResolver = new TokenRefResolver(tokenRefStore, box, clock, skew);
            UsageStore usage = new JdbcUsageStore(database.jdbi());
            UsageRetention usageRetention = new UsageRetention(usage, config.usageRetention(), clock);

            SessionAccess sessionAccess = new SessionAccess(gates, new JdbcSessionStore(database.jdbi()), clock);
            Routes routes = new Routes();
            for (Endpoint endpoint : List.of(
                    new HealthEndpoint(database.jdbi(), responses),
                    new MetricsEndpoint(metrics, responses),
                    new AdminApplicationEndpoint(gates, applications, responses, mapper),
                    new DashboardTokenEndpoint(gates, applications, clientAccessTokens, responses, mapper, metrics),
                    new SigningKeyAdminEndpoint(gates, signingKeys, responses),
                    new ApiTokenEndpoint(gates, jwts, responses, metrics),
                    new ClientAccessTokenEndpoint(gates, clientAccessTokens, responses, mapper, metrics),
                    new JwksEndpoint(signingKeys, responses),
                    new EdgeTokenEndpoint(applications, gates, responses, mapper, metrics, clock),
                    new SessionEndpoint(
                            gates,
                            policy,
                            tokenRefResolver,
                            new JdbcSessionStore(database.jdbi()),
                            usageRetention,
                            responses,
                            mapper,
                            clock),
                    new TokenVerifyEndpoint(policy, applications, tokenRefResolver, responses, mapper, clock),
                    new TokenRefEndpoint(
                            policy.verifier(),
                            new TokenRefs(tokenRefStore, box, random, clock, skew),
                            new RateLimit(TOKEN_REFS_PER_MINUTE, Duration.ofMinutes(1)),
                            responses,
                            mapper,
                            clock),
                    new EdgeAuthorizeEndpoint(
                            gates, policy, tokenRefResolver, usage, usageRetention, responses, mapper, clock),
                    new UsageEndpoint(gates, applications, usage, responses, clock),
                    new ConferenceEndpoint(
                            sessionAccess, new JdbcConferenceStore(database.jdbi()), responses, mapper, clock),
                    new NotificationEndpoint(
                            sessionAccess, new JdbcNotificationStore(database.jdbi()), responses, mapper, clock))) {
                endpoint.routes(routes);
            }
            Server webServer = webServer(config, new Router(routes, errors), new TransportErrors(metrics));
            ServerConnector connector = (ServerConnector) webServer.getConnectors()[0];
            String host = config.host().equals("0.0.0.0") || config.host().equals("::") ? "127.0.0.1" : config.host();
            URI url = URI.create(
                    "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + connector.getLocalPort());
            created.addFirst("database " + database.description());
            return new TollgateServer(
                    webServer,
                    connector,
                    database,
                    directory,
                    created,
                    directory.warnings(),
                    admin.createdValue(),
                    edge.createdValue(),
                    url);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /**
     * Writes {@code server.port}, then {@code server.url}, into the data directory (0600, each by an atomic rename), so
     * the CLI on this machine finds the server. {@code serve} calls it after printing the report: whoever waits for
     * {@code server.url} then finds the report complete.
     */
    public void announce() {
        OwnerOnlyFiles.replace(dataDirectory.resolve(PORT_FILE), port() + "\n");
        OwnerOnlyFiles.replace(dataDirectory.resolve(URL_FILE), url + "\n");
    }

    /** The bound port (the chosen one when configured with 0). */
    public int port() {
        return connector.getLocalPort();
    }

    /** The URL clients on this machine reach the server at. */
    public URI url() {
        return url;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** What this start created (data directory, master key, signing key, admin and edge credentials), for the report. */
    public List<String> created() {
        return created;
    }

    /** The admin credential in clear, only on the start that created it. */
    public Optional<String> adminCredential() {
        return adminCredential;
    }

    /** The edge credential in clear, only on the start that created it: {@code POST /v1/edge/authorize} needs it. */
    public Optional<String> edgeCredential() {
        return edgeCredential;
    }

    /** The startup report: URL, database, what was created, and the admin and edge credentials when they are new. */
    public String report() {
        StringBuilder out = new StringBuilder();
        out.append("Tollgate listening on ").append(url).append('\n');
        for (String line : created) {
            out.append("  ")
                    .append(line.startsWith("database") ? "using " : "created ")
                    .append(line)
                    .append('\n');
        }
        for (String warning : warnings) {
            out.append("  warning: ").append(warning).append('\n');
        }
        adminCredential.ifPresent(value ->
                out.append("  admin credential (shown once): ").append(value).append('\n'));
        edgeCredential.ifPresent(value ->
                out.append("  edge credential (shown once): ").append(value).append('\n'));
        out.append("  port written to ")
                .append(dataDirectory.resolve(PORT_FILE))
                .append('\n');
        return out.toString();
    }

    /** Stops accepting requests, then closes the database pool. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            webServer.stop();
        } catch (Exception e) {
            // Jetty's stop declares Exception; the database and the files below are released all the same.
            LOG.warn("the HTTP server did not stop cleanly: {}", e.toString());
        } finally {
            database.close();
            try {
                forgetAddress(dataDirectory);
            } catch (IOException e) {
                // Best effort: a stale file makes the CLI fail with "connection refused", which names the cause.
            }
            directory.close();
        }
    }

    /**
     * Jetty with one connector, started and bound: handlers on virtual threads, the request line and headers bounded
     * ({@link #MAX_HEADER_BYTES}, 431), a body past {@link #MAX_BODY_BYTES} refused with 413, a connection whose
     * header section is not complete within {@link ServerConfig#headerTimeout()} closed ({@link HeaderDeadline}), HTTP and URI parsing left strict, Jetty's error pages replaced by
     * our JSON ({@link TransportErrors}).
     *
     * @throws StartupException when the port is taken (between {@link #ensurePortIsFree} and the bind) or cannot be
     *     bound
     */
    private static Server webServer(ServerConfig config, Handler router, TransportErrors transportErrors) {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("tollgate-http");
        threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(MAX_HEADER_BYTES);
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setHttpCompliance(HttpCompliance.RFC9110);
        http.setUriCompliance(UriCompliance.DEFAULT);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(config.host());
        connector.setPort(config.port());
        connector.setIdleTimeout(IDLE_TIMEOUT.toMillis());
        HeaderDeadline deadline = new HeaderDeadline(connector.getScheduler(), config.headerTimeout());
        connector.addEventListener(deadline);
        server.addConnector(connector);
        SizeLimitHandler limit = new SizeLimitHandler(MAX_BODY_BYTES, -1);
        limit.setHandler(router);
        Handler.Wrapper watched = deadline.handler();
        watched.setHandler(limit);
        server.setHandler(watched);
        server.setErrorHandler(transportErrors);
        server.setStopAtShutdown(false);
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly(server);
            String address = address(config.host(), config.port());
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof BindException) {
                    // Another process took the port between the check in start and the bind.
                    throw new StartupException(address + " is already in use", e);
                }
            }
            throw new StartupException("cannot listen on " + address + ": " + e.getMessage(), e);
        }
        return server;
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.debug("stopping the HTTP server that did not start: {}", e.toString());
        }
    }

    private static void checkMasterKey(SettingsStore settings, SecretBox box, Clock clock) {
        String check =
                settings.putIfAbsent("master-key-check", box.seal("tollgate", "master-key-check"), clock.millis());
        if (box.open(check, "master-key-check").isEmpty()) {
            throw new StartupException("the master key does not match this database: the database was created"
                    + " with another key (check TOLLGATE_MASTER_KEY or master.key in the data directory)");
        }
    }

    private static void forgetAddress(Path dataDirectory) throws IOException {
        Files.deleteIfExists(dataDirectory.resolve(URL_FILE));
        Files.deleteIfExists(dataDirectory.resolve(PORT_FILE));
    }

    private static void ensurePortIsFree(String host, int port) {
        if (port == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(host, port));
        } catch (BindException e) {
            if (e.getMessage() != null && e.getMessage().contains("in use")) {
                throw new StartupException(address(host, port) + " is already in use", e);
            }
            throw new StartupException("cannot listen on " + address(host, port) + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new StartupException("cannot listen on " + address(host, port) + ": " + e.getMessage(), e);
        }
    }

    private static String address(String host, int port) {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    private static ObjectMapper mapper() {
        JsonFactory factory = JsonFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(32)
                        .maxStringLength(64 * 1024)
                        .maxNumberLength(32)
                        .build())
                .build();
        return new ObjectMapper(factory);
    }

    private static void routeJulToSlf4j() {
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }
}
