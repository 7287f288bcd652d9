-- Channels: what providers deliver is stored before it is acknowledged, and handled from here;
-- what we send waits here until its provider took it. See docs/CHANNELS.md.

-- Everything a provider delivered: messages, delivery reports, call summaries. The webhook
-- answers 2xx only once its row is committed; a redelivery finds its key taken and is dropped.
CREATE TABLE channel_inbound (
  id               uuid PRIMARY KEY,
  channel          text NOT NULL CHECK (channel IN ('whatsapp', 'sms', 'phone', 'email', 'webchat')),
  kind             text NOT NULL CHECK (kind IN ('message', 'delivery', 'call')),
  -- The provider's id of the item (a wamid, a MessageSid, a Message-ID); for a delivery report,
  -- the message's id and the status.
  provider_key     text NOT NULL CHECK (length(provider_key) BETWEEN 1 AND 1000),
  -- The item as the adapter understood it, sealed (FieldCipher, context channel_inbound.payload):
  -- it holds what the patient wrote.
  payload          bytea NOT NULL,
  received_at      timestamptz NOT NULL,
  handled_at       timestamptz,
  attempts         integer NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz NOT NULL,
  last_error       text,
  CONSTRAINT channel_inbound_once UNIQUE (channel, kind, provider_key)
);

-- The dispatcher's work: what is stored and not yet handled, oldest first.
CREATE INDEX channel_inbound_pending_idx ON channel_inbound (next_attempt_at)
  WHERE handled_at IS NULL;
CREATE INDEX channel_inbound_handled_idx ON channel_inbound (handled_at)
  WHERE handled_at IS NOT NULL;

-- What we send, one row per message: a durable queue with retries and backoff, then the
-- provider's id and the delivery status, which only moves forward.
CREATE TABLE channel_outbound (
  id               uuid PRIMARY KEY,
  -- The sender's id for the message (a timeline entry): enqueuing it twice sends it once.
  reference        uuid NOT NULL UNIQUE,
  channel          text NOT NULL CHECK (channel IN ('whatsapp', 'sms', 'phone', 'email', 'webchat')),
  -- The recipient's address and the OutboundMessage, sealed (contexts channel_outbound.recipient,
  -- channel_outbound.message).
  recipient        bytea NOT NULL,
  message          bytea NOT NULL,
  status           text NOT NULL CHECK (status IN ('queued', 'sent', 'delivered', 'read', 'failed')),
  provider_id      text,
  attempts         integer NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz,
  -- A worker that claimed the row holds it until then; past it, another worker may (a crash).
  claimed_until    timestamptz,
  error_code       text,
  error            text,
  created_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL,
  CONSTRAINT channel_outbound_provider_id UNIQUE (channel, provider_id)
);

CREATE INDEX channel_outbound_due_idx ON channel_outbound (next_attempt_at)
  WHERE status = 'queued';

-- Approved WhatsApp templates, the only messages WhatsApp delivers outside the 24-hour window.
CREATE TABLE whatsapp_template (
  name        text NOT NULL CHECK (name ~ '^[a-z0-9_]{1,512}$'),
  language    text NOT NULL CHECK (language IN ('fr', 'en', 'it')),
  purpose     text NOT NULL CHECK (purpose ~ '^[a-z0-9-]{1,60}$'),
  -- The body as approved, with {{1}}, {{2}}…: rendered for the timeline and for other channels.
  body        text NOT NULL CHECK (length(body) BETWEEN 1 AND 1024),
  category    text NOT NULL CHECK (category IN ('utility', 'marketing', 'authentication')),
  created_at  timestamptz NOT NULL,
  PRIMARY KEY (name, language),
  CONSTRAINT whatsapp_template_one_per_purpose UNIQUE (purpose, language)
);
