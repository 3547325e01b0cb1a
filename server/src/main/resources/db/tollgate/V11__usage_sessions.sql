-- UsageSessionStore (JdbcUsageSessionStore): one row per play or publish a media server's hook allowed, from the
-- allowing hook to the end the media server reports (or, when it stops reporting, its last sign of life: the reaper,
-- UsageSessionReaper). Viewer and publisher minutes and session counts in GET /v1/usage come from here. Times are
-- epoch milliseconds (BIGINT) so H2 and PostgreSQL agree exactly. Portable SQL: runs unchanged on H2 and PostgreSQL.
--
-- open_client_key is client_key while the session is open and NULL once it ended. Partial indexes (CREATE INDEX ...
-- WHERE ended_at IS NULL) exist on PostgreSQL but not on H2, so "one open session per (media_server, client_key)" is a
-- plain unique index on this column instead: both engines let any number of rows hold NULL in a unique index, so
-- ended sessions never collide, and the index holds exactly what a partial index on the open sessions would.
CREATE TABLE usage_sessions (
    id VARCHAR(64) PRIMARY KEY,
    media_server VARCHAR(32) NOT NULL,
    client_key VARCHAR(255) NOT NULL,
    open_client_key VARCHAR(255),
    application_id VARCHAR(64) NOT NULL,
    channel_id VARCHAR(255),
    stream_id VARCHAR(255),
    action VARCHAR(16) NOT NULL,
    token_type VARCHAR(16) NOT NULL,
    required_tag VARCHAR(512),
    token_digest VARCHAR(64) NOT NULL,
    client_address VARCHAR(64),
    country VARCHAR(8),
    started_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    ended_at BIGINT
);

-- findOpen, touch, close (the hooks' update and done) and open's "close the session the media server reuses the
-- client key of"; unique: at most one open session per client key of one media server dialect.
CREATE UNIQUE INDEX usage_sessions_open_by_client ON usage_sessions (media_server, open_client_key);

-- countOpen: the open sessions of one token (max-sessions). A token holds a handful of sessions, so the digest alone
-- narrows it to a few rows; last_seen_at lets the "seen since" bound be checked in the index.
CREATE INDEX usage_sessions_by_token ON usage_sessions (token_digest, last_seen_at);

-- closeStale (the reaper): open sessions (ended_at IS NULL, a B-tree key on both engines) oldest sign of life first;
-- also the report's "still open, started before the window" part, which reads the open sessions only.
CREATE INDEX usage_sessions_stale ON usage_sessions (ended_at, last_seen_at);

-- Reports: the sessions of one application that started inside the window [from, to).
CREATE INDEX usage_sessions_by_application_start ON usage_sessions (application_id, started_at);

-- Reports: the sessions of one application that started before the window and ended inside or after it (they count
-- their minutes inside the window); started_at in the key lets the "started before" test run in the index.
CREATE INDEX usage_sessions_by_application_end ON usage_sessions (application_id, ended_at, started_at);

-- Reports filtered or grouped by channel: one channel's sessions over time.
CREATE INDEX usage_sessions_by_channel ON usage_sessions (application_id, channel_id, started_at);

-- One row per tag the token applied (EdgeAuth applyTags), as usage_event_tags for usage_events. application_id and
-- started_at are copied from the session so a tag filter is answered from usage_session_tags_by_tag alone. 512
-- characters keep the index key under PostgreSQL's B-tree limit (about 2,700 bytes) for any UTF-8.
CREATE TABLE usage_session_tags (
    session_id VARCHAR(64) NOT NULL REFERENCES usage_sessions (id) ON DELETE CASCADE,
    application_id VARCHAR(64) NOT NULL,
    started_at BIGINT NOT NULL,
    tag VARCHAR(512) NOT NULL,
    PRIMARY KEY (session_id, tag)
);

-- Reports filtered by tag: one application's sessions carrying the tag, by start.
CREATE INDEX usage_session_tags_by_tag ON usage_session_tags (application_id, tag, started_at);
