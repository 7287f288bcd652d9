-- Consent and the right to erasure (GDPR arts. 7, 17). See docs/security/privacy.md.

-- When the patient's identifying details were erased at their request; the row stays, so the
-- appointments the practice must keep still point at it.
ALTER TABLE patient ADD COLUMN erased_at timestamptz;

-- Every consent decision as it was recorded, never changed: the latest record for a (patient,
-- channel, purpose), or for (patient, 'any', purpose), decides. seq orders the records of one
-- patient as they were written, whatever the clocks of the nodes that wrote them said.
CREATE TABLE consent_record (
  id               uuid PRIMARY KEY,
  seq              bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  patient_id       uuid NOT NULL REFERENCES patient,
  channel          text NOT NULL CHECK (channel IN ('sms', 'whatsapp', 'email', 'phone', 'webchat',
                     'any')),
  purpose          text NOT NULL CHECK (purpose IN ('appointment-messages', 'marketing',
                     'surveys')),
  granted          boolean NOT NULL,
  source           text NOT NULL CHECK (source IN ('web-form', 'staff', 'sms-keyword', 'whatsapp',
                     'email', 'phone', 'webchat', 'api', 'import', 'erasure')),
  -- The exact text the patient was shown, in its language; its SHA-256 stays when an erasure
  -- drops the text, so the practice can still show which of its wordings was agreed to.
  wording_text     text CHECK (length(wording_text) BETWEEN 1 AND 4000),
  wording_language text CHECK (wording_language ~ '^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$'),
  wording_sha256   bytea CHECK (length(wording_sha256) = 32),
  recorded_at      timestamptz NOT NULL,
  recorded_by      text NOT NULL,
  -- Art. 7(1): a consent given can be shown, with what it was given to.
  CHECK (NOT granted OR wording_sha256 IS NOT NULL),
  CHECK ((wording_language IS NULL) = (wording_sha256 IS NULL)),
  CHECK (wording_text IS NULL OR wording_sha256 IS NOT NULL)
);
-- Consents#permits: the latest record of one patient and purpose, read backwards from the index
-- alone.
CREATE INDEX consent_record_latest_idx ON consent_record (patient_id, purpose, seq DESC)
  INCLUDE (channel, granted);

-- Append-only, enforced here whatever the code does: no record is deleted, and the only change
-- allowed is an erasure dropping a wording's text (its language and hash stay).
CREATE FUNCTION consent_record_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.wording_text IS NULL
     AND (NEW.id, NEW.seq, NEW.patient_id, NEW.channel, NEW.purpose, NEW.granted, NEW.source,
          NEW.wording_language, NEW.wording_sha256, NEW.recorded_at, NEW.recorded_by)
         IS NOT DISTINCT FROM
         (OLD.id, OLD.seq, OLD.patient_id, OLD.channel, OLD.purpose, OLD.granted, OLD.source,
          OLD.wording_language, OLD.wording_sha256, OLD.recorded_at, OLD.recorded_by) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'consent records are append-only: % of consent_record % refused', TG_OP, OLD.id
    USING ERRCODE = 'integrity_constraint_violation';
END
$$;
CREATE TRIGGER consent_record_append_only BEFORE UPDATE OR DELETE ON consent_record
  FOR EACH ROW EXECUTE FUNCTION consent_record_append_only();

-- Who erased a patient, when, why and how it was asked for: the record of the request itself,
-- which holds ids only. The reason is staff's words; the API asks for no names or health details.
CREATE TABLE patient_erasure (
  patient_id             uuid PRIMARY KEY REFERENCES patient,
  erased_at              timestamptz NOT NULL,
  erased_by              text NOT NULL,
  reason                 text NOT NULL CHECK (length(btrim(reason)) BETWEEN 1 AND 500),
  requested_via          text NOT NULL CHECK (requested_via IN ('in-person', 'letter', 'email',
                           'phone', 'web-form', 'sms', 'whatsapp', 'webchat', 'api')),
  cancelled_appointments uuid[] NOT NULL DEFAULT '{}'
);
