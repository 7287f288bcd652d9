-- The web chat's visitors. The widget keeps a random visitor token in the browser; only its
-- SHA-256 is stored here, so a copy of the database lets no one write as a visitor.
-- See docs/channels/webchat.md.
CREATE TABLE webchat_session (
  token_hash           bytea PRIMARY KEY CHECK (length(token_hash) = 32),
  -- The practice site's identifier of the signed-in patient whose identity hash was checked,
  -- sealed (FieldCipher, context webchat_session.verified_identifier); null for an anonymous
  -- visitor.
  verified_identifier  bytea,
  created_at           timestamptz NOT NULL,
  last_seen_at         timestamptz NOT NULL
);

CREATE INDEX webchat_session_last_seen_idx ON webchat_session (last_seen_at);
