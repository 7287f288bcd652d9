-- Questionnaires: the practice's forms (FHIR R4 Questionnaire resources, versioned), the rules that
-- send them on booking, each form sent to a patient (reached by a signed, expiring link) and the
-- answers (a FHIR QuestionnaireResponse, sealed: it is health data).

CREATE TABLE questionnaire (
  id          uuid PRIMARY KEY,
  -- The form's stable name across versions ("new-patient-intake"); its canonical URL ends in it.
  code        text NOT NULL CHECK (code ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  version     integer NOT NULL CHECK (version > 0),
  url         text NOT NULL,
  title       text NOT NULL,
  status      text NOT NULL CHECK (status IN ('active', 'retired')),
  -- The Questionnaire as FHIR JSON, with its url, version and status set by us. No patient data.
  resource    jsonb NOT NULL,
  created_by  text NOT NULL,
  created_at  timestamptz NOT NULL,
  retired_at  timestamptz,
  UNIQUE (code, version),
  CHECK ((status = 'retired') = (retired_at IS NOT NULL))
);

-- Sending a form by its code sends its active version; a new version retires the one before.
CREATE UNIQUE INDEX questionnaire_one_active_version ON questionnaire (code)
  WHERE status = 'active';

-- Which forms a booking sends: by appointment type (null: any) and patient category.
CREATE TABLE questionnaire_rule (
  id                  uuid PRIMARY KEY,
  questionnaire_code  text NOT NULL,
  appointment_type_id uuid REFERENCES appointment_type ON DELETE CASCADE,
  patients            text NOT NULL CHECK (patients IN ('any', 'new', 'returning')),
  -- A reminder this long before the visit when the form is still unanswered; null: none.
  remind_before       interval CHECK (remind_before IS NULL OR remind_before > interval '0'),
  created_by          text NOT NULL,
  created_at          timestamptz NOT NULL
);

CREATE UNIQUE INDEX questionnaire_rule_once ON questionnaire_rule
  (questionnaire_code, coalesce(appointment_type_id, '00000000-0000-0000-0000-000000000000'::uuid),
   patients);

-- One form sent to one patient, for a visit or by hand from a conversation.
CREATE TABLE questionnaire_request (
  id                uuid PRIMARY KEY,
  questionnaire_id  uuid NOT NULL REFERENCES questionnaire,
  patient_id        uuid NOT NULL REFERENCES patient,
  appointment_id    uuid REFERENCES appointment ON DELETE SET NULL,
  rule_id           uuid REFERENCES questionnaire_rule ON DELETE SET NULL,
  status            text NOT NULL
                      CHECK (status IN ('sent', 'in-progress', 'completed', 'cancelled')),
  -- The answers saved so far (sealed JSON: linkId → values), kept until the form is sent.
  draft_ciphertext  bytea,
  expires_at        timestamptz NOT NULL,
  remind_at         timestamptz,
  created_by        text NOT NULL,
  created_at        timestamptz NOT NULL,
  updated_at        timestamptz NOT NULL,
  completed_at      timestamptz,
  CHECK ((status = 'completed') = (completed_at IS NOT NULL))
);

CREATE INDEX questionnaire_request_patient_idx ON questionnaire_request (patient_id, created_at);
CREATE INDEX questionnaire_request_appointment_idx ON questionnaire_request (appointment_id)
  WHERE appointment_id IS NOT NULL;
-- A visit gets each form once, however many times it is moved or its rules are read.
CREATE UNIQUE INDEX questionnaire_request_once_per_visit
  ON questionnaire_request (appointment_id, questionnaire_id)
  WHERE appointment_id IS NOT NULL AND status <> 'cancelled';

-- The answers of a completed request.
CREATE TABLE questionnaire_response (
  id                  uuid PRIMARY KEY,
  request_id          uuid NOT NULL UNIQUE REFERENCES questionnaire_request,
  questionnaire_id    uuid NOT NULL REFERENCES questionnaire,
  patient_id          uuid NOT NULL REFERENCES patient,
  appointment_id      uuid REFERENCES appointment ON DELETE SET NULL,
  -- The QuestionnaireResponse as FHIR JSON, sealed.
  resource_ciphertext bytea NOT NULL,
  language            text NOT NULL,
  authored_at         timestamptz NOT NULL,
  -- What the patient said about themself that staff must look at (never applied silently):
  -- [{"linkId", "field", "kind": "differs" | "reported"}]; the values are in the sealed resource.
  flags               jsonb NOT NULL DEFAULT '[]',
  reviewed_at         timestamptz,
  reviewed_by         text
);

CREATE INDEX questionnaire_response_patient_idx ON questionnaire_response (patient_id, authored_at);
CREATE INDEX questionnaire_response_appointment_idx ON questionnaire_response (appointment_id)
  WHERE appointment_id IS NOT NULL;
CREATE INDEX questionnaire_response_to_review_idx ON questionnaire_response (authored_at)
  WHERE reviewed_at IS NULL AND flags <> '[]'::jsonb;

-- A form's link and its reminder travel as notifications.
ALTER TABLE notification DROP CONSTRAINT notification_kind_check;
ALTER TABLE notification ADD CONSTRAINT notification_kind_check
  CHECK (kind IN ('booked', 'moved', 'cancelled', 'reminder', 'after-visit', 'no-show',
                  'results-ready', 'waitlist-offer', 'questionnaire', 'questionnaire-reminder'));
