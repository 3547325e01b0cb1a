package dev.tollgate.server;

import dev.tollgate.edge.EdgePolicy;
import dev.tollgate.edge.GeoLocator;
import dev.tollgate.server.internal.access.AdminCredential;
import dev.tollgate.server.internal.access.Budgets;
import dev.tollgate.server.internal.access.EdgeCredential;
import dev.tollgate.server.internal.access.FailedAttempts;
import dev.tollgate.server.internal.access.Gates;
import dev.tollgate.server.internal.accounts.Accounts;
import dev.tollgate.server.internal.accounts.BrowserSessions;
import dev.tollgate.server.internal.accounts.JdbcAccountStore;
import dev.tollgate.server.internal.accounts.JdbcBrowserSessionStore;
import dev.tollgate.server.internal.accounts.Passwords;
import dev.tollgate.server.internal.accounts.SessionCookie;
import dev.tollgate.server.internal.admin.AdminRoutes;
import dev.tollgate.server.internal.applications.Applications;
import dev.tollgate.server.internal.applications.JdbcApplicationStore;
import dev.tollgate.server.internal.changes.Changes;
import dev.tollgate.server.internal.changes.PostgresChanges;
import dev.tollgate.server.internal.channels.ChannelRoutes;
import dev.tollgate.server.internal.dashboard.DashboardRoutes;
import dev.tollgate.server.internal.decisions.EdgeDecisions;
import dev.tollgate.server.internal.edge.EdgeRoutes;
import dev.tollgate.server.internal.hooks.HookRoutes;
import dev.tollgate.server.internal.hooks.SessionLookup;
import dev.tollgate.server.internal.http.HeaderDeadline;
import dev.tollgate.server.internal.http.Plumbing;
import dev.tollgate.server.internal.http.Router;
import dev.tollgate.server.internal.http.Routes;
import dev.tollgate.server.internal.http.TransportErrors;
import dev.tollgate.server.internal.issuance.IssuanceRoutes;
import dev.tollgate.server.internal.keys.JdbcSigningKeyStore;
import dev.tollgate.server.internal.keys.JwtTokens;
import dev.tollgate.server.internal.keys.MasterKey;
import dev.tollgate.server.internal.keys.PemKeyStore;
import dev.tollgate.server.internal.keys.SecretBox;
import dev.tollgate.server.internal.keys.SigningKeys;
import dev.tollgate.server.internal.refs.JdbcTokenRefStore;
import dev.tollgate.server.internal.refs.TokenRefResolver;
import dev.tollgate.server.internal.refs.TokenRefStore;
import dev.tollgate.server.internal.refs.TokenRefs;
import dev.tollgate.server.internal.registry.ChannelStore;
import dev.tollgate.server.internal.registry.Channels;
import dev.tollgate.server.internal.registry.JdbcChannelStore;
import dev.tollgate.server.internal.reports.ReportRoutes;
import dev.tollgate.server.internal.revocations.JdbcRevocationStore;
import dev.tollgate.server.internal.revocations.RevocationPurge;
import dev.tollgate.server.internal.revocations.Revocations;
import dev.tollgate.server.internal.sessions.JdbcConferenceStore;
import dev.tollgate.server.internal.sessions.JdbcNotificationStore;
import dev.tollgate.server.internal.sessions.JdbcSessionStore;
import dev.tollgate.server.internal.sessions.SessionRoutes;
import dev.tollgate.server.internal.sessions.SessionStore;
import dev.tollgate.server.internal.signin.SignInRoutes;
import dev.tollgate.server.internal.store.DataDirectory;
import dev.tollgate.server.internal.store.Database;
import dev.tollgate.server.internal.store.JdbcSettingsStore;
import dev.tollgate.server.internal.store.OwnerOnlyFiles;
import dev.tollgate.server.internal.store.SettingsStore;
import dev.tollgate.server.internal.usage.JdbcUsageSessionStore;
import dev.tollgate.server.internal.usage.JdbcUsageStore;
import dev.tollgate.server.internal.usage.UsageRetention;
import dev.tollgate.server.internal.usage.UsageSessionReaper;
import dev.tollgate.server.internal.usage.UsageSessionStore;
import dev.tollgate.server.internal.usage.UsageStore;
import dev.tollgate.server.internal.websdk.WebSdkRoutes;
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
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.SizeLimitHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.jdbi.v3.core.Jdbi;
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
    private final UsageRetention usageRetention;
    private final ServerConnector connector;
    private final Database database;
    private final UsageSessionReaper reaper;
    private final Budgets budgets;
    private final Changes changes;
    private final RevocationPurge revocationPurge;
    private final DataDirectory directory;
    private final Path dataDirectory;
    private final List<Created> created;
    private final List<String> warnings;
    private final Optional<String> adminCredential;
    private final Optional<String> edgeCredential;
    private final URI url;
    private final boolean noAccounts;
    private final AtomicBoolean closed = new AtomicBoolean();

    private TollgateServer(
            Server webServer,
            ServerConnector connector,
            Provisioned provisioned,
            UsageRetention usageRetention,
            UsageSessionReaper reaper,
            Budgets budgets,
            RevocationPurge revocationPurge,
            URI url,
            boolean noAccounts) {
        this.budgets = budgets;
        this.webServer = webServer;
        this.revocationPurge = revocationPurge;
        this.usageRetention = usageRetention;
        this.connector = connector;
        this.database = provisioned.database();
        this.changes = provisioned.changes();
        this.reaper = reaper;
        this.directory = provisioned.directory();
        this.dataDirectory = directory.path();
        this.created = provisioned.created();
        this.warnings = directory.warnings();
        this.adminCredential = provisioned.admin().createdValue();
        this.edgeCredential = provisioned.edge().createdValue();
        this.url = url;
        this.noAccounts = noAccounts;
    }

    /**
     * One thing a start created, for the report: {@code created <what><detail>}.
     *
     * @param what the thing, e.g. {@code master key}
     * @param detail what the report says after it, with its separator, e.g. {@code ", written to …/admin.token (0600)"}
     */
    private record Created(String what, String detail) {
        String line() {
            return what + detail;
        }
    }

    /**
     * What the first start creates and every start loads, before anything listens: the data directory (locked), the
     * master key, the database (migrated), the admin and edge credentials and the JWT signing key.
     */
    private record Provisioned(
            DataDirectory directory,
            SecureRandom random,
            SecretBox box,
            Database database,
            AdminCredential.Loaded admin,
            EdgeCredential.Loaded edge,
            SigningKeys signingKeys,
            Changes changes,
            List<Created> created) {}

    /** Starts the server with the system clock. */
    public static TollgateServer start(ServerConfig config) {
        return start(config, Clock.systemUTC());
    }

    /** Starts the server; {@code clock} drives every expiry it issues and checks. */
    public static TollgateServer start(ServerConfig config, Clock clock) {
        return start(config, clock, UsageRetention.PURGE_INTERVAL);
    }

    /**
     * Starts the server purging expired usage and ended revocation entries every {@code usagePurgeInterval}: tests
     * need not wait a minute.
     */
    static TollgateServer start(ServerConfig config, Clock clock, Duration usagePurgeInterval) {
        routeJulToSlf4j();
        DataDirectory directory = DataDirectory.open(config.dataDirectory());
        directory.warnings().forEach(LOG::warn);
        try {
            // Left by a serve that was killed: this one holds the lock now, so they name nothing that runs.
            forgetAddress(directory.path());
        } catch (IOException e) {
            directory.close();
            throw new StartupException(
                    "cannot write to the data directory " + directory.path() + ": " + DataDirectory.reason(e), e);
        }
        try {
            // Before anything is created: a busy port must not leave a new admin credential behind that nobody saw.
            ensurePortIsFree(config.host(), config.port());
            // Likewise a TLS file that cannot be used: read and checked before the first start creates anything.
            Optional<PemKeyStore.Loaded> tls =
                    config.tls().map(files -> PemKeyStore.load(files.certificateChain(), files.privateKey()));
            Provisioned provisioned = provision(config, clock, directory);
            Budgets budgets = null;
            try {
                Plumbing plumbing = Plumbing.create(clock);
                // Built once, shared by the routes and the background tasks that purge and reap them.
                UsageStore usage = new JdbcUsageStore(provisioned.database().jdbi());
                UsageSessionStore usageSessions =
                        new JdbcUsageSessionStore(provisioned.database().jdbi());
                // Shared by the nodes of one PostgreSQL, or this node's own on H2; its purge stops in close().
                budgets = provisioned.database().shared()
                        ? Budgets.shared(provisioned.database().dataSource(), clock, provisioned.changes())
                        : Budgets.local(clock);
                Revocations revocations = new Revocations(
                        new JdbcRevocationStore(provisioned.database().jdbi()),
                        clock,
                        Revocations.DEFAULT_REFRESH_INTERVAL,
                        Revocations.DEFAULT_MAX_STALENESS,
                        config.revocationHorizon());
                revocations.shareThrough(provisioned.changes());
                // Read once before anything listens: the first requests then find the list, not a read to wait for.
                revocations.refresh();
                // Known once Jetty listens (the port may be 0); the set-password links start with it.
                AtomicReference<URI> listening = new AtomicReference<>();
                Routes routes =
                        routes(config, provisioned, plumbing, usage, usageSessions, budgets, revocations, listening);
                Router router = new Router(routes, plumbing.errors());
                Server webServer = webServer(config, tls, router, new TransportErrors(plumbing.metrics(), router));
                ServerConnector connector = (ServerConnector) webServer.getConnectors()[0];
                listening.set(url(config, connector));
                // Started last, once nothing below can fail: close() is then the one that stops them.
                UsageRetention usageRetention =
                        UsageRetention.start(usage, usageSessions, config.usageRetention(), clock, usagePurgeInterval);
                UsageSessionReaper reaper = new UsageSessionReaper(
                        usageSessions,
                        config.usageSessionTimeout(),
                        UsageSessionReaper.DEFAULT_INTERVAL,
                        clock,
                        HookRoutes.REPORTING_EVERY_END_ONLY);
                reaper.start();
                RevocationPurge revocationPurge = RevocationPurge.start(revocations, clock, usagePurgeInterval);
                boolean noAccounts = new JdbcAccountStore(provisioned.database().jdbi()).count() == 0;
                return new TollgateServer(
                        webServer,
                        connector,
                        provisioned,
                        usageRetention,
                        reaper,
                        budgets,
                        revocationPurge,
                        url(config, connector),
                        noAccounts);
            } catch (RuntimeException e) {
                if (budgets != null) {
                    budgets.close();
                }
                provisioned.changes().close();
                provisioned.database().close();
                throw e;
            }
        } catch (RuntimeException e) {
            directory.close();
            throw e;
        }
    }

    /** The first start's work, and every start's loading of it; closes the database if a step fails. */
    private static Provisioned provision(ServerConfig config, Clock clock, DataDirectory directory) {
        Path dataDirectory = directory.path();
        List<Created> created = new ArrayList<>();
        if (directory.created()) {
            created.add(new Created("data directory", " " + dataDirectory + " (0700)"));
        }
        SecureRandom random = new SecureRandom();
        MasterKey masterKey = MasterKey.load(dataDirectory, config.masterKey(), random);
        if (masterKey.created()) {
            created.add(new Created(
                    "master key", " " + masterKey.source() + " (0600; back it up: without it secrets are lost)"));
        }
        SecretBox box = new SecretBox(masterKey.bytes(), random);
        Database database = Database.open(config);
        // H2 creates its files under the umask; the data directory's files are 0600.
        directory.restrictFiles();
        Changes changes = Changes.NONE;
        try {
            // Listening before any cache is filled: a change another node makes from here on is heard of.
            changes = database.shared() ? PostgresChanges.start(database.dataSource(), random) : Changes.NONE;
            SettingsStore settings = new JdbcSettingsStore(database.jdbi());
            checkMasterKey(settings, box, clock);
            AdminCredential.Loaded admin = AdminCredential.ensure(settings, dataDirectory, random, clock);
            if (admin.createdValue().isPresent()) {
                created.add(new Created("admin credential", ", written to " + admin.file() + " (0600)"));
            }
            EdgeCredential.Loaded edge = EdgeCredential.ensure(settings, dataDirectory, random, clock, changes);
            if (edge.createdValue().isPresent()) {
                created.add(new Created("edge credential", ", written to " + edge.file() + " (0600)"));
            }
            SigningKeys signingKeys =
                    new SigningKeys(new JdbcSigningKeyStore(database.jdbi()), box, clock, config.clockSkew(), changes);
            if (signingKeys.ensureCurrent()) {
                created.add(new Created("JWT signing key", " (" + SigningKeys.ALGORITHM + ", sealed in the database)"));
            }
            return new Provisioned(
                    directory, random, box, database, admin, edge, signingKeys, changes, List.copyOf(created));
        } catch (RuntimeException e) {
            changes.close();
            database.close();
            throw e;
        }
    }

    /**
     * The services the families share, each store built once, then one registration per family; the map of what each
     * family owns and may use is {@code docs/architecture.md}.
     */
    private static Routes routes(
            ServerConfig config,
            Provisioned provisioned,
            Plumbing plumbing,
            UsageStore usage,
            UsageSessionStore usageSessions,
            Budgets budgets,
            Revocations revocations,
            AtomicReference<URI> listening) {
        Jdbi jdbi = provisioned.database().jdbi();
        Clock clock = plumbing.clock();
        SecretBox box = provisioned.box();
        Applications applications = new Applications(
                new JdbcApplicationStore(jdbi), box, provisioned.random(), clock, provisioned.changes());
        JwtTokens jwts = new JwtTokens(provisioned.signingKeys(), clock, config.issuer(), config.clockSkew());
        JdbcAccountStore accountStore = new JdbcAccountStore(jdbi);
        Accounts accounts = new Accounts(accountStore, new Passwords(), provisioned.random(), clock);
        BrowserSessions browserSessions = new BrowserSessions(
                new JdbcBrowserSessionStore(jdbi),
                accountStore,
                new SessionCookie(config.tls().isPresent()),
                provisioned.random(),
                clock,
                config.dashboardIdleTimeout(),
                config.dashboardAbsoluteTimeout());
        Gates gates = new Gates(
                provisioned.admin().credential(),
                provisioned.edge().credential(),
                jwts,
                applications,
                new FailedAttempts(budgets),
                accounts,
                browserSessions,
                new FailedAttempts(budgets, "sign-in"),
                revocations);
        // The bundled country database loads lazily, on the first decision that needs a location.
        GeoLocator locator = config.geoDatabase().map(GeoLocator::open).orElseGet(GeoLocator::bundled);
        EdgePolicy policy = EdgePolicy.builder()
                .secrets(applications)
                .clock(clock)
                .clockSkew(config.clockSkew())
                .geoLocator(locator)
                .revocations(revocations)
                .build();
        TokenRefStore tokenRefStore = new JdbcTokenRefStore(jdbi);
        TokenRefResolver tokenRefResolver = new TokenRefResolver(tokenRefStore, box, clock, config.clockSkew());
        TokenRefs tokenRefs = new TokenRefs(tokenRefStore, box, provisioned.random(), clock, config.clockSkew());
        EdgeDecisions decisions = new EdgeDecisions(policy, tokenRefResolver, usage, revocations);
        ChannelStore channelStore = new JdbcChannelStore(jdbi);
        Channels channels = new Channels(channelStore, config.region(), provisioned.random(), clock);
        SessionStore sessionStore = new JdbcSessionStore(jdbi);
        // What a hook asks of the sessions family, without depending on it: the platform session a session-bound
        // token names is open (not expired) and of the same application.
        SessionLookup openSessions = (applicationId, sessionId, at) -> sessionStore
                .find(sessionId)
                .filter(session -> session.applicationId().equals(applicationId)
                        && session.expiresAt().isAfter(at))
                .isPresent();

        Routes routes = new Routes();
        AdminRoutes.register(
                routes,
                plumbing,
                gates,
                applications,
                accounts,
                provisioned.signingKeys(),
                provisioned.edge().credential(),
                provisioned.random(),
                jdbi);
        SignInRoutes.register(routes, plumbing, gates, accounts, browserSessions, listening::get);
        IssuanceRoutes.register(routes, plumbing, gates, applications, jwts, provisioned.signingKeys());
        EdgeRoutes.register(
                routes, plumbing, gates, budgets, decisions, tokenRefs, jwts, channels, provisioned.random());
        SessionRoutes.register(
                routes,
                plumbing,
                gates,
                decisions,
                sessionStore,
                new JdbcConferenceStore(jdbi),
                new JdbcNotificationStore(jdbi));
        ReportRoutes.register(routes, plumbing, gates, applications, usage, usageSessions);
        ChannelRoutes.register(routes, plumbing, gates, channels);
        DashboardRoutes.register(routes, plumbing, gates, decisions, jwts);
        HookRoutes.register(
                routes,
                plumbing,
                decisions,
                channelStore,
                usageSessions,
                openSessions,
                config.usageSessionTimeout(),
                box,
                provisioned.random());
        WebSdkRoutes.register(routes);
        return routes;
    }

    /** Where clients on this machine reach {@code connector}: a wildcard host is reached through loopback. */
    private static URI url(ServerConfig config, ServerConnector connector) {
        String host = config.host().equals("0.0.0.0") || config.host().equals("::") ? "127.0.0.1" : config.host();
        return URI.create((config.tls().isPresent() ? "https://" : "http://")
                + (host.contains(":") ? "[" + host + "]" : host) + ":" + connector.getLocalPort());
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
        return created.stream().map(Created::line).toList();
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
        out.append("  using database ").append(database.description()).append('\n');
        for (Created thing : created) {
            out.append("  created ").append(thing.line()).append('\n');
        }
        for (String warning : warnings) {
            out.append("  warning: ").append(warning).append('\n');
        }
        adminCredential.ifPresent(value ->
                out.append("  admin credential (shown once): ").append(value).append('\n'));
        edgeCredential.ifPresent(value ->
                out.append("  edge credential (shown once): ").append(value).append('\n'));
        if (noAccounts) {
            // The dashboard has no sign-up: the first admin is made on this machine, with the admin credential.
            String dataDir = dataDirectory.equals(
                            ServerConfig.DEFAULT_DATA_DIRECTORY.toAbsolutePath().normalize())
                    ? ""
                    : " --data-dir " + dataDirectory;
            out.append("  no dashboard account yet; create the first admin with\n")
                    .append("    tollgate account create --email you@example.com --admin")
                    .append(dataDir)
                    .append('\n')
                    .append("  then open the link it prints to set the password, and sign in at ")
                    .append(url)
                    .append("/\n");
        }
        out.append("  port written to ")
                .append(dataDirectory.resolve(PORT_FILE))
                .append('\n');
        return out.toString();
    }

    /**
     * Stops accepting requests, the usage retention's thread, the usage session reaper and the revocation purge, then
     * closes the pool.
     */
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
            // Before the pool closes, so that no purge runs into a closed pool.
            usageRetention.close();
            reaper.close();
            revocationPurge.close();
            budgets.close();
            changes.close();
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
    private static Server webServer(
            ServerConfig config, Optional<PemKeyStore.Loaded> tls, Handler router, TransportErrors transportErrors) {
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
        ServerConnector connector = tls.map(loaded -> httpsConnector(server, http, loaded))
                .orElseGet(() -> new ServerConnector(server, new HttpConnectionFactory(http)));
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

    /**
     * HTTP/1.1 over TLS with the operator's PEM files: TLS 1.2 and 1.3 with the JDK's default cipher suites (Jetty
     * excludes the weak ones). No HTTP/2: the clients Tollgate serves (media servers' hooks, the Dolby.io clients,
     * backends' SDKs) speak HTTP/1.1, and one protocol keeps one set of limits.
     */
    private static ServerConnector httpsConnector(Server server, HttpConfiguration http, PemKeyStore.Loaded loaded) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStore(loaded.keyStore());
        ssl.setKeyStorePassword(loaded.password());
        ssl.setCertAlias(PemKeyStore.ALIAS);
        ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        HttpConfiguration https = new HttpConfiguration(http);
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        // One certificate: a client whose SNI names another host fails its own certificate check anyway, and a
        // client that connects by address sends no SNI at all.
        secure.setSniHostCheck(false);
        https.addCustomizer(secure);
        return new ServerConnector(
                server,
                new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString()),
                new HttpConnectionFactory(https));
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

    private static void routeJulToSlf4j() {
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }
}
