-- ChannelStore (JdbcChannelStore): the channels and rooms of each application (the seed designates them by ID or by
-- alias) and the origin streams published to them. Times are epoch milliseconds (BIGINT) so H2 and PostgreSQL agree
-- exactly. Portable SQL: runs unchanged on H2 and PostgreSQL.
--
-- An ID is <region>#<applicationId>#<alias>.<random>: at most 32 + 1 + 64 + 1 + 128 + 1 + 8 = 235 characters.
-- Deleting an application deletes its channels and rooms, and those their streams (ON DELETE CASCADE, as
-- application_secrets does), so no row outlives its owner.
CREATE TABLE channels (
    id VARCHAR(256) PRIMARY KEY,
    application_id VARCHAR(64) NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    kind VARCHAR(16) NOT NULL,
    alias VARCHAR(128) NOT NULL,
    created_at BIGINT NOT NULL,
    -- Aliases are unique per application and kind; the constraint's index also answers the lookup by alias.
    CONSTRAINT channels_alias UNIQUE (application_id, kind, alias)
);

-- The lookup by ID is the primary key; a listing reads an application's channels or rooms oldest first.
CREATE INDEX channels_by_application ON channels (application_id, kind, created_at);

-- One row per allowed publish; ended_at is NULL while the stream is live. The stream ID is what a customer names in a
-- forOriginStream token (originStreamId).
CREATE TABLE origin_streams (
    id VARCHAR(256) PRIMARY KEY,
    channel_id VARCHAR(256) NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    started_at BIGINT NOT NULL,
    ended_at BIGINT
);

-- The live streams of a channel, newest first (ended_at IS NULL is an equality on the index: both engines use it),
-- and all of a channel's streams, newest first.
CREATE INDEX origin_streams_live ON origin_streams (channel_id, ended_at, started_at);
CREATE INDEX origin_streams_by_channel ON origin_streams (channel_id, started_at);
