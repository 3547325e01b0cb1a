-- SigningKeyStore (JdbcSigningKeyStore): JWT signing keys. The private JWK is sealed under the master key
-- (AAD = kid). A retired key stays published in the JWKS until published_until, when its last token has expired.
CREATE TABLE signing_keys (
    kid VARCHAR(64) PRIMARY KEY,
    algorithm VARCHAR(16) NOT NULL,
    public_jwk VARCHAR(4000) NOT NULL,
    sealed_private_jwk VARCHAR(4000) NOT NULL,
    created_at BIGINT NOT NULL,
    retired_at BIGINT,
    published_until BIGINT
);
