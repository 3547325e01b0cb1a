-- SessionStore (JdbcSessionStore): sessions opened with a client access token or an EdgeAuth token.
CREATE TABLE sessions (
    id VARCHAR(64) PRIMARY KEY,
    application_id VARCHAR(64) NOT NULL,
    external_id VARCHAR(1024),
    participant_name VARCHAR(256),
    avatar_url VARCHAR(2048),
    tags VARCHAR(4000) NOT NULL,
    identity_source VARCHAR(16) NOT NULL,
    scope VARCHAR(1000) NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
