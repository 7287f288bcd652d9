-- Outgoing webhooks (docs/INTEGRATION.md, "Outgoing webhooks"): the endpoints the practice
-- registered, and what each delivery attempt to them gave. The messages themselves are outbox rows
-- (destination 'webhook:<endpoint id>').
CREATE TABLE webhook_endpoint (
  id                    uuid PRIMARY KEY,
  url                   text NOT NULL CHECK (length(url) <= 2000),
  description           text NOT NULL DEFAULT '' CHECK (length(description) <= 500),
  -- The event types sent to it; empty: every type.
  event_types           text[] NOT NULL DEFAULT '{}',
  -- The signing secret (whsec_...), sealed (FieldCipher, context webhook_endpoint.secret).
  secret                bytea NOT NULL,
  -- After a rotation, the secret it replaced (context webhook_endpoint.previous_secret): messages
  -- are signed with both until previous_secret_until, so receivers switch without a gap.
  previous_secret       bytea,
  previous_secret_until timestamptz,
  enabled               boolean NOT NULL DEFAULT true,
  disabled_reason       text CHECK (length(disabled_reason) <= 1000),
  disabled_at           timestamptz,
  created_at            timestamptz NOT NULL,
  updated_at            timestamptz NOT NULL,
  CHECK (enabled = (disabled_at IS NULL)),
  CHECK ((previous_secret IS NULL) = (previous_secret_until IS NULL))
);

-- One row per delivery attempt: what the endpoint answered, never what was sent nor how it was
-- signed. Kept accueil.webhooks.log-retention (30 days by default).
CREATE TABLE webhook_delivery (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  endpoint_id   uuid NOT NULL REFERENCES webhook_endpoint ON DELETE CASCADE,
  message_id    bigint NOT NULL,
  webhook_id    text NOT NULL,
  event_type    text NOT NULL,
  attempt       int NOT NULL CHECK (attempt >= 1),
  attempted_at  timestamptz NOT NULL,
  duration_ms   int NOT NULL CHECK (duration_ms >= 0),
  -- Null when no HTTP answer came (timeout, connection refused, address refused).
  status_code   int,
  outcome       text NOT NULL CHECK (outcome IN ('delivered', 'retry', 'failed')),
  error         text,
  -- The first kilobyte of what the endpoint answered.
  response_body text
);

CREATE INDEX webhook_delivery_by_endpoint ON webhook_delivery (endpoint_id, id DESC);
CREATE INDEX webhook_delivery_by_time ON webhook_delivery (attempted_at);
