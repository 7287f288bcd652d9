-- The practice's channel settings as its administrator saved them (docs/CHANNELS.md): they win
-- over the accueil.channels.* properties. Values are sealed (FieldCipher, context
-- channel_setting.value): most are credentials.
CREATE TABLE channel_setting (
  id          uuid PRIMARY KEY,
  channel     text NOT NULL CHECK (channel IN ('whatsapp', 'sms', 'phone', 'email', 'webchat')),
  name        text NOT NULL CHECK (name ~ '^[a-z][a-z0-9.-]*$' AND length(name) <= 80),
  value       bytea NOT NULL,
  updated_at  timestamptz NOT NULL,
  updated_by  text NOT NULL,
  CONSTRAINT channel_setting_once UNIQUE (channel, name)
);
