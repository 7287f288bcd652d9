-- The minimal patient record scheduling needs; the patients module grows it (identifiers,
-- channel identities, matching, merge).
CREATE TABLE patient (
  id          uuid PRIMARY KEY,
  given_name  text NOT NULL CHECK (length(btrim(given_name)) BETWEEN 1 AND 100),
  family_name text NOT NULL CHECK (length(btrim(family_name)) BETWEEN 1 AND 100),
  birth_date  date NOT NULL,
  phone       text CHECK (phone ~ '^\+[1-9][0-9]{6,14}$'),
  email       text CHECK (email ~ '^[^@\s]+@[^@\s]+$'),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX patient_name_birth_idx ON patient (lower(family_name), lower(given_name), birth_date);
