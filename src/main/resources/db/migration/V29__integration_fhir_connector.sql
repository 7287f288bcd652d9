-- The FHIR R4 EHR connector: what the EHR told us (inbox), how far the poller read, the
-- conflicts staff settle, and the reconciliation reports. See docs/INTEGRATION.md.

-- The EHR's schedule blocks (Slot busy-unavailable) and the time off each became. Staff deleting
-- the time off deletes the link; the EHR freeing the slot deletes the time off.
CREATE TABLE fhir_schedule_block (
  slot_id     text PRIMARY KEY CHECK (slot_id ~ '^[A-Za-z0-9.-]{1,64}$'),
  time_off_id uuid NOT NULL UNIQUE REFERENCES provider_time_off ON DELETE CASCADE,
  provider_id uuid NOT NULL REFERENCES provider ON DELETE CASCADE,
  version     text,
  synced_at   timestamptz NOT NULL
);

-- Every change the EHR told us of (a subscription's notification, a poll's page, a
-- reconciliation's finding), stored before it is acknowledged, applied afterwards in order per
-- resource. A version is stored once; a notification without the resource (an id-only or empty
-- ping) has no version and is read from the EHR when applied.
CREATE TABLE fhir_inbox (
  id              bigserial PRIMARY KEY,
  resource_type   text NOT NULL CHECK (resource_type IN ('Appointment', 'Slot')),
  resource_id     text NOT NULL CHECK (length(resource_id) BETWEEN 1 AND 64),
  version_id      text CHECK (length(version_id) BETWEEN 1 AND 64),
  -- The resource as received, without narrative, comments or reasons: nothing clinical is kept.
  payload         jsonb,
  source          text NOT NULL CHECK (source IN ('subscription', 'poll', 'reconciliation', 'push')),
  received_at     timestamptz NOT NULL,
  next_attempt_at timestamptz NOT NULL,
  attempts        int NOT NULL DEFAULT 0,
  last_error      text,
  applied_at      timestamptz,
  outcome         text
);
CREATE UNIQUE INDEX fhir_inbox_version_once ON fhir_inbox (resource_type, resource_id, version_id)
  WHERE version_id IS NOT NULL;
CREATE UNIQUE INDEX fhir_inbox_ping_once ON fhir_inbox (resource_type, resource_id)
  WHERE version_id IS NULL AND applied_at IS NULL;
CREATE INDEX fhir_inbox_due ON fhir_inbox (next_attempt_at, id) WHERE applied_at IS NULL;
CREATE INDEX fhir_inbox_resource ON fhir_inbox (resource_type, resource_id, id)
  WHERE applied_at IS NULL;

-- How far the poller has read each resource type by _lastUpdated, and which node polls now.
CREATE TABLE fhir_poll_cursor (
  resource_type text PRIMARY KEY,
  last_updated  timestamptz,
  leased_by     text,
  leased_until  timestamptz,
  polled_at     timestamptz
);

-- What the connector could not settle alone, for staff: the EHR booked a time we had booked too,
-- the EHR moved one of ours, an EHR appointment names a practitioner nobody mapped. Nobody is
-- moved or cancelled until a person decides.
CREATE TABLE integration_conflict (
  id             uuid PRIMARY KEY,
  system         text NOT NULL,
  kind           text NOT NULL CHECK (kind IN ('double-booked', 'time-differs', 'unmapped',
                   'not-applied')),
  status         text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
  appointment_id uuid REFERENCES appointment ON DELETE SET NULL,
  provider_id    uuid REFERENCES provider ON DELETE SET NULL,
  remote_type    text NOT NULL,
  remote_id      text NOT NULL,
  remote_version text,
  starts_at      timestamptz,
  ends_at        timestamptz,
  detail         text NOT NULL CHECK (length(detail) <= 1000),
  detected_at    timestamptz NOT NULL,
  -- keep-both: both stay (ours in Accueil, theirs in the EHR); cancel-ours: ours was cancelled
  -- and theirs now blocks the time; cancel-theirs-noted: staff cancel theirs in the EHR;
  -- retried: applied again after a mapping was fixed; dismissed: nothing to do.
  resolution     text CHECK (resolution IN ('keep-both', 'cancel-ours', 'cancel-theirs-noted',
                   'retried', 'dismissed')),
  resolved_at    timestamptz,
  resolved_by    text,
  note           text CHECK (length(note) <= 1000),
  CHECK ((status = 'resolved') = (resolved_at IS NOT NULL AND resolution IS NOT NULL))
);
CREATE UNIQUE INDEX integration_conflict_open_once
  ON integration_conflict (system, kind, remote_type, remote_id) WHERE status = 'open';
CREATE INDEX integration_conflict_status ON integration_conflict (status, detected_at DESC);
CREATE INDEX integration_conflict_appointment ON integration_conflict (appointment_id)
  WHERE appointment_id IS NOT NULL;

-- One comparison of a window of days with the EHR: what differed and what was done about it.
CREATE TABLE fhir_reconciliation (
  id           uuid PRIMARY KEY,
  requested_by text NOT NULL,
  window_from  date NOT NULL,
  window_to    date NOT NULL,
  status       text NOT NULL CHECK (status IN ('running', 'done', 'failed')),
  started_at   timestamptz NOT NULL,
  finished_at  timestamptz,
  counts       jsonb NOT NULL DEFAULT '{}',
  drift        jsonb NOT NULL DEFAULT '[]',
  error        text
);
-- One run at a time across nodes.
CREATE UNIQUE INDEX fhir_reconciliation_one_running ON fhir_reconciliation ((true))
  WHERE status = 'running';
CREATE INDEX fhir_reconciliation_recent ON fhir_reconciliation (started_at DESC);
