-- TokenRefStore (JdbcTokenRefStore): short references to verified EdgeAuth tokens, for URLs a full token does not
-- fit (nginx-rtmp's 255-byte name + query). Neither the reference nor the token is stored in clear: a reference is
-- as good as its token, so a copy of this table must not let anyone stream. Both are looked up by SHA-256 (hex) and
-- kept sealed with AES-GCM under the master key, each with the other's hash as associated data.
-- Times are epoch milliseconds. Portable SQL: runs unchanged on H2 and PostgreSQL.
CREATE TABLE token_refs (
    ref_hash CHAR(64) PRIMARY KEY,
    token_hash CHAR(64) NOT NULL UNIQUE,
    sealed_ref VARCHAR(200) NOT NULL,
    -- A token is at most 16 KiB (TokenParser); sealed and base64-encoded it stays under 22,000 characters.
    sealed_token VARCHAR(24000) NOT NULL,
    application_id VARCHAR(64) NOT NULL,
    expires_at BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);

-- The purge deletes the oldest expired rows first.
CREATE INDEX token_refs_expires_at ON token_refs (expires_at);
