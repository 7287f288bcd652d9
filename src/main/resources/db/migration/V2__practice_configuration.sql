-- The practice's configuration: who works where and when, what can be booked, and the rules.
-- Times of day are wall-clock times in the location's IANA zone; days of week are ISO (1 = Monday).

-- One deployment serves one organisation: a single row.
CREATE TABLE practice (
  singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  name       text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
  languages  text[] NOT NULL DEFAULT '{fr,en,it}' CHECK (languages <@ '{fr,en,it}' AND cardinality(languages) > 0),
  updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO practice (name) VALUES ('My practice');

CREATE TABLE location (
  id           uuid PRIMARY KEY,
  name         text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
  time_zone    text NOT NULL,
  address_line text NOT NULL DEFAULT '',
  postal_code  text NOT NULL DEFAULT '',
  city         text NOT NULL DEFAULT '',
  country      text NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
  phone        text,
  active       boolean NOT NULL DEFAULT true,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);

-- When the doors are open. A location with no rows here has no opening-hours limit.
CREATE TABLE location_opening_hours (
  location_id uuid NOT NULL REFERENCES location ON DELETE CASCADE,
  day_of_week smallint NOT NULL CHECK (day_of_week BETWEEN 1 AND 7),
  opens       time NOT NULL,
  closes      time NOT NULL CHECK (closes > opens),
  PRIMARY KEY (location_id, day_of_week, opens)
);

-- Whole days when a location (or, with no location, every location) is closed: public holidays,
-- the August closure.
CREATE TABLE closure (
  id          uuid PRIMARY KEY,
  location_id uuid REFERENCES location ON DELETE CASCADE,
  first_day   date NOT NULL,
  last_day    date NOT NULL CHECK (last_day >= first_day),
  name        text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX closure_days_idx ON closure (last_day, first_day);

CREATE TABLE room (
  id          uuid PRIMARY KEY,
  location_id uuid NOT NULL REFERENCES location,
  name        text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 100),
  kind        text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9_-]{0,39}$'),
  active      boolean NOT NULL DEFAULT true,
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (location_id, name)
);

CREATE TABLE provider (
  id           uuid PRIMARY KEY,
  title        text NOT NULL DEFAULT '',
  given_name   text NOT NULL CHECK (length(btrim(given_name)) BETWEEN 1 AND 100),
  family_name  text NOT NULL CHECK (length(btrim(family_name)) BETWEEN 1 AND 100),
  specialties  text[] NOT NULL DEFAULT '{}',
  languages    text[] NOT NULL DEFAULT '{}',
  active       boolean NOT NULL DEFAULT true,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE provider_location (
  provider_id uuid NOT NULL REFERENCES provider ON DELETE CASCADE,
  location_id uuid NOT NULL REFERENCES location,
  PRIMARY KEY (provider_id, location_id)
);

CREATE TABLE appointment_type (
  id                     uuid PRIMARY KEY,
  code                   text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9][a-z0-9_.-]{0,63}$'),
  name_en                text NOT NULL CHECK (length(btrim(name_en)) BETWEEN 1 AND 120),
  name_fr                text NOT NULL CHECK (length(btrim(name_fr)) BETWEEN 1 AND 120),
  name_it                text NOT NULL CHECK (length(btrim(name_it)) BETWEEN 1 AND 120),
  duration_minutes       int NOT NULL CHECK (duration_minutes BETWEEN 5 AND 480),
  buffer_before_minutes  int NOT NULL DEFAULT 0 CHECK (buffer_before_minutes BETWEEN 0 AND 240),
  buffer_after_minutes   int NOT NULL DEFAULT 0 CHECK (buffer_after_minutes BETWEEN 0 AND 240),
  slot_step_minutes      int NOT NULL CHECK (slot_step_minutes BETWEEN 5 AND 480),
  min_notice_minutes     int NOT NULL DEFAULT 0 CHECK (min_notice_minutes BETWEEN 0 AND 525600),
  max_days_ahead         int NOT NULL DEFAULT 90 CHECK (max_days_ahead BETWEEN 0 AND 730),
  mode                   text NOT NULL CHECK (mode IN ('in_person', 'video')),
  new_patients_only      boolean NOT NULL DEFAULT false,
  required_room_kind     text CHECK (required_room_kind ~ '^[a-z][a-z0-9_-]{0,39}$'),
  daily_cap_per_provider int CHECK (daily_cap_per_provider > 0),
  billing_code           text,
  preparation_en         text NOT NULL DEFAULT '',
  preparation_fr         text NOT NULL DEFAULT '',
  preparation_it         text NOT NULL DEFAULT '',
  active                 boolean NOT NULL DEFAULT true,
  created_at             timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now(),
  CHECK (mode = 'in_person' OR required_room_kind IS NULL)
);

-- Which providers offer which appointment type.
CREATE TABLE appointment_type_provider (
  appointment_type_id uuid NOT NULL REFERENCES appointment_type ON DELETE CASCADE,
  provider_id         uuid NOT NULL REFERENCES provider ON DELETE CASCADE,
  PRIMARY KEY (appointment_type_id, provider_id)
);

CREATE TYPE timerange AS RANGE (subtype = time);

-- A provider's usual week, per location, valid over an optional date range (both ends included).
-- The exclusion constraint refuses a provider being in two places (or twice in one) at once.
CREATE TABLE provider_weekly_hours (
  id           uuid PRIMARY KEY,
  provider_id  uuid NOT NULL REFERENCES provider ON DELETE CASCADE,
  location_id  uuid NOT NULL REFERENCES location,
  day_of_week  smallint NOT NULL CHECK (day_of_week BETWEEN 1 AND 7),
  starts       time NOT NULL,
  ends         time NOT NULL CHECK (ends > starts),
  valid_from   date,
  valid_until  date CHECK (valid_until >= valid_from),
  CONSTRAINT provider_weekly_hours_no_overlap EXCLUDE USING gist (
    provider_id WITH =,
    day_of_week WITH =,
    timerange(starts, ends) WITH &&,
    daterange(valid_from, valid_until, '[]') WITH &&)
);

-- Hours for one date that replace the usual week on that date. A row without location and
-- times means "not working that day".
CREATE TABLE provider_date_override (
  id          uuid PRIMARY KEY,
  provider_id uuid NOT NULL REFERENCES provider ON DELETE CASCADE,
  on_date     date NOT NULL,
  location_id uuid REFERENCES location,
  starts      time,
  ends        time,
  CHECK ((location_id IS NULL) = (starts IS NULL) AND (starts IS NULL) = (ends IS NULL)),
  CHECK (ends > starts),
  CONSTRAINT provider_date_override_no_overlap EXCLUDE USING gist (
    provider_id WITH =,
    on_date WITH =,
    timerange(coalesce(starts, '00:00'), coalesce(ends, '24:00')) WITH &&)
);
CREATE INDEX provider_date_override_date_idx ON provider_date_override (on_date);

-- Absences as instants (holidays, sick leave, a conference). Read with the busy time, not cached.
CREATE TABLE provider_time_off (
  id          uuid PRIMARY KEY,
  provider_id uuid NOT NULL REFERENCES provider ON DELETE CASCADE,
  starts_at   timestamptz NOT NULL,
  ends_at     timestamptz NOT NULL CHECK (ends_at > starts_at),
  reason      text NOT NULL DEFAULT '',
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX provider_time_off_range_idx ON provider_time_off USING gist (provider_id, tstzrange(starts_at, ends_at));

-- "Dr Johnson sees new patients only on Tuesday 13:00-18:00": bookings that match the rule's
-- scope (a provider or all, an appointment type or all, a patient category or all) must fall
-- within one of its windows.
CREATE TABLE booking_rule (
  id                  uuid PRIMARY KEY,
  description         text NOT NULL CHECK (length(btrim(description)) BETWEEN 1 AND 300),
  provider_id         uuid REFERENCES provider ON DELETE CASCADE,
  appointment_type_id uuid REFERENCES appointment_type ON DELETE CASCADE,
  patient_category    text CHECK (patient_category IN ('new', 'returning')),
  created_at          timestamptz NOT NULL DEFAULT now(),
  CHECK (appointment_type_id IS NOT NULL OR patient_category IS NOT NULL)
);

CREATE TABLE booking_rule_window (
  rule_id     uuid NOT NULL REFERENCES booking_rule ON DELETE CASCADE,
  day_of_week smallint NOT NULL CHECK (day_of_week BETWEEN 1 AND 7),
  starts      time NOT NULL,
  ends        time NOT NULL CHECK (ends > starts),
  PRIMARY KEY (rule_id, day_of_week, starts)
);

-- Each node caches the configuration above and reloads it when this revision moves. The
-- statement-level triggers bump it in the writer's transaction, so a node that reads the
-- revision and the configuration in one snapshot never mixes old and new.
CREATE TABLE practice_revision (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  revision  bigint NOT NULL
);
INSERT INTO practice_revision VALUES (true, 1);

CREATE FUNCTION practice_bump_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE practice_revision SET revision = revision + 1;
  RETURN NULL;
END
$$;

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['practice', 'location', 'location_opening_hours', 'closure', 'room',
      'provider', 'provider_location', 'appointment_type', 'appointment_type_provider',
      'provider_weekly_hours', 'provider_date_override', 'booking_rule', 'booking_rule_window']
  LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I '
        'FOR EACH STATEMENT EXECUTE FUNCTION practice_bump_revision()', t || '_revision', t);
  END LOOP;
END
$$;
