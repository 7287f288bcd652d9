-- Disruptions (issue 11): a provider late, ill, called to an emergency or away training. The time
-- is blocked at once (a provider_time_off row, read with the busy time on every node), every
-- patient booked in it is listed, reached with held alternatives, rebooked, cancelled or put on
-- the staff's call list. See docs/DISRUPTIONS.md.

CREATE TABLE disruption (
  id             uuid PRIMARY KEY,
  provider_id    uuid NOT NULL REFERENCES provider ON DELETE CASCADE,
  starts_at      timestamptz NOT NULL,
  ends_at        timestamptz NOT NULL CHECK (ends_at > starts_at),
  reason         text NOT NULL CHECK (reason IN ('late', 'ill', 'emergency', 'training', 'other')),
  -- For staff only; never sent to patients.
  note           text NOT NULL DEFAULT '' CHECK (length(note) <= 500),
  -- What is offered to the patients unless staff choose otherwise for one of them.
  default_action text NOT NULL CHECK (default_action IN ('colleague', 'same-provider', 'cancel')),
  -- The block itself; staff removing the time off does not remove the record of the disruption.
  time_off_id    uuid UNIQUE REFERENCES provider_time_off ON DELETE SET NULL,
  source         text NOT NULL CHECK (source IN ('staff', 'hl7v2', 'fhir')),
  created_by     text NOT NULL,
  created_at     timestamptz NOT NULL
);
CREATE INDEX disruption_created ON disruption (created_at DESC);

-- One row per appointment inside the block. Its state moves forward only:
--   planned     listed; staff may still change the action before patients are contacted
--   pending     to be contacted by the next pass (alternatives searched and held, message planned)
--   offered     the message with the alternatives is planned or sent (reached_at once sent)
--   rebooked    moved (by the patient's reply, staff, the EHR or a patient link)
--   cancelled   cancelled (the practice's choice, the patient's reply, or elsewhere)
--   unanswered  no answer by escalate_at, no channel, or no alternative: on the staff's call list
--   settled     staff called the patient and closed the row (kept, moved or cancelled by hand)
CREATE TABLE disruption_patient (
  disruption_id     uuid NOT NULL REFERENCES disruption ON DELETE CASCADE,
  appointment_id    uuid NOT NULL REFERENCES appointment ON DELETE CASCADE,
  patient_id        uuid NOT NULL,
  original_start    timestamptz NOT NULL,
  original_end      timestamptz NOT NULL,
  action            text NOT NULL CHECK (action IN ('colleague', 'same-provider', 'cancel')),
  state             text NOT NULL CHECK (state IN ('planned', 'pending', 'offered', 'rebooked',
                                                   'cancelled', 'unanswered', 'settled')),
  -- The channel the patient is expected on when listed, then the one the message went out on.
  channel           text,
  consent           boolean NOT NULL,
  reached_at        timestamptz,
  answered_at       timestamptz,
  escalate_at       timestamptz,
  -- Why the row is on the call list (no answer, no channel, nothing free), for the staff.
  escalation        text,
  new_start         timestamptz,
  new_provider_id   uuid,
  -- How many sets of alternatives were offered (the first, then each new search a reply asked for).
  rounds            int NOT NULL DEFAULT 0,
  updated_at        timestamptz NOT NULL,
  PRIMARY KEY (disruption_id, appointment_id)
);
-- An appointment is worked on by one disruption at a time.
CREATE UNIQUE INDEX disruption_patient_open ON disruption_patient (appointment_id)
  WHERE state IN ('planned', 'pending', 'offered', 'unanswered');
CREATE INDEX disruption_patient_due ON disruption_patient (escalate_at) WHERE state = 'offered';
CREATE INDEX disruption_patient_pending ON disruption_patient (updated_at) WHERE state = 'pending';
CREATE INDEX disruption_patient_patient ON disruption_patient (patient_id)
  WHERE state IN ('offered', 'unanswered');

-- The times held for one patient (a hold is an appointment row in status 'proposed': nobody else
-- can book them). Replaced by each new round; deleted when the patient answers or is escalated.
CREATE TABLE disruption_offer (
  hold_id        uuid PRIMARY KEY,
  disruption_id  uuid NOT NULL,
  appointment_id uuid NOT NULL,
  position       int NOT NULL CHECK (position BETWEEN 1 AND 9),
  starts_at      timestamptz NOT NULL,
  provider_id    uuid NOT NULL,
  FOREIGN KEY (disruption_id, appointment_id) REFERENCES disruption_patient ON DELETE CASCADE,
  UNIQUE (disruption_id, appointment_id, position)
);

-- The alternatives go as a notification of their own kind.
ALTER TABLE notification DROP CONSTRAINT notification_kind_check;
ALTER TABLE notification ADD CONSTRAINT notification_kind_check
  CHECK (kind IN ('booked', 'moved', 'cancelled', 'reminder', 'after-visit', 'no-show',
                  'results-ready', 'waitlist-offer', 'questionnaire', 'questionnaire-reminder',
                  'satisfaction', 'disruption'));
