package dev.tollgate.server.internal.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tollgate.server.ServerConfig;
import dev.tollgate.server.StartupException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;

/**
 * The connection pool, migrated schema and JDBI handle. H2 in the data directory by default, PostgreSQL when a URL
 * is configured; the same migrations ({@code db/tollgate}) and the same SQL serve both.
 *
 * <p>Thread-safe; {@link #close()} once at shutdown.
 */
public final class Database implements AutoCloseable {
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final String description;
    private final boolean shared;

    private Database(HikariDataSource dataSource, String description, boolean shared) {
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
        this.description = description;
        this.shared = shared;
    }

    /** Opens the pool and runs pending migrations. */
    public static Database open(ServerConfig config) {
        HikariConfig hikari = new HikariConfig();
        String description;
        if (config.databaseUrl().isPresent()) {
            hikari.setJdbcUrl(config.databaseUrl().get());
            config.databaseUser().ifPresent(hikari::setUsername);
            config.databasePassword().ifPresent(hikari::setPassword);
            description = "PostgreSQL " + config.databaseUrl().get().replaceAll("\\?.*", "");
        } else {
            Path file = config.dataDirectory().toAbsolutePath().resolve("tollgate");
            // DB_CLOSE_ON_EXIT=FALSE: our shutdown hook closes the pool in order; H2's own hook would race it.
            // WRITE_DELAY=0: a write the server acknowledged must survive kill -9 (DESIGN.md, Durability). H2's
            // default (500 ms) leaves committed transactions in memory for a background writer, so a kill lost
            // them; at 0, MVStore's commit writes the chunk to the file before it returns (TransactionStore
            // .endTransaction calls MVStore.commit, not tryCommit, when the auto-commit delay is 0). It does not
            // fsync: the operating system keeps what was written when the process dies, not on power loss.
            hikari.setJdbcUrl("jdbc:h2:file:" + file + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
            hikari.setUsername("sa");
            hikari.setPassword("");
            description = "H2 " + file + ".mv.db";
        }
        hikari.setPoolName("tollgate");
        hikari.setMaximumPoolSize(10);
        // A request waits at most 3 s for the database, then fails closed with 503 store-unavailable: a media
        // server's hook times out long before Hikari's default 30 s.
        hikari.setConnectionTimeout(3_000);
        hikari.setValidationTimeout(1_000);
        // No connection at construction: Hikari would log a failed first connection at ERROR with a stack trace.
        // The first connection is made here instead, straight through the driver, so that it waits as long as the
        // database takes to open (H2 recovering a file after kill -9 can take longer than a request may wait for a
        // pooled connection) and a refusal fails the start with the reason in one line. It stays open until the pool
        // has its own, so H2 does not close the database in between.
        hikari.setInitializationFailTimeout(-1);
        HikariDataSource dataSource;
        try (Connection first = DriverManager.getConnection(hikari.getJdbcUrl(), credentials(hikari))) {
            first.isValid(1);
            dataSource = new HikariDataSource(hikari);
            try (Connection pooled = dataSource.getConnection()) {
                pooled.isValid(1);
            } catch (SQLException | RuntimeException e) {
                dataSource.close();
                throw e;
            }
        } catch (SQLException | RuntimeException e) {
            throw new StartupException("cannot open the database " + description + ": " + reason(e), e);
        }
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/tollgate")
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw new StartupException("cannot migrate the database " + description + ": " + reason(e), e);
        }
        return new Database(dataSource, description, config.databaseUrl().isPresent());
    }

    private static Properties credentials(HikariConfig hikari) {
        Properties properties = new Properties();
        if (hikari.getUsername() != null) {
            properties.setProperty("user", hikari.getUsername());
        }
        if (hikari.getPassword() != null) {
            properties.setProperty("password", hikari.getPassword());
        }
        return properties;
    }

    /**
     * Why the database cannot be used, in words an operator acts on: the network's or the server's reason, never a
     * driver's class name or its advice (H2's "use the server mode", PostgreSQL's "check that the postmaster …").
     */
    static String reason(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            if (root instanceof SQLException sql && sql.getSQLState() != null) {
                break;
            }
            root = root.getCause();
        }
        if (root instanceof ConnectException) {
            return "connection refused";
        }
        if (root instanceof UnknownHostException) {
            return "unknown host " + root.getMessage();
        }
        if (root instanceof SocketTimeoutException) {
            return "no answer in time";
        }
        if (root instanceof SQLException sql && sql.getSQLState() != null) {
            String state = sql.getSQLState();
            if (state.startsWith("28")) {
                return "the user name or password was refused";
            }
            if (state.equals("3D000")) {
                return "the database does not exist";
            }
            if (state.equals("08001") || state.equals("08006")) {
                return "connection refused";
            }
        }
        String message = root.getMessage() == null ? "" : root.getMessage();
        // The first sentence only: drivers append advice and stack-like detail after it.
        int end = message.indexOf(". ");
        String sentence = (end > 0 ? message.substring(0, end) : message).strip();
        return sentence.isEmpty() ? "the database did not say why" : sentence;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /** The pool, for the libraries that speak JDBC themselves (Bucket4j's PostgreSQL buckets, LISTEN). */
    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * Whether several nodes may share this database: PostgreSQL. H2 is a file one {@code serve} holds locked, so what
     * is kept in memory per node is the whole truth there.
     */
    public boolean shared() {
        return shared;
    }

    /** What the database is, for the startup report; never contains a password. */
    public String description() {
        return description;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
