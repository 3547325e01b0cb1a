-- UsageSessionStore (JdbcUsageSessionStore): the platform session a stream's token was bound to (its sessionId claim),
-- so that a 'session' revocation ends the stream at its next keep-alive, not only at its next admission (issue 12).
-- NULL for tokens bound to no session and for the rows written before. Portable SQL: H2 and PostgreSQL.
ALTER TABLE usage_sessions ADD COLUMN bound_session_id VARCHAR(1024);
