-- RevocationStore (JdbcRevocationStore): what an application took back before it expired (issue 12). Each entry
-- matches one kind of thing by one value and holds until ends_at, then the purge deletes it, so the list stays
-- bounded. Times are epoch milliseconds (BIGINT) so H2 and PostgreSQL agree exactly. Portable SQL: runs unchanged on
-- H2 and PostgreSQL.
--
-- kind and match_value (match_alias: a channel's alias):
--   token          one token: a DIGEST token by its grant digest, SHA-256 (hex) of "<applicationId>\n<claims JSON>"
--                  (the digest the usage sessions keep, so the same grant through a tgr_ reference or re-signed after
--                  a secret rotation is one entry); a JWT by "jti:<jti>". Never a token in clear.
--   tag            a tag: every token that requires or applies it (requiredTag, applyTags)
--   channel, room  every token designating it; value is the channel's ID (alias holds its alias when it was
--                  registered, so a channelAlias: designation matches too), or the name given when unregistered
--   session        a platform session: every token bound to it (sessionId)
--   subject        every client access token of an external ID (JWT only)
--   issued-before  every JWT of the application issued before value (epoch ms, as text); one per application
--
-- seq orders every change (insert, withdrawal) so that a node re-reads only "seq > the last it saw" (the cheap query
-- the multi-node bound and the edge feed rely on). It is MAX(seq) + 1 computed in the inserting transaction under a
-- unique index: a writer that computed the same number blocks on the index until the first commits, then retries,
-- so a reader never sees seq N + 1 before N (no gaps to miss).
CREATE TABLE revocations (
    id VARCHAR(64) PRIMARY KEY,
    application_id VARCHAR(64) NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    kind VARCHAR(16) NOT NULL,
    match_value VARCHAR(512) NOT NULL,
    match_alias VARCHAR(128),
    created_at BIGINT NOT NULL,
    ends_at BIGINT NOT NULL,
    seq BIGINT NOT NULL,
    CONSTRAINT revocations_match UNIQUE (application_id, kind, match_value),
    CONSTRAINT revocations_seq UNIQUE (seq)
);

-- The idempotent create and the lookup by match are the revocations_match constraint's index; the refresh reads by
-- revocations_seq's. The purge deletes the entries that ended longest ago first.
CREATE INDEX revocations_ends_at ON revocations (ends_at);

-- Listing one application's entries, newest first.
CREATE INDEX revocations_by_application ON revocations (application_id, created_at);
