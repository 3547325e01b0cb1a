package dev.tollgate.server;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/** The databases every server scenario runs on: H2 in the data directory, and a real PostgreSQL. */
enum Db {
    H2,
    POSTGRESQL;

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    /** The server configuration for a fresh, empty database of this kind. */
    ServerConfig config(java.nio.file.Path dataDirectory) {
        ServerConfig config = ServerConfig.of(dataDirectory, 0);
        if (this == H2) {
            return config;
        }
        String name = "tollgate_" + DATABASES.incrementAndGet();
        try (Connection connection = postgres().getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        return config.withDatabase(postgres().getJdbcUrl("postgres", name), "postgres", "");
    }

    /** One PostgreSQL for the whole test JVM, stopped at exit; each server gets its own database in it. */
    private static synchronized EmbeddedPostgres postgres() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
            }
            EmbeddedPostgres started = postgres;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException e) {
                    // The JVM is exiting; the temp directory is reclaimed anyway.
                }
            }));
        }
        return postgres;
    }
}
