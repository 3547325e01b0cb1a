package dev.tollgate.server.internal.usage;

import dev.tollgate.edge.Action;
import dev.tollgate.server.internal.store.UniqueViolation;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

/**
 * {@link UsageSessionStore} on JDBC (H2 or PostgreSQL), schema {@code V11__usage_sessions.sql} and {@code V12_1__usage_session_bound_session.sql}; the same SQL serves
 * both. Every method is one transaction, committed when it returns (H2 runs with {@code WRITE_DELAY=0}).
 *
 * <p>"At most one open session per media server and client key" is the unique index on {@code open_client_key} (the
 * client key while open, NULL once ended). {@link #open} first ends the session that holds the key (a media server
 * that reuses its client IDs after a restart), at the new session's start, in the same transaction; when opens of one
 * key race, the index refuses all inserts but one, and the others run again (at most {@link #MAX_OPEN_ATTEMPTS}
 * times), each ending the one that committed.
 *
 * <p>Thread-safe.
 */
public final class JdbcUsageSessionStore implements UsageSessionStore {
    private static final long DAY_MILLIS = 86_400_000L;

    /** How often {@link #open} runs when concurrent opens of one client key race; each round one of them commits. */
    static final int MAX_OPEN_ATTEMPTS = 16;

    private static final String COLUMNS = "id, media_server, client_key, application_id, channel_id, stream_id,"
            + " action, token_type, required_tag, token_digest, client_address, country, started_at, last_seen_at,"
            + " ended_at, bound_session_id";

    private final Jdbi jdbi;

    public JdbcUsageSessionStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void open(UsageSession session) {
        if (!session.isOpen()) {
            throw new IllegalArgumentException("open stores an open session; " + session.id() + " has ended");
        }
        for (int attempt = 1; ; attempt++) {
            try {
                jdbi.useTransaction(handle -> insert(handle, session));
                return;
            } catch (JdbiException e) {
                // Another open of the same client key committed between our UPDATE and our INSERT: run again, which
                // ends that one. Each round one racer commits, so racers beyond MAX_OPEN_ATTEMPTS fail as a 503 would.
                if (!UniqueViolation.caused(e) || attempt == MAX_OPEN_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private static void insert(Handle handle, UsageSession session) {
        long start = session.startedAt().toEpochMilli();
        handle.createUpdate("UPDATE usage_sessions SET ended_at = GREATEST(started_at, :at), last_seen_at ="
                        + " GREATEST(last_seen_at, :at), open_client_key = NULL WHERE media_server = :server AND"
                        + " open_client_key = :key")
                .bind("at", start)
                .bind("server", session.mediaServer())
                .bind("key", session.clientKey())
                .execute();
        handle.createUpdate("INSERT INTO usage_sessions (" + COLUMNS + ", open_client_key) VALUES (:id, :server,"
                        + " :key, :app, :channel, :stream, :action, :type, :required, :digest, :address, :country,"
                        + " :start, :seen, NULL, :bound, :key)")
                .bind("id", session.id())
                .bind("server", session.mediaServer())
                .bind("key", session.clientKey())
                .bind("app", session.applicationId())
                .bind("channel", session.channelId().orElse(null))
                .bind("stream", session.streamId().orElse(null))
                .bind("action", session.action().wireName())
                .bind("type", session.tokenType())
                .bind("required", session.requiredTag().orElse(null))
                .bind("digest", session.tokenDigest())
                .bind("address", session.clientAddress().orElse(null))
                .bind("country", session.country().orElse(null))
                .bind("start", start)
                .bind("seen", session.lastSeenAt().toEpochMilli())
                .bind("bound", session.boundSessionId().orElse(null))
                .execute();
        // A token may apply a tag twice; the key (session_id, tag) keeps one.
        Set<String> tags = new LinkedHashSet<>(session.tags());
        if (tags.isEmpty()) {
            return;
        }
        PreparedBatch batch = handle.prepareBatch("INSERT INTO usage_session_tags (session_id, application_id,"
                + " started_at, tag) VALUES (:id, :app, :at, :tag)");
        for (String tag : tags) {
            batch.bind("id", session.id())
                    .bind("app", session.applicationId())
                    .bind("at", start)
                    .bind("tag", tag)
                    .add();
        }
        batch.execute();
    }

    @Override
    public Optional<UsageSession> findOpen(String mediaServer, String clientKey) {
        return jdbi.inTransaction(handle -> handle.createQuery("SELECT " + COLUMNS
                        + " FROM usage_sessions WHERE media_server = :server AND open_client_key = :key")
                .bind("server", mediaServer)
                .bind("key", clientKey)
                .map((rs, ctx) -> session(rs, tags(handle, rs.getString("id"))))
                .findOne());
    }

    @Override
    public boolean touch(String mediaServer, String clientKey, Instant at) {
        // GREATEST: an update that arrives late never moves the last sign of life back.
        return jdbi.inTransaction(handle -> handle.createUpdate("UPDATE usage_sessions SET last_seen_at ="
                                + " GREATEST(last_seen_at, :at) WHERE media_server = :server AND open_client_key ="
                                + " :key")
                        .bind("at", at.toEpochMilli())
                        .bind("server", mediaServer)
                        .bind("key", clientKey)
                        .execute()
                > 0);
    }

    @Override
    public Optional<UsageSession> close(String mediaServer, String clientKey, Instant at) {
        return jdbi.inTransaction(handle -> {
            Optional<String> id = handle.createQuery(
                            "SELECT id FROM usage_sessions WHERE media_server = :server AND open_client_key = :key")
                    .bind("server", mediaServer)
                    .bind("key", clientKey)
                    .mapTo(String.class)
                    .findOne();
            if (id.isEmpty()) {
                return Optional.empty();
            }
            // A done never ends a session before it started, whatever the clocks say.
            int ended = handle.createUpdate("UPDATE usage_sessions SET ended_at = GREATEST(started_at, :at),"
                            + " last_seen_at = GREATEST(last_seen_at, :at), open_client_key = NULL WHERE id = :id"
                            + " AND open_client_key IS NOT NULL")
                    .bind("at", at.toEpochMilli())
                    .bind("id", id.get())
                    .execute();
            if (ended == 0) {
                // A concurrent close or reaper ended it first.
                return Optional.empty();
            }
            return handle.createQuery("SELECT " + COLUMNS + " FROM usage_sessions WHERE id = :id")
                    .bind("id", id.get())
                    .map((rs, ctx) -> session(rs, tags(handle, rs.getString("id"))))
                    .findOne();
        });
    }

    @Override
    public int countOpen(String tokenDigest, Instant seenSince) {
        return jdbi.inTransaction(handle -> handle.createQuery("SELECT COUNT(*) FROM usage_sessions WHERE"
                        + " token_digest = :digest AND last_seen_at >= :since AND ended_at IS NULL")
                .bind("digest", tokenDigest)
                .bind("since", seenSince.toEpochMilli())
                .mapTo(Integer.class)
                .one());
    }

    @Override
    public int purgeEndedBefore(Instant before, int limit) {
        // Bounded, earliest end first, through usage_sessions_stale (ended_at leads it); the tags go by ON DELETE
        // CASCADE. An open session has ended_at NULL, which no comparison selects.
        return jdbi.withHandle(handle -> handle.createUpdate("DELETE FROM usage_sessions WHERE id IN (SELECT id FROM"
                        + " usage_sessions WHERE ended_at < :before ORDER BY ended_at FETCH FIRST " + limit
                        + " ROWS ONLY)")
                .bind("before", before.toEpochMilli())
                .execute());
    }

    @Override
    public int closeStale(Instant seenBefore, int limit) {
        return closeStale(seenBefore, Set.of(), limit);
    }

    @Override
    public int closeStale(Instant seenBefore, Set<String> spared, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, was " + limit);
        }
        // Oldest sign of life first, through usage_sessions_stale; each ends at its last sign of life. The spared
        // dialects are a handful of constant names, bound as parameters all the same.
        String sparing = spared.isEmpty() ? "" : " AND media_server NOT IN (<spared>)";
        return jdbi.inTransaction(handle -> {
            var update = handle.createUpdate("UPDATE usage_sessions SET ended_at = last_seen_at,"
                            + " open_client_key = NULL WHERE ended_at IS NULL AND id IN (SELECT id FROM usage_sessions"
                            + " WHERE ended_at IS NULL AND last_seen_at < :before" + sparing
                            + " ORDER BY last_seen_at FETCH FIRST " + limit + " ROWS ONLY)")
                    .bind("before", seenBefore.toEpochMilli());
            if (!spared.isEmpty()) {
                update.bindList("spared", List.copyOf(spared));
            }
            return update.execute();
        });
    }

    /**
     * The sessions overlapping {@code [from, to)}, in three parts that each read one index range: started inside the
     * window ({@code usage_sessions_by_application_start}), started before it and ended after {@code from} ({@code
     * usage_sessions_by_application_end}), started before it and still open ({@code usage_sessions_stale}: the open
     * sessions only). An open session ends, for the report, at its last sign of life. Each part yields the session's
     * clipped start {@code cs} and end {@code ce}; the window's bounds are inlined as numbers (they are longs) so that
     * the grouped expressions are the same on both engines.
     */
    @Override
    public List<UsageSessionRow> report(UsageQuery query, int limit) {
        long from = query.from().toEpochMilli();
        long to = query.to().toEpochMilli();
        List<Action> actions =
                query.actions().stream().filter(Action::streams).sorted().toList();
        if (!query.actions().isEmpty() && actions.isEmpty()) {
            // Only authentications asked for: no session is one.
            return List.of();
        }
        String end = "LEAST(COALESCE(s.ended_at, s.last_seen_at), " + to + ")";
        String columns = "s.id, s.action, s.channel_id, s.application_id, ";
        String inner = "SELECT " + columns + "s.started_at AS cs, " + end + " AS ce FROM usage_sessions s WHERE"
                + " s.application_id = :app AND s.started_at >= " + from + " AND s.started_at < " + to
                + " UNION ALL SELECT " + columns + from + " AS cs, " + end + " AS ce FROM usage_sessions s WHERE"
                + " s.application_id = :app AND s.ended_at > " + from + " AND s.started_at < " + from
                + " UNION ALL SELECT " + columns + from + " AS cs, " + end + " AS ce FROM usage_sessions s WHERE"
                + " s.ended_at IS NULL AND s.application_id = :app AND s.last_seen_at > " + from
                + " AND s.started_at < " + from;
        ReportSql.Grouping grouping = ReportSql.grouping(query, column -> switch (column) {
            case ACTION -> "w.action";
            case DAY -> "w.cs / " + DAY_MILLIS;
            case CHANNEL -> "w.channel_id";
            case APPLICATION -> "w.application_id";
            case TAG -> "t.tag";
        });
        boolean byTag = query.groupBy().contains(UsageQuery.Column.TAG);
        StringBuilder sql = new StringBuilder("SELECT ").append(grouping.selectList());
        sql.append("SUM(CASE WHEN w.action = 'subscribe' THEN 1 ELSE 0 END) AS vs,"
                + " SUM(CASE WHEN w.action = 'subscribe' THEN w.ce - w.cs ELSE 0 END) AS vm,"
                + " SUM(CASE WHEN w.action = 'publish' THEN 1 ELSE 0 END) AS ps,"
                + " SUM(CASE WHEN w.action = 'publish' THEN w.ce - w.cs ELSE 0 END) AS pm FROM (");
        sql.append(inner).append(") w");
        if (byTag) {
            // LEFT JOIN: a session without tags still counts, in the row whose tag is NULL.
            sql.append(" LEFT JOIN usage_session_tags t ON t.session_id = w.id");
        }
        sql.append(" WHERE 1 = 1")
                .append(ReportSql.actionFilter("w", actions))
                .append(ReportSql.tagFilters(query, "usage_session_tags", "%s.session_id = w.id"))
                .append(grouping.groupAndOrder())
                .append(" LIMIT ")
                .append(limit);
        return jdbi.inTransaction(handle -> {
            Query statement = ReportSql.bindFilters(
                    handle.createQuery(sql.toString()).bind("app", query.applicationId()), actions, query);
            return statement.map((rs, ctx) -> row(rs, query)).list();
        });
    }

    private static UsageSessionRow row(ResultSet rs, UsageQuery query) throws SQLException {
        Optional<String> tag = Optional.empty();
        Optional<Action> action = Optional.empty();
        Optional<LocalDate> day = Optional.empty();
        Optional<String> channel = Optional.empty();
        Optional<String> application = Optional.empty();
        for (int i = 0; i < query.groupBy().size(); i++) {
            String c = "c" + i;
            switch (query.groupBy().get(i)) {
                case TAG -> tag = Optional.ofNullable(rs.getString(c));
                case ACTION -> action = Optional.of(storedAction(rs.getString(c)));
                case DAY -> day = Optional.of(LocalDate.ofEpochDay(rs.getLong(c)));
                case CHANNEL -> channel = Optional.ofNullable(rs.getString(c));
                case APPLICATION -> application = Optional.ofNullable(rs.getString(c));
            }
        }
        return new UsageSessionRow(
                tag,
                action,
                day,
                channel,
                application,
                rs.getLong("vs"),
                rs.getLong("vm"),
                rs.getLong("ps"),
                rs.getLong("pm"));
    }

    private static List<String> tags(Handle handle, String id) {
        return handle.createQuery("SELECT tag FROM usage_session_tags WHERE session_id = :id ORDER BY tag")
                .bind("id", id)
                .mapTo(String.class)
                .list();
    }

    private static UsageSession session(ResultSet rs, List<String> tags) throws SQLException {
        long ended = rs.getLong("ended_at");
        Optional<Instant> endedAt = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(ended));
        return new UsageSession(
                rs.getString("id"),
                rs.getString("media_server"),
                rs.getString("client_key"),
                rs.getString("application_id"),
                Optional.ofNullable(rs.getString("channel_id")),
                Optional.ofNullable(rs.getString("stream_id")),
                storedAction(rs.getString("action")),
                rs.getString("token_type"),
                Optional.ofNullable(rs.getString("required_tag")),
                rs.getString("token_digest"),
                tags,
                Optional.ofNullable(rs.getString("client_address")),
                Optional.ofNullable(rs.getString("country")),
                Instant.ofEpochMilli(rs.getLong("started_at")),
                Instant.ofEpochMilli(rs.getLong("last_seen_at")),
                endedAt,
                Optional.ofNullable(rs.getString("bound_session_id")));
    }

    /** The action a stored row names; a row no version of Tollgate wrote is a fault of the store, not of a caller. */
    private static Action storedAction(String wireName) {
        return Action.fromWire(wireName)
                .orElseThrow(
                        () -> new IllegalStateException("usage_sessions holds an unknown action '" + wireName + "'"));
    }
}
