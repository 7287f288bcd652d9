-- Patients and identity: one record per person, found again on any channel, never merged by
-- mistake. See docs/PATIENTS.md.
--
-- Sealed values (FieldCipher) sit beside their blind index (BlindIndex, 36 bytes) wherever an
-- exact lookup is needed. Phones are indexed under one purpose in every table (the patient's own
-- numbers, their other numbers, their WhatsApp and SMS identities), so "who has this number?" is
-- one index comparison wherever the number was recorded; the same holds for e-mail addresses.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

ALTER TABLE patient
  -- provisional: created from a booking or a conversation, awaiting the staff's review;
  -- merged: a tombstone pointing at the record that survived a merge.
  ADD COLUMN status             text NOT NULL DEFAULT 'active'
                                CHECK (status IN ('active', 'provisional', 'merged')),
  ADD COLUMN merged_into        uuid REFERENCES patient,
  ADD COLUMN origin             text NOT NULL DEFAULT 'staff'
                                CHECK (origin IN ('staff', 'booking', 'conversation', 'import',
                                                  'ehr')),
  ADD COLUMN reviewed_at        timestamptz,
  ADD COLUMN reviewed_by        text,
  -- The used name is family_name; the name at birth, when it differs (nom de naissance, maiden
  -- name), is kept to find the person again under either.
  ADD COLUMN birth_family_name  text CHECK (length(btrim(birth_family_name)) BETWEEN 1 AND 100),
  -- FHIR administrative-gender.
  ADD COLUMN sex                text CHECK (sex IN ('female', 'male', 'other', 'unknown')),
  ADD COLUMN preferred_language text CHECK (preferred_language IN ('fr', 'en', 'it')),
  ADD COLUMN preferred_channel  text CHECK (preferred_channel IN ('sms', 'whatsapp', 'email',
                                                                  'phone', 'webchat')),
  -- The postal address, sealed as one JSON document: it is never searched.
  ADD COLUMN address_ciphertext bytea,
  -- Matching keys, computed by the application (patients.matching.NameKeys and NamePhonetics) so
  -- that Java and SQL agree; null once a patient is erased.
  ADD COLUMN given_key          text,
  ADD COLUMN family_key         text,
  ADD COLUMN birth_family_key   text,
  ADD COLUMN given_sound        text,
  ADD COLUMN family_sound       text,
  ADD COLUMN birth_family_sound text,
  -- Given, family and birth names as one accent-free, lower-case text for the trigram search.
  ADD COLUMN search_text        text,
  ADD CONSTRAINT patient_merged_points_at_survivor
    CHECK ((status = 'merged') = (merged_into IS NOT NULL)),
  ADD CONSTRAINT patient_not_merged_into_itself CHECK (merged_into <> id);

-- Someone who writes from an unknown number is a provisional patient before they say who they
-- are: their history must have a patient to belong to. Only then may names and birth date be
-- missing; staff confirm a record once it has them.
ALTER TABLE patient
  ALTER COLUMN given_name DROP NOT NULL,
  ALTER COLUMN family_name DROP NOT NULL,
  ALTER COLUMN birth_date DROP NOT NULL,
  ADD CONSTRAINT patient_identified_unless_provisional
    CHECK (status = 'provisional'
           OR (given_name IS NOT NULL AND family_name IS NOT NULL AND birth_date IS NOT NULL));

-- Blocking: the candidates of a match are found through these, never by reading the registry.
CREATE INDEX patient_birth_date_idx ON patient (birth_date)
  WHERE status <> 'merged' AND erased_at IS NULL;
CREATE INDEX patient_sound_idx ON patient (family_sound, given_sound)
  WHERE status <> 'merged' AND erased_at IS NULL;
CREATE INDEX patient_birth_sound_idx ON patient (birth_family_sound, given_sound)
  WHERE birth_family_sound IS NOT NULL AND status <> 'merged' AND erased_at IS NULL;
-- Staff search with typos.
CREATE INDEX patient_search_trgm_idx ON patient USING gin (search_text gin_trgm_ops)
  WHERE status <> 'merged' AND erased_at IS NULL;
-- The review queue, and the tombstones of a survivor.
CREATE INDEX patient_provisional_idx ON patient (created_at) WHERE status = 'provisional';
CREATE INDEX patient_merged_into_idx ON patient (merged_into) WHERE merged_into IS NOT NULL;

-- Phone numbers and e-mail addresses beyond the patient's main ones (patient.phone_*, email_*).
-- A phone and an e-mail are sealed in columns of their own because each has its own blind index.
CREATE TABLE patient_telecom (
  id               uuid PRIMARY KEY,
  patient_id       uuid NOT NULL REFERENCES patient,
  phone_ciphertext bytea,
  phone_index      bytea CHECK (octet_length(phone_index) = 36),
  email_ciphertext bytea,
  email_index      bytea CHECK (octet_length(email_index) = 36),
  use              text CHECK (use IN ('mobile', 'home', 'work', 'other')),
  created_at       timestamptz NOT NULL DEFAULT now(),
  CHECK ((phone_ciphertext IS NULL) = (phone_index IS NULL)),
  CHECK ((email_ciphertext IS NULL) = (email_index IS NULL)),
  CHECK ((phone_index IS NULL) <> (email_index IS NULL))
);
CREATE UNIQUE INDEX patient_telecom_phone_idx ON patient_telecom (phone_index, patient_id)
  WHERE phone_index IS NOT NULL;
CREATE UNIQUE INDEX patient_telecom_email_idx ON patient_telecom (email_index, patient_id)
  WHERE email_index IS NOT NULL;
CREATE INDEX patient_telecom_patient_idx ON patient_telecom (patient_id);

-- Identifiers by system: the practice's MRN, each EHR's id, France's INS, Italy's codice fiscale.
-- The value is sealed (an INS is a social-security number) beside its blind index; one value
-- belongs to one patient per system.
CREATE TABLE patient_identifier (
  id               uuid PRIMARY KEY,
  patient_id       uuid NOT NULL REFERENCES patient,
  system           text NOT NULL CHECK (system ~ '^([a-z][a-z0-9-]{1,39}|(urn|https?):[!-~]{1,250})$'),
  value_ciphertext bytea NOT NULL,
  value_index      bytea NOT NULL CHECK (octet_length(value_index) = 36),
  created_at       timestamptz NOT NULL DEFAULT now(),
  created_by       text NOT NULL,
  UNIQUE (system, value_index)
);
CREATE INDEX patient_identifier_patient_idx ON patient_identifier (patient_id);

-- How a patient reaches the practice: a WhatsApp number, an SMS number, a phone line, an e-mail
-- address, a web chat visitor token. One address may belong to several patients (a family's
-- phone); verification says how sure the practice is that this person uses it.
CREATE TABLE channel_identity (
  id               uuid PRIMARY KEY,
  patient_id       uuid NOT NULL REFERENCES patient,
  channel          text NOT NULL CHECK (channel IN ('whatsapp', 'sms', 'phone', 'email',
                                                    'webchat')),
  -- The address, sealed in the column of its kind: a phone number (E.164) for WhatsApp, SMS and
  -- calls, an e-mail address, or a web chat visitor token.
  phone_ciphertext bytea,
  phone_index      bytea CHECK (octet_length(phone_index) = 36),
  email_ciphertext bytea,
  email_index      bytea CHECK (octet_length(email_index) = 36),
  token_ciphertext bytea,
  token_index      bytea CHECK (octet_length(token_index) = 36),
  verification     text NOT NULL DEFAULT 'unverified'
                   CHECK (verification IN ('unverified', 'birth-date', 'staff')),
  verified_at      timestamptz,
  verified_by      text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  last_seen_at     timestamptz,
  CHECK ((verification = 'unverified') = (verified_at IS NULL)),
  CHECK ((phone_ciphertext IS NULL) = (phone_index IS NULL)),
  CHECK ((email_ciphertext IS NULL) = (email_index IS NULL)),
  CHECK ((token_ciphertext IS NULL) = (token_index IS NULL)),
  CHECK (CASE channel
           WHEN 'email' THEN email_index IS NOT NULL AND phone_index IS NULL AND token_index IS NULL
           WHEN 'webchat' THEN token_index IS NOT NULL AND phone_index IS NULL AND email_index IS NULL
           ELSE phone_index IS NOT NULL AND email_index IS NULL AND token_index IS NULL
         END)
);
CREATE UNIQUE INDEX channel_identity_address_idx
  ON channel_identity (channel, coalesce(phone_index, email_index, token_index), patient_id);
CREATE INDEX channel_identity_phone_idx ON channel_identity (phone_index)
  WHERE phone_index IS NOT NULL;
CREATE INDEX channel_identity_email_idx ON channel_identity (email_index)
  WHERE email_index IS NOT NULL;
CREATE INDEX channel_identity_token_idx ON channel_identity (token_index)
  WHERE token_index IS NOT NULL;
CREATE INDEX channel_identity_patient_idx ON channel_identity (patient_id);

-- A parent, legal guardian or caregiver who books and speaks for a dependent (a child).
CREATE TABLE patient_relationship (
  guardian_id  uuid NOT NULL REFERENCES patient,
  dependent_id uuid NOT NULL REFERENCES patient,
  kind         text NOT NULL CHECK (kind IN ('parent', 'legal-guardian', 'caregiver')),
  created_at   timestamptz NOT NULL DEFAULT now(),
  created_by   text NOT NULL,
  PRIMARY KEY (guardian_id, dependent_id),
  CHECK (guardian_id <> dependent_id)
);
CREATE INDEX patient_relationship_dependent_idx ON patient_relationship (dependent_id);

-- Possible duplicates for the staff's review: a pair the matcher could neither link nor tell
-- apart. 'distinct' remembers a decision that they are two people, so the pair is not asked
-- again; 'merged' that they were one.
CREATE TABLE patient_duplicate (
  id           uuid PRIMARY KEY,
  patient_id   uuid NOT NULL REFERENCES patient,
  candidate_id uuid NOT NULL REFERENCES patient,
  score        double precision NOT NULL,
  explanation  jsonb NOT NULL,
  status       text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'distinct', 'merged')),
  found_at     timestamptz NOT NULL,
  decided_at   timestamptz,
  decided_by   text,
  CHECK (patient_id <> candidate_id),
  CHECK ((status = 'open') = (decided_at IS NULL))
);
CREATE UNIQUE INDEX patient_duplicate_pair_idx
  ON patient_duplicate (least(patient_id, candidate_id), greatest(patient_id, candidate_id));
CREATE INDEX patient_duplicate_open_idx ON patient_duplicate (found_at) WHERE status = 'open';
CREATE INDEX patient_duplicate_candidate_idx ON patient_duplicate (candidate_id);

-- Each merge, with what it moved, so that it can be undone within the grace period. moved lists
-- ids per kind (identifiers, telecoms, channel identities, tombstones, and each participating
-- module's rows, e.g. appointments); survivor_before is the survivor's details the merge changed,
-- sealed.
CREATE TABLE patient_merge (
  id                     uuid PRIMARY KEY,
  survivor_id            uuid NOT NULL REFERENCES patient,
  duplicate_id           uuid NOT NULL REFERENCES patient,
  duplicate_status       text NOT NULL CHECK (duplicate_status IN ('active', 'provisional')),
  reason                 text NOT NULL CHECK (length(btrim(reason)) BETWEEN 1 AND 500),
  moved                  jsonb NOT NULL,
  survivor_before        bytea,
  merged_at              timestamptz NOT NULL,
  merged_by              text NOT NULL,
  unmergeable_until      timestamptz NOT NULL,
  unmerged_at            timestamptz,
  unmerged_by            text,
  unmerge_reason         text CHECK (length(btrim(unmerge_reason)) BETWEEN 1 AND 500),
  CHECK (survivor_id <> duplicate_id),
  CHECK ((unmerged_at IS NULL) = (unmerged_by IS NULL))
);
-- A record is merged away at most once at a time.
CREATE UNIQUE INDEX patient_merge_duplicate_idx ON patient_merge (duplicate_id)
  WHERE unmerged_at IS NULL;
CREATE INDEX patient_merge_survivor_idx ON patient_merge (survivor_id);
