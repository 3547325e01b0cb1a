package dev.tollgate.server.internal.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HealthProbeTest {
    final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    final AtomicInteger queries = new AtomicInteger();
    HikariDataSource dataSource;
    HealthProbe probe;

    @BeforeEach
    void open() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:mem:health-" + System.nanoTime());
        config.setMaximumPoolSize(2);
        config.setConnectionTimeout(1_000);
        dataSource = new HikariDataSource(config);
        Jdbi jdbi = Jdbi.create(dataSource);
        // Counts what reaches the database through JDBI's own statement hook.
        jdbi.setSqlLogger(new SqlLogger() {
            @Override
            public void logBeforeExecution(StatementContext context) {
                queries.incrementAndGet();
            }
        });
        probe = new HealthProbe(jdbi, nanos::get);
    }

    @AfterEach
    void close() {
        dataSource.close();
    }

    @Test
    void databaseUpWhenAskedManyTimesWithinTheMaxAgeThenTheDatabaseIsQueriedOnce() {
        for (int i = 0; i < 1_000; i++) {
            assertThat(probe.databaseUp()).isTrue();
            nanos.addAndGet(HealthProbe.MAX_AGE.toNanos() / 2_000);
        }

        assertThat(queries).hasValue(1);
    }

    @Test
    void databaseUpWhenTheMaxAgeHasPassedThenTheDatabaseIsQueriedAgain() {
        probe.databaseUp();
        nanos.addAndGet(HealthProbe.MAX_AGE.toNanos() + 1);
        probe.databaseUp();

        assertThat(queries).hasValue(2);
    }

    @Test
    void databaseUpWhenTheDatabaseStopsThenItIsDownOnceTheMaxAgeHasPassed() {
        assertThat(probe.databaseUp()).isTrue();
        dataSource.close();

        boolean withinTheMaxAge = probe.databaseUp();
        nanos.addAndGet(HealthProbe.MAX_AGE.toNanos() + 1);
        boolean afterIt = probe.databaseUp();

        assertThat(withinTheMaxAge).isTrue();
        assertThat(afterIt).isFalse();
    }
}
