-- Patient satisfaction (issue 10, part 4): one question after a visit or a resolved conversation,
-- a rating from 1 to 5 and an optional comment. See docs/SATISFACTION.md.

-- One row per question put to a patient: written when the visit is marked fulfilled or the
-- conversation resolved (in that transaction), asked by the notifications module, answered on a
-- channel or on the page of the e-mail's link.
CREATE TABLE satisfaction_request (
  id               uuid PRIMARY KEY,
  patient_id       uuid NOT NULL,
  occasion         text NOT NULL CHECK (occasion IN ('visit', 'conversation')),
  -- A fulfilled appointment is asked about once, whatever replays the event.
  appointment_id   uuid UNIQUE,
  conversation_id  uuid,
  provider_id      uuid,
  -- The practice-local day of the visit or of the resolution: a patient whose visit that day is
  -- asked about is not asked about the conversation too.
  day              date NOT NULL,
  status           text NOT NULL CHECK (status IN ('planned', 'asked', 'answered', 'withdrawn')),
  reason           text,
  created_at       timestamptz NOT NULL,
  asked_at         timestamptz,
  asked_channel    text,
  -- The e-mail's link to the rating page: the SHA-256 of its token (the token itself is only in
  -- the message), valid until link_expires_at.
  link_hash        bytea UNIQUE,
  link_expires_at  timestamptz,
  score            smallint CHECK (score BETWEEN 1 AND 5),
  answered_at      timestamptz,
  -- A messaging channel's code, or 'web' for the page of the e-mail's link.
  answered_channel text CHECK (answered_channel IN ('whatsapp', 'sms', 'email', 'webchat', 'phone', 'web')),
  -- The patient's own words: sealed like the messages of the timeline (FieldCipher, context
  -- satisfaction_request.comment).
  comment          bytea,
  commented_at     timestamptz,
  CHECK ((occasion = 'visit') = (appointment_id IS NOT NULL)),
  CHECK ((score IS NULL) = (answered_at IS NULL)),
  CHECK ((status = 'answered') = (score IS NOT NULL))
);
CREATE INDEX satisfaction_request_patient ON satisfaction_request (patient_id, day);
CREATE INDEX satisfaction_request_answered ON satisfaction_request (day) WHERE status IN ('asked', 'answered');

-- The question goes as a notification of its own kind.
ALTER TABLE notification DROP CONSTRAINT notification_kind_check;
ALTER TABLE notification ADD CONSTRAINT notification_kind_check
  CHECK (kind IN ('booked', 'moved', 'cancelled', 'reminder', 'after-visit', 'no-show',
                  'results-ready', 'waitlist-offer', 'questionnaire', 'questionnaire-reminder',
                  'satisfaction'));
