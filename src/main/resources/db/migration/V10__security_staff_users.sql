-- Staff who sign in to the web UI. Passwords are Argon2id hashes (the CHECK keeps anything else,
-- a plaintext above all, out of the column); a user known only through OpenID Connect has none.
CREATE TABLE staff_user (
  id              uuid PRIMARY KEY,
  email           text NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
  display_name    text NOT NULL CHECK (length(btrim(display_name)) BETWEEN 1 AND 100),
  password_hash   text CHECK (password_hash LIKE '$argon2id$%'),
  -- INTEGRATION belongs to API keys, never to a person.
  roles           text[] NOT NULL
                  CHECK (cardinality(roles) >= 1
                         AND roles <@ ARRAY['ADMIN', 'FRONT_DESK', 'CLINICIAN']::text[]),
  -- A clinician's own calendar. Providers are deactivated, never deleted.
  provider_id     uuid REFERENCES provider,
  locale          text NOT NULL DEFAULT 'en' CHECK (locale IN ('en', 'fr', 'it')),
  failed_attempts integer NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
  locked_until    timestamptz,
  disabled_at     timestamptz,
  -- RFC 6238 shared secret, sealed by the field cipher (context user.totp-secret), and the last
  -- time step a code was accepted for: a code is never accepted twice (RFC 6238 section 5.2).
  totp_secret     bytea,
  totp_last_step  bigint,
  oidc_issuer     text,
  oidc_subject    text,
  -- Bumped when a password is reset or the user is disabled: sessions opened before end.
  session_epoch   integer NOT NULL DEFAULT 0,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  last_login_at   timestamptz,
  CHECK ((oidc_issuer IS NULL) = (oidc_subject IS NULL))
);
-- One account per address, however it is capitalised.
CREATE UNIQUE INDEX staff_user_email_idx ON staff_user (lower(email));
CREATE UNIQUE INDEX staff_user_oidc_idx ON staff_user (oidc_issuer, oidc_subject);
CREATE INDEX staff_user_provider_idx ON staff_user (provider_id) WHERE provider_id IS NOT NULL;
