-- SharedBuckets (access): the failure budgets and request rate limits that several nodes on one PostgreSQL share
-- (issue 12), so that N nodes do not give an attacker N times the attempts. Bucket4j's PostgreSQL module
-- (bucket4j_jdk17-postgresql, SELECT ... FOR UPDATE) owns id and state: id is "<table>:<key>" (e.g.
-- "failed-address:198.51.100.7"), state Bucket4j's serialised bucket. expires_at is epoch milliseconds on the
-- server's injected clock, when the bucket would be full again; the purge deletes rows past it (a full bucket and no
-- row are the same). On H2 (one node) the buckets stay in memory and this table stays empty. Portable SQL: runs
-- unchanged on H2 and PostgreSQL.
CREATE TABLE rate_limit_buckets (
    id VARCHAR(512) PRIMARY KEY,
    state BYTEA,
    expires_at BIGINT
);

CREATE INDEX rate_limit_buckets_expires_at ON rate_limit_buckets (expires_at);
