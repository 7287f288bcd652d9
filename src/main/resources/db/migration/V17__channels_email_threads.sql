-- The e-mail channel's threads: what a reply needs to land in the patient's mail client as part of
-- the conversation (RFC 5322 §3.6.4), and how a reply without our reply+<token>@ address (a client
-- that answered From rather than Reply-To) is still matched to its conversation.
-- See docs/channels/email.md.

-- One row per conversation that went through e-mail, keyed by the conversation's opaque reply
-- token (never an id).
CREATE TABLE email_thread (
  token            text PRIMARY KEY CHECK (length(token) BETWEEN 1 AND 200),
  -- The Message-ID of the last message of the thread, ours or the patient's: the In-Reply-To of
  -- our next one.
  last_message_id  text NOT NULL CHECK (length(last_message_id) BETWEEN 3 AND 1000),
  -- The References of that message followed by its Message-ID, space-separated, capped to the
  -- first and the latest ones.
  message_ids      text NOT NULL,
  updated_at       timestamptz NOT NULL
);

-- Every Message-ID seen in a thread, ours and the patient's: a reply's In-Reply-To or References
-- names one of them.
CREATE TABLE email_thread_message (
  message_id  text PRIMARY KEY CHECK (length(message_id) BETWEEN 3 AND 1000),
  token       text NOT NULL REFERENCES email_thread ON DELETE CASCADE,
  at          timestamptz NOT NULL
);

CREATE INDEX email_thread_message_token_idx ON email_thread_message (token);
CREATE INDEX email_thread_message_at_idx ON email_thread_message (at);
