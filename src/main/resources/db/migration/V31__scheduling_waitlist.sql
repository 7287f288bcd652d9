-- The waitlist: patients who want an earlier time, the times that free up, and the offers made of
-- them, one patient at a time.
--
-- An offered time is held by an ordinary hold (a 'proposed' row of appointment), so the existing
-- exclusion constraints keep it from anyone else while the patient decides, and accepting turns
-- that same row into the appointment.

CREATE TABLE waitlist_entry (
  id                  uuid PRIMARY KEY,
  patient_id          uuid NOT NULL REFERENCES patient,
  appointment_type_id uuid NOT NULL REFERENCES appointment_type,
  -- Null: any provider offering the type; any of the practice's locations.
  provider_id         uuid REFERENCES provider,
  location_id         uuid REFERENCES location,
  -- The window, in the zone of the location where the time is: days, then optionally weekdays
  -- (ISO numbers, 1 = Monday) and a time of day the visit must lie within.
  earliest_date       date NOT NULL,
  latest_date         date NOT NULL,
  days_of_week        smallint[] CHECK (days_of_week <@ ARRAY[1, 2, 3, 4, 5, 6, 7]::smallint[]
                        AND cardinality(days_of_week) > 0),
  earliest_time       time,
  latest_time         time,
  -- "Only earlier than my appointment X": accepting moves X to the earlier time.
  before_appointment_id uuid REFERENCES appointment ON DELETE SET NULL,
  status              text NOT NULL DEFAULT 'active'
                        CHECK (status IN ('active', 'fulfilled', 'withdrawn', 'expired')),
  -- The appointment a fulfilled entry ended in.
  appointment_id      uuid REFERENCES appointment ON DELETE SET NULL,
  created_by          text NOT NULL,
  created_at          timestamptz NOT NULL,
  -- Breaks ties between entries joined at the same instant: the one inserted first comes first.
  position            bigint GENERATED ALWAYS AS IDENTITY,
  ended_at            timestamptz,
  CHECK (earliest_date <= latest_date),
  CHECK (earliest_time IS NULL OR latest_time IS NULL OR earliest_time < latest_time),
  CHECK ((status = 'active') = (ended_at IS NULL))
);

-- Matching reads active entries in the order they joined (first come, first offered).
CREATE INDEX waitlist_entry_active_idx ON waitlist_entry (appointment_type_id, created_at, position)
  WHERE status = 'active';
CREATE INDEX waitlist_entry_patient_idx ON waitlist_entry (patient_id, created_at);
-- A patient waits once for a type with a provider (or with anyone).
CREATE UNIQUE INDEX waitlist_entry_once_idx ON waitlist_entry (patient_id, appointment_type_id,
  coalesce(provider_id, '00000000-0000-0000-0000-000000000000'::uuid)) WHERE status = 'active';

-- Time that became free (a cancellation, the old time of a move), written in the freeing
-- transaction so that a node dying after that commit loses nothing. Workers claim rows with
-- FOR UPDATE SKIP LOCKED; a row is done once offered to everyone who matched, or to nobody.
CREATE TABLE waitlist_freed_time (
  id              uuid PRIMARY KEY,
  appointment_id  uuid NOT NULL,
  provider_id     uuid NOT NULL REFERENCES provider,
  location_id     uuid REFERENCES location,
  starts_at       timestamptz NOT NULL,
  ends_at         timestamptz NOT NULL,
  reason          text NOT NULL CHECK (reason IN ('cancelled', 'rescheduled')),
  freed_at        timestamptz NOT NULL,
  -- When a worker should look at it next: at once, or after a failed attempt's backoff.
  due_at          timestamptz NOT NULL,
  attempts        int NOT NULL DEFAULT 0,
  done_at         timestamptz,
  CHECK (starts_at < ends_at)
);

CREATE INDEX waitlist_freed_time_due_idx ON waitlist_freed_time (due_at) WHERE done_at IS NULL;

CREATE TABLE waitlist_offer (
  id                  uuid PRIMARY KEY,
  entry_id            uuid NOT NULL REFERENCES waitlist_entry ON DELETE CASCADE,
  freed_time_id       uuid NOT NULL REFERENCES waitlist_freed_time,
  -- The hold keeping the time while the offer is open; the appointment once accepted (the same
  -- row when the hold was booked, the patient's earlier appointment when it was moved instead).
  hold_id             uuid,
  appointment_id      uuid REFERENCES appointment ON DELETE SET NULL,
  patient_id          uuid NOT NULL REFERENCES patient,
  appointment_type_id uuid NOT NULL REFERENCES appointment_type,
  provider_id         uuid NOT NULL REFERENCES provider,
  location_id         uuid NOT NULL REFERENCES location,
  starts_at           timestamptz NOT NULL,
  ends_at             timestamptz NOT NULL,
  offered_at          timestamptz NOT NULL,
  expires_at          timestamptz NOT NULL,
  status              text NOT NULL DEFAULT 'offered'
                        CHECK (status IN ('offered', 'accepted', 'declined', 'expired',
                          'withdrawn')),
  decided_at          timestamptz,
  CHECK (starts_at < ends_at),
  CHECK ((status = 'offered') = (decided_at IS NULL)),
  CHECK (status <> 'offered' OR hold_id IS NOT NULL),
  -- A freed time is offered once to each entry.
  UNIQUE (freed_time_id, entry_id)
);

-- One open offer per entry: a patient decides about one time at a time.
CREATE UNIQUE INDEX waitlist_offer_one_open_per_entry ON waitlist_offer (entry_id)
  WHERE status = 'offered';
-- A freed time is held for one offer at a time; it passes on only once that offer is closed.
CREATE UNIQUE INDEX waitlist_offer_one_open_per_time ON waitlist_offer (freed_time_id)
  WHERE status = 'offered';
CREATE UNIQUE INDEX waitlist_offer_one_open_per_hold ON waitlist_offer (hold_id)
  WHERE status = 'offered';
-- The expiry pass: open offers by due time.
CREATE INDEX waitlist_offer_open_idx ON waitlist_offer (expires_at) WHERE status = 'offered';
CREATE INDEX waitlist_offer_patient_idx ON waitlist_offer (patient_id) WHERE status = 'offered';
