package dev.tollgate.server.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tollgate.server.ServerConfig;
import java.nio.file.Path;
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

    private Database(HikariDataSource dataSource, String description) {
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
        this.description = description;
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
            hikari.setJdbcUrl("jdbc:h2:file:" + file + ";DB_CLOSE_ON_EXIT=FALSE");
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
        HikariDataSource dataSource = new HikariDataSource(hikari);
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/tollgate")
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return new Database(dataSource, description);
    }

    public Jdbi jdbi() {
        return jdbi;
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
