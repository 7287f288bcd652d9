-- API keys: only a SHA-256 of the secret is kept (the secret has 256 bits of entropy, so a slow
-- password hash adds nothing); the prefix lets people tell their keys apart.
CREATE TABLE api_key (
  id            uuid PRIMARY KEY,
  name          text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 100),
  prefix        text NOT NULL,
  secret_sha256 bytea NOT NULL UNIQUE,
  roles         text[] NOT NULL,
  bootstrap     boolean NOT NULL DEFAULT false,
  created_at    timestamptz NOT NULL DEFAULT now(),
  revoked_at    timestamptz,
  last_used_at  timestamptz
);
-- The key configured by accueil.bootstrap.admin-api-key: at most one active at a time.
CREATE UNIQUE INDEX api_key_one_active_bootstrap_idx ON api_key (bootstrap) WHERE bootstrap AND revoked_at IS NULL;
