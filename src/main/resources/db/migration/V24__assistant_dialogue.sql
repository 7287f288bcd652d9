-- Where the assistant is in its dialogue with a patient: one row per conversation, so that a call
-- continues what the web chat started. Ids, times and the step only: what the patient said stays on
-- the timeline, their details on their record.
CREATE TABLE assistant_dialogue (
  conversation_id uuid PRIMARY KEY REFERENCES conversation (id) ON DELETE CASCADE,
  state           jsonb       NOT NULL,
  updated_at      timestamptz NOT NULL
);
