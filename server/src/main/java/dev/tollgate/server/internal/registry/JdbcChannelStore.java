package dev.tollgate.server.internal.registry;

import dev.tollgate.server.internal.store.UniqueViolation;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** {@link ChannelStore} on JDBC (H2 or PostgreSQL), schema {@code V10__channels.sql}. Thread-safe. */
public final class JdbcChannelStore implements ChannelStore {
    private static final String CHANNEL_COLUMNS = "c.id, c.application_id, c.kind, c.alias, c.created_at";
    private static final String STREAM_SELECT = "SELECT s.id AS stream_id, s.started_at, s.ended_at, " + CHANNEL_COLUMNS
            + " FROM origin_streams s JOIN channels c ON c.id = s.channel_id";

    private final Jdbi jdbi;

    public JdbcChannelStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public boolean insert(Channel channel) {
        try {
            jdbi.useHandle(handle -> handle.createUpdate("INSERT INTO channels (id, application_id, kind, alias,"
                            + " created_at) VALUES (:id, :app, :kind, :alias, :createdAt)")
                    .bind("id", channel.id())
                    .bind("app", channel.applicationId())
                    .bind("kind", channel.kind().wireName())
                    .bind("alias", channel.alias())
                    .bind("createdAt", channel.createdAt().toEpochMilli())
                    .execute());
            return true;
        } catch (UnableToExecuteStatementException e) {
            if (UniqueViolation.caused(e)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Optional<Channel> find(String applicationId, Channel.Kind kind, String idOrAlias) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + CHANNEL_COLUMNS + " FROM channels c"
                        + " WHERE c.application_id = :app AND c.kind = :kind AND (c.id = :name OR c.alias = :name)")
                .bind("app", applicationId)
                .bind("kind", kind.wireName())
                .bind("name", idOrAlias)
                .map((rs, ctx) -> channel(rs))
                .findFirst());
    }

    @Override
    public List<Channel> list(String applicationId, Channel.Kind kind, int limit) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + CHANNEL_COLUMNS + " FROM channels c"
                        + " WHERE c.application_id = :app AND c.kind = :kind ORDER BY c.created_at, c.id"
                        + " FETCH FIRST " + bounded(limit) + " ROWS ONLY")
                .bind("app", applicationId)
                .bind("kind", kind.wireName())
                .map((rs, ctx) -> channel(rs))
                .list());
    }

    @Override
    public boolean delete(String applicationId, Channel.Kind kind, String id) {
        // Streams go with their channel (ON DELETE CASCADE); deleted here too, so the store does not rely on it.
        return jdbi.inTransaction(handle -> {
            deleteStreams(handle, applicationId, kind, id);
            return handle.createUpdate("DELETE FROM channels WHERE application_id = :app AND kind = :kind AND id = :id")
                            .bind("app", applicationId)
                            .bind("kind", kind.wireName())
                            .bind("id", id)
                            .execute()
                    > 0;
        });
    }

    private static void deleteStreams(Handle handle, String applicationId, Channel.Kind kind, String id) {
        handle.createUpdate("DELETE FROM origin_streams WHERE channel_id IN (SELECT id FROM channels"
                        + " WHERE application_id = :app AND kind = :kind AND id = :id)")
                .bind("app", applicationId)
                .bind("kind", kind.wireName())
                .bind("id", id)
                .execute();
    }

    @Override
    public void openStream(OriginStream stream) {
        jdbi.useHandle(handle -> handle.createUpdate("INSERT INTO origin_streams (id, channel_id, started_at, ended_at)"
                        + " VALUES (:id, :channel, :startedAt, :endedAt)")
                .bind("id", stream.id())
                .bind("channel", stream.channel().id())
                .bind("startedAt", stream.startedAt().toEpochMilli())
                .bind("endedAt", stream.endedAt().map(Instant::toEpochMilli).orElse(null))
                .execute());
    }

    @Override
    public boolean endStream(String streamId, Instant at) {
        return jdbi.withHandle(handle -> handle.createUpdate(
                                "UPDATE origin_streams SET ended_at = :at WHERE id = :id AND ended_at IS NULL")
                        .bind("at", at.toEpochMilli())
                        .bind("id", streamId)
                        .execute())
                > 0;
    }

    @Override
    public Optional<OriginStream> findStream(String streamId) {
        return jdbi.withHandle(handle -> handle.createQuery(STREAM_SELECT + " WHERE s.id = :id")
                .bind("id", streamId)
                .map((rs, ctx) -> stream(rs))
                .findOne());
    }

    @Override
    public List<OriginStream> liveStreams(String channelId) {
        return jdbi.withHandle(handle -> handle.createQuery(STREAM_SELECT
                        + " WHERE s.channel_id = :channel AND s.ended_at IS NULL ORDER BY s.started_at DESC, s.id")
                .bind("channel", channelId)
                .map((rs, ctx) -> stream(rs))
                .list());
    }

    @Override
    public List<OriginStream> streams(String channelId, int limit) {
        return jdbi.withHandle(handle -> handle.createQuery(STREAM_SELECT
                        + " WHERE s.channel_id = :channel ORDER BY s.started_at DESC, s.id"
                        + " FETCH FIRST " + bounded(limit) + " ROWS ONLY")
                .bind("channel", channelId)
                .map((rs, ctx) -> stream(rs))
                .list());
    }

    /** A limit for FETCH FIRST: it is spliced into the SQL, so it must be a positive int, never text. */
    private static int bounded(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        return limit;
    }

    private static Channel channel(ResultSet rs) throws SQLException {
        String kind = rs.getString("kind");
        return new Channel(
                rs.getString("id"),
                rs.getString("application_id"),
                Channel.Kind.fromWire(kind)
                        .orElseThrow(() -> new IllegalStateException("unknown channel kind in the database: " + kind)),
                rs.getString("alias"),
                Instant.ofEpochMilli(rs.getLong("created_at")));
    }

    private static OriginStream stream(ResultSet rs) throws SQLException {
        long ended = rs.getLong("ended_at");
        Optional<Instant> endedAt = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(ended));
        return new OriginStream(
                rs.getString("stream_id"), channel(rs), Instant.ofEpochMilli(rs.getLong("started_at")), endedAt);
    }
}
