-- Voice: where each phone call stands, between the webhooks of its turns. See
-- docs/channels/voice.md. Rows go a day after the call started; the call's summary is on the
-- caller's timeline by then.
CREATE TABLE voice_call (
  call_sid       text PRIMARY KEY CHECK (length(call_sid) BETWEEN 1 AND 64),
  -- The caller's number, sealed (FieldCipher, context voice_call.caller).
  caller         bytea NOT NULL,
  language       text NOT NULL CHECK (language IN ('fr', 'en', 'it')),
  -- The last turn answered, and the TwiML answered to it: Twilio asking again for that turn gets
  -- the same answer, and nothing is counted twice.
  last_turn      integer NOT NULL DEFAULT 0 CHECK (last_turn >= 0),
  last_reply     text,
  -- Turns the caller spoke in, and turns nothing was heard in.
  spoken_turns   integer NOT NULL DEFAULT 0 CHECK (spoken_turns >= 0),
  misunderstood  integer NOT NULL DEFAULT 0 CHECK (misunderstood >= 0),
  outcome        text NOT NULL DEFAULT 'hung-up'
                   CHECK (outcome IN ('hung-up', 'transferred', 'transfer-unanswered')),
  started_at     timestamptz NOT NULL,
  ended_at       timestamptz
);

CREATE INDEX voice_call_started_idx ON voice_call (started_at);
