-- Integration: the outbox every outbound effect goes through (EHR writes, HL7 v2 messages,
-- webhooks), its delivery log, and the links between our ids and other systems' ids.
-- See docs/INTEGRATION.md.

-- One row per change and destination, written in the transaction of the change. Workers on any
-- node claim due rows (FOR UPDATE SKIP LOCKED), deliver them outside any transaction, and record
-- the outcome here; rows of one destination and key go one at a time, oldest first.
CREATE TABLE integration_outbox (
  id               bigserial PRIMARY KEY,
  -- "fhir", "hl7v2", "webhook:<endpoint id>": which OutboxDestination delivers it.
  destination      text NOT NULL CHECK (destination ~ '^[a-z0-9][a-z0-9_.:-]{0,199}$'),
  -- The ordering key: "appointment:<id>", "patient:<id>".
  key              text NOT NULL CHECK (key ~ '^[A-Za-z0-9][A-Za-z0-9_.:/@-]{0,199}$'),
  -- What happened: "appointment.booked", "patient.merged".
  kind             text NOT NULL CHECK (kind ~ '^[a-z0-9][a-z0-9_.-]{0,99}$'),
  -- Ids and scheduling facts, never clinical content.
  payload          jsonb NOT NULL,
  -- Stable across attempts: receivers that deduplicate see the same key after a retry or a crash.
  idempotency_key  uuid NOT NULL UNIQUE,
  state            text NOT NULL CHECK (state IN ('pending', 'delivering', 'delivered', 'dead')),
  -- Attempts started; a claim counts one.
  attempts         integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at  timestamptz NOT NULL,
  -- The node and thread delivering it, until lease_until: it extends the lease while the delivery
  -- runs (heartbeat); once the lease ran out (the node died), another node takes the row over.
  lease_owner      text,
  lease_until      timestamptz,
  -- The last attempt's error: a status and a short reason, never the payload.
  last_error       text CHECK (length(last_error) <= 1000),
  -- What the other side calls it (an EHR's id for the resource written).
  remote_reference text CHECK (length(remote_reference) <= 500),
  created_at       timestamptz NOT NULL,
  delivered_at     timestamptz,
  dead_at          timestamptz,
  CHECK ((state = 'delivered') = (delivered_at IS NOT NULL)),
  CHECK ((state = 'dead') = (dead_at IS NOT NULL))
);

-- The claim: rows still to deliver, oldest first. The set is small (delivered and dead rows are
-- left out), so the claim scans it in id order and checks due time and lease on each row.
CREATE INDEX integration_outbox_active_idx ON integration_outbox (id)
  WHERE state IN ('pending', 'delivering');
-- The order per key: is an older row of the same destination and key still to deliver?
CREATE INDEX integration_outbox_key_order_idx ON integration_outbox (destination, key, id)
  WHERE state IN ('pending', 'delivering');
-- Dead letters per destination: the delivery log's filter, the replay of a destination's dead
-- rows, the dead-letter gauge.
CREATE INDEX integration_outbox_dead_idx ON integration_outbox (destination, id)
  WHERE state = 'dead';
-- "What happened to appointment X?" and the retention sweep of delivered rows.
CREATE INDEX integration_outbox_key_idx ON integration_outbox (key, id);
CREATE INDEX integration_outbox_delivered_idx ON integration_outbox (delivered_at)
  WHERE state = 'delivered';

-- The delivery log: one row per attempt, what the API shows next to its outbox row. Outcomes and
-- short errors only, never the payload.
CREATE TABLE integration_delivery_attempt (
  id           bigserial PRIMARY KEY,
  outbox_id    bigint NOT NULL REFERENCES integration_outbox (id) ON DELETE CASCADE,
  -- The row's attempt number; a replay resets the row's attempts, so numbers may start again at 1.
  attempt      integer NOT NULL CHECK (attempt >= 1),
  started_at   timestamptz NOT NULL,
  duration_ms  bigint NOT NULL CHECK (duration_ms >= 0),
  outcome      text NOT NULL CHECK (outcome IN ('delivered', 'retry', 'failed', 'timeout')),
  error        text CHECK (length(error) <= 1000),
  -- The node that made the attempt.
  node         text NOT NULL
);

CREATE INDEX integration_delivery_attempt_outbox_idx
  ON integration_delivery_attempt (outbox_id, id);

-- Our id and another system's id for the same thing: a patient, an appointment, a provider, a
-- location, an appointment type. The connectors write links for patients and appointments as
-- they push and pull; administrators set those of the practice's configuration.
CREATE TABLE integration_link (
  system        text NOT NULL CHECK (system ~ '^[a-z0-9][a-z0-9_-]{0,39}$'),
  resource_type text NOT NULL
    CHECK (resource_type IN ('patient', 'appointment', 'provider', 'location', 'appointment_type')),
  local_id      uuid NOT NULL,
  remote_id     text NOT NULL CHECK (remote_id ~ '^[A-Za-z0-9._:/|^~&+=@#$%*!(),?-]{1,200}$'),
  -- The other side's version of the resource (FHIR meta.versionId, an ETag's value), if known.
  version       text CHECK (version ~ '^[A-Za-z0-9._-]{1,64}$'),
  last_synced   timestamptz NOT NULL,
  PRIMARY KEY (system, resource_type, local_id),
  CONSTRAINT integration_link_remote UNIQUE (system, resource_type, remote_id)
);
