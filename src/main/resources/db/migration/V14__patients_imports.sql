-- Patient imports: a file of patients (CSV, or FHIR R4 JSON) an administrator uploads, which the
-- db-scheduler task patient-import checks row by row, then registers in batches.
-- See docs/PATIENTS.md, "Import and export".
--
-- The counts always add up to processed_rows, for the step the status names: while validating
-- they count what the import would do, while importing what it did. Each batch of the importing
-- step commits its patients, its counts and processed_rows together, so a run that resumes after
-- a crash starts at processed_rows and never registers a row twice.

CREATE TABLE patient_import (
  id               uuid PRIMARY KEY,
  status           text NOT NULL CHECK (status IN ('queued', 'validating', 'importing',
                                                   'completed', 'rejected', 'failed')),
  format           text NOT NULL CHECK (format IN ('csv', 'fhir')),
  dry_run          boolean NOT NULL,
  on_error         text NOT NULL CHECK (on_error IN ('reject', 'skip')),
  file_size        bigint NOT NULL CHECK (file_size > 0),
  total_rows       int NOT NULL CHECK (total_rows > 0),
  -- Bundle entries that are not a Patient (a Practitioner, an Organization): left alone.
  ignored_entries  int NOT NULL DEFAULT 0 CHECK (ignored_entries >= 0),
  processed_rows   int NOT NULL DEFAULT 0,
  created_count    int NOT NULL DEFAULT 0 CHECK (created_count >= 0),
  linked_count     int NOT NULL DEFAULT 0 CHECK (linked_count >= 0),
  possible_count   int NOT NULL DEFAULT 0 CHECK (possible_count >= 0),
  invalid_count    int NOT NULL DEFAULT 0 CHECK (invalid_count >= 0),
  -- Each run of the task (the first, one revived after a crash, one picked up by another node)
  -- takes the next number; a run whose number is no longer the current one stops at its next
  -- batch instead of working beside its successor.
  run              int NOT NULL DEFAULT 0,
  -- The incident id of a failed import, as the server log names it.
  incident         text,
  created_by       text NOT NULL,
  created_by_name  text NOT NULL,
  created_at       timestamptz NOT NULL,
  started_at       timestamptz,
  finished_at      timestamptz,
  CHECK (processed_rows BETWEEN 0 AND total_rows),
  CHECK (created_count + linked_count + possible_count + invalid_count = processed_rows),
  CHECK ((status IN ('completed', 'rejected', 'failed')) = (finished_at IS NOT NULL))
);
CREATE INDEX patient_import_created_at_idx ON patient_import (created_at DESC, id DESC);

-- The uploaded file, as text in pieces of 64K characters, each sealed (FieldCipher): it is full of
-- names, birth dates, phone numbers and social-security numbers. Deleted once the import ends.
-- The pieces are written while the upload is read, before the import's row (which needs the
-- row count found by reading it to the end): the reference is checked at commit.
CREATE TABLE patient_import_chunk (
  id             uuid PRIMARY KEY,
  import_id      uuid NOT NULL REFERENCES patient_import ON DELETE CASCADE
                 DEFERRABLE INITIALLY DEFERRED,
  seq            int NOT NULL CHECK (seq >= 0),
  content_sealed bytea NOT NULL,
  UNIQUE (import_id, seq)
);

-- The rows the import refused, with why: a JSON list of {field, type, message: {en, fr, it}},
-- sealed, since the messages quote the values (a mistyped phone number or INS).
CREATE TABLE patient_import_problem (
  id            uuid PRIMARY KEY,
  import_id     uuid NOT NULL REFERENCES patient_import ON DELETE CASCADE,
  row_number    int NOT NULL CHECK (row_number > 0),
  line          int,
  errors_sealed bytea NOT NULL,
  UNIQUE (import_id, row_number)
);

-- What each registered row became, written with its batch: the record it created or was linked
-- to. A later row of the file that repeats it exactly is that record again.
CREATE TABLE patient_import_row (
  import_id   uuid NOT NULL REFERENCES patient_import ON DELETE CASCADE,
  row_number  int NOT NULL CHECK (row_number > 0),
  outcome     text NOT NULL CHECK (outcome IN ('created', 'linked', 'possible-duplicate')),
  patient_id  uuid NOT NULL REFERENCES patient,
  PRIMARY KEY (import_id, row_number)
);
