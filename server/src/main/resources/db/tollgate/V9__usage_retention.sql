-- UsageRetention: usage events older than the retention (default 400 days) are deleted in bounded batches, oldest
-- first. The existing index leads with application_id, so it cannot find the oldest events of all applications; this
-- one lets each purge batch read only the rows it deletes. Portable SQL: runs unchanged on H2 and PostgreSQL.
CREATE INDEX usage_events_by_time ON usage_events (occurred_at);
