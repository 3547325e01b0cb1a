package dev.tollgate.server.internal.changes;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Changes} through PostgreSQL's {@code LISTEN/NOTIFY} on the channel {@value #CHANNEL}: {@link #publish} is one
 * {@code pg_notify} through the pool after the change committed, and one connection of the pool, held by one virtual
 * thread ({@value #THREAD_NAME}), listens and calls the listeners. PostgreSQL delivers a notice to every listening
 * session as soon as it is committed, so a node hears of another's change in milliseconds; {@code
 * WhenChangesReachEveryNode} measures it.
 *
 * <p>The fallback: a notice sent while the listening connection was lost is never delivered, so when the thread
 * reconnects (retrying every {@link #RETRY}) it calls every listener's {@link Listener#missed}, which re-reads or drops
 * everything of its topic. A connection that dies silently (no reset) is noticed by the liveness query run every
 * {@link #LIVENESS} without a notice, with a network timeout of the same length. Besides, every cache keeps its own
 * refresh (the revocation list's one second, the secrets' five): the notices shorten the bound, never replace it.
 *
 * <p>A node ignores its own notices (each carries the node's random name): it applied the change before it published
 * it. Thread-safe.
 */
public final class PostgresChanges implements Changes {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresChanges.class);

    /** The name of the listening thread, as thread dumps show it. */
    public static final String THREAD_NAME = "tollgate-changes";

    static final String CHANNEL = "tollgate_changes";

    /** How long the listener waits for a notice before it checks that its connection is alive. */
    static final Duration LIVENESS = Duration.ofSeconds(5);

    /** How long the listener waits between attempts to connect again. */
    static final Duration RETRY = Duration.ofMillis(500);

    /** How long one wait for notices lasts, so that {@link #close()} is answered within it. */
    private static final int WAIT_MILLIS = 250;

    private final DataSource pool;
    private final String node;
    private final Map<Topic, List<Listener>> listeners = new EnumMap<>(Topic.class);
    private final Thread thread;
    // The first listening connection, made on the starting thread; null when the database did not answer then.
    private volatile Connection firstConnection;
    private volatile boolean closed;

    private PostgresChanges(DataSource pool, SecureRandom random) {
        this.pool = pool;
        byte[] name = new byte[8];
        random.nextBytes(name);
        this.node = HexFormat.of().formatHex(name);
        for (Topic topic : Topic.values()) {
            listeners.put(topic, new CopyOnWriteArrayList<>());
        }
        this.thread = Thread.ofVirtual().name(THREAD_NAME).unstarted(() -> listen(first()));
    }

    private Connection first() {
        return firstConnection;
    }

    /**
     * Starts listening; the first {@code LISTEN} is made before this returns (when the database answers), so that no
     * change made after the start is missed.
     */
    public static PostgresChanges start(DataSource pool, SecureRandom random) {
        PostgresChanges changes = new PostgresChanges(pool, random);
        try {
            changes.firstConnection = changes.connect();
        } catch (SQLException | RuntimeException e) {
            LOG.warn("cannot listen for other nodes' changes yet; retrying in {}: {}", RETRY, e.toString());
        }
        changes.thread.start();
        return changes;
    }

    @Override
    public void publish(Topic topic, String subject) {
        try (Connection connection = pool.getConnection();
                PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
            notify.setString(1, CHANNEL);
            notify.setString(2, node + " " + topic.wireName() + " " + subject);
            notify.execute();
        } catch (SQLException | RuntimeException e) {
            // The change itself is committed; the other nodes see it at their caches' own refresh.
            LOG.warn("could not tell the other nodes of a {} change: {}", topic.wireName(), e.toString());
        }
    }

    @Override
    public void subscribe(Topic topic, Listener listener) {
        listeners.get(topic).add(listener);
    }

    private void listen(Connection initial) {
        // Without a connection no notice is heard: each connection made here (after a loss, or when the start could
        // not listen) is followed by a re-read of everything.
        Connection connection = initial;
        boolean retrying = false;
        long quietSince = System.nanoTime();
        while (!closed) {
            try {
                if (connection == null) {
                    connection = connect();
                    quietSince = System.nanoTime();
                    retrying = false;
                    LOG.info("listening for other nodes' changes; re-reading what may have been missed");
                    listeners.values().forEach(topic -> topic.forEach(PostgresChanges::missed));
                }
                PGNotification[] notices = connection.unwrap(PGConnection.class).getNotifications(WAIT_MILLIS);
                if (notices != null && notices.length > 0) {
                    for (PGNotification notice : notices) {
                        dispatch(notice.getParameter());
                    }
                    quietSince = System.nanoTime();
                } else if (System.nanoTime() - quietSince > LIVENESS.toNanos()) {
                    try (Statement alive = connection.createStatement()) {
                        alive.execute("SELECT 1");
                    }
                    quietSince = System.nanoTime();
                }
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    break;
                }
                if (connection != null || !retrying) {
                    // Once per outage: the retries every RETRY would otherwise fill the log while the database is down.
                    LOG.warn(
                            "lost the connection that hears other nodes' changes; retrying every {}: {}",
                            RETRY,
                            e.toString());
                }
                retrying = true;
                closeQuietly(connection);
                connection = null;
                try {
                    Thread.sleep(RETRY);
                } catch (InterruptedException interrupted) {
                    break;
                }
            }
        }
        closeQuietly(connection);
    }

    private Connection connect() throws SQLException {
        Connection connection = pool.getConnection();
        try {
            Executor direct = Runnable::run;
            connection.setNetworkTimeout(direct, (int) LIVENESS.toMillis());
            try (Statement listen = connection.createStatement()) {
                listen.execute("LISTEN " + CHANNEL);
            }
            return connection;
        } catch (SQLException | RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    private void dispatch(String payload) {
        String[] parts = payload.split(" ", 3);
        if (parts.length < 2 || parts[0].equals(node)) {
            return;
        }
        Topic.fromWireName(parts[1]).ifPresent(topic -> {
            String subject = parts.length == 3 ? parts[2] : "";
            for (Listener listener : listeners.get(topic)) {
                try {
                    listener.changed(subject);
                } catch (RuntimeException e) {
                    LOG.warn("a {} change could not be applied here: {}", topic.wireName(), e.toString());
                }
            }
        });
    }

    private static void missed(Listener listener) {
        try {
            listener.missed();
        } catch (RuntimeException e) {
            LOG.warn("could not re-read after lost change notices: {}", e.toString());
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            // Going away anyway; the pool replaces it.
        }
    }

    /** Stops listening and returns the connection; before the pool closes. */
    @Override
    public void close() {
        closed = true;
        try {
            thread.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
