-- ApplicationStore (JdbcApplicationStore). Times are epoch milliseconds (BIGINT) so H2 and PostgreSQL agree exactly.
CREATE TABLE applications (
    id VARCHAR(64) PRIMARY KEY,
    name VARCHAR(200) NOT NULL,
    scopes VARCHAR(2000) NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

-- Secrets are sealed with AES-GCM under the master key (AAD = application id); never stored in clear.
-- generation orders secrets within an application: the highest is the current one.
CREATE TABLE application_secrets (
    id VARCHAR(64) PRIMARY KEY,
    application_id VARCHAR(64) NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    generation INTEGER NOT NULL,
    sealed VARCHAR(512) NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (application_id, generation)
);
