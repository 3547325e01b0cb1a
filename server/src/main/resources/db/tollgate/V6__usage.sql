-- UsageStore (JdbcUsageStore): one row per allowing edge decision with a side effect (a session opened, a stream
-- authorised at /v1/edge/authorize), and one row per tag the token applied to it (EdgeAuth applyTags), so that
-- reports can filter by tag and show the tag as a column. Times are epoch milliseconds (BIGINT) so H2 and PostgreSQL
-- agree exactly. Portable SQL: runs unchanged on H2 and PostgreSQL.
CREATE TABLE usage_events (
    id VARCHAR(64) PRIMARY KEY,
    application_id VARCHAR(64) NOT NULL,
    action VARCHAR(16) NOT NULL,
    target_kind VARCHAR(32) NOT NULL,
    target_value VARCHAR(1024),
    occurred_at BIGINT NOT NULL
);

CREATE INDEX usage_events_by_application_time ON usage_events (application_id, occurred_at);

-- application_id and occurred_at are copied from the event so a tag filter is answered from this index alone.
-- 512 characters keep the index key under PostgreSQL's B-tree limit (about 2,700 bytes) for any UTF-8.
CREATE TABLE usage_event_tags (
    event_id VARCHAR(64) NOT NULL REFERENCES usage_events (id) ON DELETE CASCADE,
    application_id VARCHAR(64) NOT NULL,
    occurred_at BIGINT NOT NULL,
    tag VARCHAR(512) NOT NULL,
    PRIMARY KEY (event_id, tag)
);

CREATE INDEX usage_event_tags_by_tag ON usage_event_tags (application_id, tag, occurred_at);
