-- AccountStore (JdbcAccountStore) and BrowserSessionStore (JdbcBrowserSessionStore): the dashboard's people, the
-- one-time links that set their passwords, their browser sessions and the applications they own. Times are epoch
-- milliseconds (BIGINT) so H2 and PostgreSQL agree exactly. Portable SQL: runs unchanged on H2 and PostgreSQL.
-- V20, not the next free number: other changes add V12 and V13 in parallel, and Flyway refuses a number taken twice.

-- email is stored lower-cased (the unique constraint is then case-insensitive on both engines); password_hash is the
-- Argon2id PHC string, NULL until the account's owner follows its first set-password link.
CREATE TABLE accounts (
    id VARCHAR(64) PRIMARY KEY,
    email VARCHAR(320) NOT NULL,
    role VARCHAR(16) NOT NULL,
    password_hash VARCHAR(256),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CONSTRAINT accounts_email UNIQUE (email)
);

-- One-time set-password links: the SHA-256 (hex) of the token, never the token. A link is deleted when used, and
-- every link of an account when its password is set; an expired one is refused and deleted when next presented.
CREATE TABLE password_links (
    digest VARCHAR(64) PRIMARY KEY,
    account_id VARCHAR(64) NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX password_links_by_account ON password_links (account_id);

-- Browser sessions: the SHA-256 (hex) of the cookie's value, never the value, so that a copy of the database signs
-- nobody in. last_seen_at drives the idle timeout, expires_at is the absolute one.
CREATE TABLE browser_sessions (
    digest VARCHAR(64) PRIMARY KEY,
    account_id VARCHAR(64) NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX browser_sessions_by_account ON browser_sessions (account_id);

-- Which developer may administer which application: its creator, and those an admin or an owner granted it to.
-- Deleting either side deletes the grant.
CREATE TABLE application_members (
    application_id VARCHAR(64) NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    account_id VARCHAR(64) NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (application_id, account_id)
);
CREATE INDEX application_members_by_account ON application_members (account_id, application_id);
