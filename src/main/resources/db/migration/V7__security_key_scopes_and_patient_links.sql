-- Scoped API keys: an INTEGRATION key holds exactly the scopes it was given ('appointments:read'...);
-- ADMIN keys hold every scope through their role. Who created and who revoked a key is kept.
ALTER TABLE api_key
  ADD COLUMN scopes     text[] NOT NULL DEFAULT '{}',
  ADD COLUMN created_by text,
  ADD COLUMN revoked_by text,
  ADD COLUMN expires_at timestamptz;
ALTER TABLE api_key ADD CONSTRAINT api_key_roles_known
  CHECK (roles <@ ARRAY['ADMIN', 'FRONT_DESK', 'CLINICIAN', 'INTEGRATION']::text[] AND cardinality(roles) > 0);

-- Patient access links: the signed token names this row, which says what the link may do and
-- until when. Revoking the row kills the link even before it expires.
CREATE TABLE patient_link (
  id             uuid PRIMARY KEY,
  appointment_id uuid NOT NULL REFERENCES appointment (id) ON DELETE CASCADE,
  purpose        text NOT NULL CHECK (purpose IN ('manage-appointment')),
  created_at     timestamptz NOT NULL,
  created_by     text NOT NULL,
  expires_at     timestamptz NOT NULL,
  revoked_at     timestamptz,
  last_used_at   timestamptz,
  use_count      integer NOT NULL DEFAULT 0,
  CHECK (expires_at > created_at)
);
CREATE INDEX patient_link_appointment_idx ON patient_link (appointment_id);
