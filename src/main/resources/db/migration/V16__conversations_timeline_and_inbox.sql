-- Conversations: one timeline per patient across every channel, and the staff's inbox.
-- See docs/CONVERSATIONS.md.

CREATE TABLE conversation (
  id                   uuid PRIMARY KEY,
  -- One conversation per person. Null only while a sender on a shared address has not said who
  -- they are; then channel and address_index say where they write from.
  patient_id           uuid UNIQUE REFERENCES patient,
  pending_channel      text CHECK (pending_channel IN ('whatsapp', 'sms', 'phone', 'email', 'webchat')),
  pending_address      bytea,
  pending_index        bytea,
  state                text NOT NULL CHECK (state IN ('with_assistant', 'waiting_for_staff',
                                                      'with_staff', 'resolved', 'snoozed')),
  priority             text NOT NULL DEFAULT 'normal' CHECK (priority IN ('urgent', 'normal')),
  assignee             text,
  snoozed_until        timestamptz,
  -- The channel the patient last wrote on, and when: the default for a reply. WhatsApp's
  -- customer-service window is 24 hours from the patient's last WhatsApp message.
  last_channel         text,
  last_inbound_at      timestamptz,
  whatsapp_inbound_at  timestamptz,
  last_entry_at        timestamptz,
  last_entry_seq       bigint NOT NULL DEFAULT 0,
  -- The opaque token in reply addresses (reply+<token>@...) and web chat sessions: never an id.
  reply_token          text NOT NULL UNIQUE,
  created_at           timestamptz NOT NULL,
  updated_at           timestamptz NOT NULL,
  CONSTRAINT conversation_has_someone
    CHECK (patient_id IS NOT NULL OR (pending_channel IS NOT NULL AND pending_index IS NOT NULL))
);

CREATE UNIQUE INDEX conversation_pending_address_idx ON conversation (pending_channel, pending_index)
  WHERE patient_id IS NULL;
-- The inbox: open conversations, urgent first, oldest waiting first.
CREATE INDEX conversation_inbox_idx ON conversation (state, priority, last_entry_at);
CREATE INDEX conversation_assignee_idx ON conversation (assignee) WHERE assignee IS NOT NULL;

CREATE SEQUENCE conversation_entry_seq;

-- The timeline: messages on every channel, system events, internal notes.
CREATE TABLE conversation_entry (
  id               uuid PRIMARY KEY,
  conversation_id  uuid NOT NULL REFERENCES conversation ON DELETE CASCADE,
  seq              bigint NOT NULL DEFAULT nextval('conversation_entry_seq'),
  at               timestamptz NOT NULL,
  kind             text NOT NULL CHECK (kind IN ('message', 'event', 'note')),
  channel          text CHECK (channel IN ('whatsapp', 'sms', 'phone', 'email', 'webchat')),
  direction        text CHECK (direction IN ('inbound', 'outbound')),
  author           text NOT NULL CHECK (author IN ('patient', 'assistant', 'staff', 'system')),
  -- The staff member's reference (user:<id>), for staff messages and notes.
  author_ref       text,
  -- What was written, sealed (FieldCipher, context conversation_entry.text).
  text             bytea,
  -- Events: what happened (appointment.booked, reminder.sent, handed-over) and its ids.
  event            text,
  data             jsonb,
  attachments      jsonb,
  delivery         text CHECK (delivery IN ('queued', 'sent', 'delivered', 'read', 'failed')),
  delivery_error   text,
  -- The provider's id of an inbound message: one entry per message, however often delivered.
  provider_key     text,
  CONSTRAINT conversation_entry_message_has_channel
    CHECK (kind <> 'message' OR (channel IS NOT NULL AND direction IS NOT NULL)),
  CONSTRAINT conversation_entry_once UNIQUE (channel, provider_key)
);

CREATE INDEX conversation_entry_timeline_idx ON conversation_entry (conversation_id, at, seq);
CREATE INDEX conversation_entry_at_idx ON conversation_entry (at);

-- Where each staff member stopped reading each conversation.
CREATE TABLE conversation_read_marker (
  conversation_id  uuid NOT NULL REFERENCES conversation ON DELETE CASCADE,
  reader           text NOT NULL,
  seq              bigint NOT NULL,
  at               timestamptz NOT NULL,
  PRIMARY KEY (conversation_id, reader)
);
CREATE UNIQUE INDEX conversation_entry_seq_idx ON conversation_entry (seq);

-- Which timeline entry each message handed to the channels carries: an entry sent again (after
-- WhatsApp's window opened, or on another channel after a failure) goes out under a new reference.
CREATE TABLE conversation_delivery (
  reference  uuid PRIMARY KEY,
  entry_id   uuid NOT NULL REFERENCES conversation_entry ON DELETE CASCADE
);
CREATE INDEX conversation_delivery_entry_idx ON conversation_delivery (entry_id);
