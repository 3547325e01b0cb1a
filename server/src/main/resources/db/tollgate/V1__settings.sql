-- SettingsStore (JdbcSettingsStore): single values the whole deployment shares, e.g. the admin credential's
-- Argon2id hash and the master-key check value. Portable SQL: runs unchanged on H2 and PostgreSQL.
CREATE TABLE settings (
    name VARCHAR(100) PRIMARY KEY,
    setting_value VARCHAR(4000) NOT NULL,
    updated_at BIGINT NOT NULL
);
