-- The system of record for appointments, holds included.
--
-- A hold is a row with status 'proposed' and hold_expires_at set: it occupies the calendar like
-- an appointment, so one set of exclusion constraints covers both, and booking from a hold turns
-- the same row into an appointment without ever releasing the time.
--
-- blocked_from / blocked_until is the visit plus the appointment type's buffers: the time
-- nobody else may use. Statuses are FHIR R4 Appointment.status codes.
CREATE TABLE appointment (
  id                  uuid PRIMARY KEY,
  appointment_type_id uuid NOT NULL REFERENCES appointment_type,
  provider_id         uuid NOT NULL REFERENCES provider,
  location_id         uuid NOT NULL REFERENCES location,
  room_id             uuid REFERENCES room,
  patient_id          uuid REFERENCES patient,
  status              text NOT NULL CHECK (status IN ('proposed', 'pending', 'booked', 'arrived',
                        'checked-in', 'fulfilled', 'cancelled', 'noshow', 'entered-in-error')),
  starts_at           timestamptz NOT NULL,
  ends_at             timestamptz NOT NULL,
  blocked_from        timestamptz NOT NULL,
  blocked_until       timestamptz NOT NULL,
  hold_expires_at     timestamptz,
  new_patient         boolean,
  source              text NOT NULL CHECK (source IN ('web', 'chat', 'whatsapp', 'sms', 'voice',
                        'email', 'staff', 'ehr', 'api')),
  created_by          text NOT NULL,
  cancellation_reason text,
  cancelled_by        text,
  cancelled_at        timestamptz,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  version             int NOT NULL DEFAULT 0,
  CHECK (starts_at < ends_at),
  CHECK (blocked_from <= starts_at AND ends_at <= blocked_until),
  -- Holds are exactly the proposed rows; every appointment names its patient.
  CHECK ((status = 'proposed') = (hold_expires_at IS NOT NULL)),
  CHECK (status = 'proposed' OR patient_id IS NOT NULL),
  CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL)),

  -- No double booking, ever: whatever wrote the row (this node, another node, the EHR feed).
  CONSTRAINT appointment_provider_no_overlap EXCLUDE USING gist (
    provider_id WITH =, tstzrange(blocked_from, blocked_until) WITH &&)
    WHERE (status IN ('proposed', 'pending', 'booked', 'arrived', 'checked-in', 'fulfilled')),
  CONSTRAINT appointment_room_no_overlap EXCLUDE USING gist (
    room_id WITH =, tstzrange(blocked_from, blocked_until) WITH &&)
    WHERE (room_id IS NOT NULL
      AND status IN ('proposed', 'pending', 'booked', 'arrived', 'checked-in', 'fulfilled')),
  -- One person cannot be in two visits at once (buffers are the provider's, not the patient's).
  CONSTRAINT appointment_patient_no_overlap EXCLUDE USING gist (
    patient_id WITH =, tstzrange(starts_at, ends_at) WITH &&)
    WHERE (patient_id IS NOT NULL
      AND status IN ('proposed', 'pending', 'booked', 'arrived', 'checked-in', 'fulfilled'))
);

CREATE INDEX appointment_patient_idx ON appointment (patient_id, starts_at);
CREATE INDEX appointment_starts_at_idx ON appointment (starts_at);
CREATE INDEX appointment_hold_expiry_idx ON appointment (hold_expires_at) WHERE hold_expires_at IS NOT NULL;
-- Busy-time reads of the availability engine: one provider (or room), a window of days.
CREATE INDEX appointment_provider_busy_idx ON appointment (provider_id, blocked_from)
  INCLUDE (blocked_until, status, hold_expires_at, appointment_type_id, room_id, starts_at)
  WHERE status IN ('proposed', 'pending', 'booked', 'arrived', 'checked-in', 'fulfilled');
CREATE INDEX appointment_room_busy_idx ON appointment (room_id, blocked_from)
  INCLUDE (blocked_until, status, hold_expires_at)
  WHERE room_id IS NOT NULL
    AND status IN ('proposed', 'pending', 'booked', 'arrived', 'checked-in', 'fulfilled');
