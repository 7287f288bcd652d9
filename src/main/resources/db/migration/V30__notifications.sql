-- Notifications (issue 8): what Accueil tells patients without being asked. See docs/NOTIFICATIONS.md.

-- The patient said they will come (a reply YES, a button, the front desk on the phone). Scheduling's
-- own column: the system of record for the appointment says whether it is confirmed.
ALTER TABLE appointment
  ADD COLUMN confirmed_at timestamptz,
  ADD COLUMN confirmed_by text;

-- One row per message to send: written in the transaction of the change that calls for it (the
-- booking, the move, the cancellation), sent when due by whichever node claims it first. Sending
-- writes the timeline entry and the channel's outbound row in the transaction that marks the row
-- sent, so it is sent once whatever the number of nodes.
CREATE TABLE notification (
  id             uuid PRIMARY KEY,
  kind           text NOT NULL CHECK (kind IN ('booked', 'moved', 'cancelled', 'reminder',
                   'after-visit', 'no-show', 'results-ready', 'waitlist-offer')),
  patient_id     uuid NOT NULL,
  appointment_id uuid,
  -- The same reason to write never makes two rows (an event handled twice, a reminder planned again).
  dedupe_key     text NOT NULL UNIQUE,
  due_at         timestamptz NOT NULL,
  -- Past this, the message is of no use any more: it is skipped, and the skip logged.
  useful_until   timestamptz,
  status         text NOT NULL CHECK (status IN ('scheduled', 'sent', 'skipped', 'cancelled')),
  reason         text,
  data           jsonb NOT NULL DEFAULT '{}',
  channel        text,
  sent_at        timestamptz,
  -- Unexpected errors while sending (not a provider's refusal, which the channel retries).
  tries          int NOT NULL DEFAULT 0,
  created_at     timestamptz NOT NULL,
  updated_at     timestamptz NOT NULL
);
CREATE INDEX notification_due ON notification (due_at) WHERE status = 'scheduled';
CREATE INDEX notification_appointment ON notification (appointment_id) WHERE appointment_id IS NOT NULL;
CREATE INDEX notification_patient ON notification (patient_id, created_at);
CREATE INDEX notification_sent ON notification (sent_at) WHERE sent_at IS NOT NULL;

-- Each channel a notification was tried on, and what became of it there (a WhatsApp number that
-- is not on WhatsApp, then the SMS that reached the patient): the delivery and failure rates per
-- channel are counted here.
CREATE TABLE notification_attempt (
  entry_id        uuid PRIMARY KEY,
  notification_id uuid NOT NULL REFERENCES notification ON DELETE CASCADE,
  channel         text NOT NULL,
  status          text NOT NULL,
  error           text,
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL
);
CREATE INDEX notification_attempt_notification ON notification_attempt (notification_id);
CREATE INDEX notification_attempt_created ON notification_attempt (created_at);

-- The practice's policy (scope 'practice') and each appointment type's own (scope 'type:<code>'),
-- as the administrator saved them; what is not saved comes from the accueil.notifications.*
-- properties.
CREATE TABLE notification_policy (
  scope      text PRIMARY KEY,
  policy     jsonb NOT NULL,
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL
);

-- The practice's own wording of a message, replacing Accueil's in one language.
CREATE TABLE notification_template (
  kind       text NOT NULL,
  language   text NOT NULL CHECK (language IN ('fr', 'en', 'it')),
  subject    text,
  body       text NOT NULL,
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL,
  PRIMARY KEY (kind, language)
);
