-- HL7 v2 SIU over MLLP (integration.hl7v2). See docs/INTEGRATION.md, "HL7 v2 SIU over MLLP".

-- Every message received, stored and committed before its ACK is sent: the ACK promises this row.
-- A sender's retry of the same message (same MSH-3, MSH-4 and MSH-10) finds it and is answered
-- with the same acknowledgement, without being applied again. Unreadable and unsupported messages
-- are stored too (state 'rejected'): nothing received is lost.
CREATE TABLE hl7v2_inbox (
  id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- MSH-3 and MSH-4 as sent ('' when absent), MSH-10; null when the header could not be read.
  sending_application text        NOT NULL,
  sending_facility    text        NOT NULL,
  control_id          text,
  -- MSH-9 as sent (SIU^S12^SIU_S12) and the trigger event (S12).
  message_type        text,
  event               text,
  -- The peer's appointment or block id (SCH-2) and ours when it names one (SCH-1).
  filler_id           text,
  placer_id           text,
  -- Messages of one key are applied one at a time, in ordered_at then id order: MSH-7 when sent,
  -- else the time of receipt.
  order_key           text,
  ordered_at          timestamptz NOT NULL,
  received_at         timestamptz NOT NULL,
  -- The message as received, sealed (it names the patient): FieldCipher, context
  -- 'hl7v2_inbox.message'.
  message             bytea       NOT NULL,
  ack_code            text        NOT NULL CHECK (ack_code IN ('AA', 'AE', 'AR')),
  state               text        NOT NULL
    CHECK (state IN ('pending', 'applied', 'failed', 'rejected', 'superseded', 'ignored')),
  attempts            integer     NOT NULL DEFAULT 0,
  -- A pending message waiting for an earlier one (a cancellation before its booking) is tried
  -- again from this time on (database time).
  not_before          timestamptz,
  -- Why it failed, was rejected or ignored; never names or identifiers of the patient.
  outcome             text,
  appointment_id      uuid,
  applied_at          timestamptz,
  CONSTRAINT hl7v2_inbox_once UNIQUE (sending_application, sending_facility, control_id)
);

-- The worker's claim: the oldest pending message of each key.
CREATE INDEX hl7v2_inbox_pending ON hl7v2_inbox (order_key, ordered_at, id) WHERE state = 'pending';
-- What staff must look at.
CREATE INDEX hl7v2_inbox_failed ON hl7v2_inbox (received_at) WHERE state = 'failed';

-- The peer's ids of what its messages created here: an appointment (SCH-2 -> appointment) or a
-- block of a provider's time (S23 -> the provider's time off). last_message_at is the MSH-7 of
-- the last message applied to it: an older message arriving late is superseded, not applied.
CREATE TABLE hl7v2_link (
  sending_application text        NOT NULL,
  filler_id           text        NOT NULL,
  kind                text        NOT NULL CHECK (kind IN ('appointment', 'block')),
  local_id            uuid        NOT NULL,
  provider_id         uuid,
  last_message_at     timestamptz NOT NULL,
  created_at          timestamptz NOT NULL,
  PRIMARY KEY (sending_application, filler_id)
);

CREATE INDEX hl7v2_link_local ON hl7v2_link (local_id);
