package dev.tollgate.server.internal.usage;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The usage report over many sessions on PostgreSQL (docs/performance.md, "Usage reports"): generates {@code
 * -Dtollgate.bench.sessions=N} sessions (20 applications, 50 channels each, uniformly over 2026, 4 in 5 plays, two
 * tags each, 1 in 1,000 still open) into an embedded PostgreSQL migrated by Flyway, then times the report queries
 * through {@link JdbcUsageSessionStore#report} and prints their EXPLAIN ANALYZE. Off unless the property is set:
 *
 * <pre>
 * ./mvnw -B -ntp -pl server -am verify -Dtest=UsageSessionReportBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dtollgate.bench.sessions=10000000
 * </pre>
 *
 * <p>The rows are generated inside PostgreSQL ({@code INSERT ... SELECT FROM generate_series}, a million per
 * statement), with the migration's secondary indexes dropped during the load and created again from {@code
 * V11__usage_sessions.sql} afterwards, as a bulk load would; then {@code ANALYZE}.
 */
@EnabledIfSystemProperty(named = "tollgate.bench.sessions", matches = "\\d+")
class UsageSessionReportBenchmark {
    static final long YEAR_START = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    static final long CHUNK = 1_000_000;

    @TempDir
    Path directory;

    @Test
    void aMonthsReportOverTheSessionsAnswersWithinASecond() throws IOException {
        long sessions = Long.parseLong(System.getProperty("tollgate.bench.sessions"));
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(directory.resolve("pg"))
                .setCleanDataDirectory(true)
                .setServerConfig("shared_buffers", "1GB")
                .setServerConfig("maintenance_work_mem", "1GB")
                .setServerConfig("work_mem", "64MB")
                .setServerConfig("max_wal_size", "8GB")
                .setServerConfig("synchronous_commit", "off")
                .start()) {
            Flyway.configure()
                    .dataSource(postgres.getPostgresDatabase())
                    .locations("classpath:db/tollgate")
                    .load()
                    .migrate();
            List<String> captured = new ArrayList<>();
            Jdbi jdbi = Jdbi.create(postgres.getPostgresDatabase());
            jdbi.setSqlLogger(new SqlLogger() {
                @Override
                public void logBeforeExecution(StatementContext context) {
                    captured.add(context.getRenderedSql());
                }
            });
            List<String> indexes = indexes();
            long began = System.nanoTime();
            jdbi.useHandle(h -> {
                for (String index : indexes) {
                    h.execute("DROP INDEX " + name(index));
                }
                for (long first = 0; first < sessions; first += CHUNK) {
                    long last = Math.min(sessions, first + CHUNK) - 1;
                    h.execute(sessionsSql(first, last));
                    h.execute(tagsSql(first, last));
                }
            });
            double loaded = seconds(began);
            long indexing = System.nanoTime();
            jdbi.useHandle(h -> {
                for (String index : indexes) {
                    h.execute(index);
                }
                h.execute("ANALYZE");
            });
            double indexed = seconds(indexing);
            long rows = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM usage_sessions")
                    .mapTo(Long.class)
                    .one());
            long tags = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM usage_session_tags")
                    .mapTo(Long.class)
                    .one());
            String size = jdbi.withHandle(h -> h.createQuery("SELECT pg_size_pretty(pg_database_size('postgres'))")
                    .mapTo(String.class)
                    .one());
            System.out.printf(
                    "BENCH generated %,d sessions and %,d tags in %.1f s, indexed and analysed in %.1f s; database %s%n",
                    rows, tags, loaded, indexed, size);
            assertThat(rows).isEqualTo(sessions);

            JdbcUsageSessionStore store = new JdbcUsageSessionStore(jdbi);
            Instant from = Instant.parse("2026-10-01T00:00:00Z");
            Instant to = Instant.parse("2026-11-01T00:00:00Z");
            List<UsageQuery> queries = List.of(
                    query(from, to, List.of(), List.of(UsageQuery.Column.DAY, UsageQuery.Column.TAG)),
                    query(from, to, List.of(), List.of(UsageQuery.Column.CHANNEL)),
                    query(from, to, List.of("customer=c7"), List.of(UsageQuery.Column.DAY)),
                    query(
                            Instant.parse("2026-01-01T00:00:00Z"),
                            Instant.parse("2027-01-01T00:00:00Z"),
                            List.of(),
                            List.of(UsageQuery.Column.CHANNEL)));
            List<String> names = List.of(
                    "one application, October, groupBy=day,tag",
                    "one application, October, groupBy=channel",
                    "one application, October, tag=customer=c7, groupBy=day",
                    "one application, all of 2026, groupBy=channel");
            SoftMedians medians = new SoftMedians();
            for (int q = 0; q < queries.size(); q++) {
                UsageQuery query = queries.get(q);
                List<Long> runs = new ArrayList<>();
                int returned = 0;
                for (int run = 0; run < 5; run++) {
                    long start = System.nanoTime();
                    returned = store.report(query, 1001).size();
                    runs.add(System.nanoTime() - start);
                }
                List<Long> sorted = runs.stream().sorted().toList();
                String sql = captured.getLast();
                String plan = jdbi.withHandle(h -> {
                    var explain =
                            h.createQuery("EXPLAIN (ANALYZE, BUFFERS) " + sql).bind("app", "app-1");
                    for (int i = 0; i < query.tags().size(); i++) {
                        explain.bind("tag" + i, query.tags().get(i));
                    }
                    return String.join("\n", explain.mapTo(String.class).list());
                });
                System.out.printf(
                        "BENCH %s: %d rows; 5 runs in order (the first cold): %s ms; median %.1f ms%n",
                        names.get(q),
                        returned,
                        runs.stream().map(n -> String.format("%.1f", n / 1e6)).toList(),
                        sorted.get(2) / 1e6);
                System.out.println("BENCH EXPLAIN " + names.get(q) + "\n" + plan);
                if (q < 3) {
                    // The month's reports; the whole year is measured to show the scale, not held to a second.
                    medians.softly()
                            .assertThat(sorted.get(2) / 1e6)
                            .as(names.get(q))
                            .isLessThan(1000);
                }
            }
            medians.assertAll();
        }
    }

    /** Every query is measured and printed before any median fails the run. */
    static final class SoftMedians {
        private final org.assertj.core.api.SoftAssertions soft = new org.assertj.core.api.SoftAssertions();

        org.assertj.core.api.SoftAssertions softly() {
            return soft;
        }

        void assertAll() {
            soft.assertAll();
        }
    }

    static UsageQuery query(Instant from, Instant to, List<String> tags, List<UsageQuery.Column> groupBy) {
        return new UsageQuery("app-1", from, to, tags, Set.of(), groupBy);
    }

    static String sessionsSql(long first, long last) {
        // Start uniform over 2026; duration skewed short (random × random × 2 h); every thousandth still open.
        return "INSERT INTO usage_sessions (id, media_server, client_key, open_client_key, application_id,"
                + " channel_id, stream_id, action, token_type, required_tag, token_digest, client_address, country,"
                + " started_at, last_seen_at, ended_at) SELECT 's' || g, 'nginx-rtmp', 'k' || g, CASE WHEN g % 1000 ="
                + " 0 THEN 'k' || g END, 'app-' || (g % 20), 'ch-' || (g % 20) || '-' || ((g / 20) % 50), NULL,"
                + " CASE WHEN g % 5 = 0 THEN 'publish' ELSE 'subscribe' END, 'edge', NULL, md5((g / 3)::text),"
                + " '192.0.2.1', 'US', st, st + d, CASE WHEN g % 1000 = 0 THEN NULL ELSE st + d END FROM (SELECT g, "
                + YEAR_START + " + floor(random() * 365 * 86400000)::bigint AS st, floor(random() * random() *"
                + " 7200000)::bigint AS d FROM generate_series(" + first + ", " + last + ") g) x";
    }

    static String tagsSql(long first, long last) {
        return "INSERT INTO usage_session_tags (session_id, application_id, started_at, tag) SELECT s.id,"
                + " s.application_id, s.started_at, v.tag FROM generate_series(" + first + ", " + last + ") g JOIN"
                + " usage_sessions s ON s.id = 's' || g CROSS JOIN LATERAL (VALUES ('customer=c' || (g % 97)),"
                + " ('plan=' || (g % 4))) v(tag)";
    }

    /** The migration's CREATE INDEX statements (the generated rows satisfy the unique one). */
    static List<String> indexes() throws IOException {
        String migration;
        try (InputStream in =
                UsageSessionReportBenchmark.class.getResourceAsStream("/db/tollgate/V11__usage_sessions.sql")) {
            migration = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> found = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^CREATE (UNIQUE )?INDEX [^;]+").matcher(migration);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }

    static String name(String createIndex) {
        return createIndex.replaceFirst("CREATE (UNIQUE )?INDEX (\\w+).*", "$2");
    }

    static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
