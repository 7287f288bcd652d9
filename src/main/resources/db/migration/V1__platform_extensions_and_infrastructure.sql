-- btree_gist lets one exclusion constraint mix equality on ids with overlap on time ranges: the
-- database-level guarantee that no provider, room or patient is ever double booked. On a managed
-- server the migration user needs the right to create it (or an admin creates it beforehand).
CREATE EXTENSION IF NOT EXISTS btree_gist;

-- Spring Modulith's event publication registry (schema v2 of spring-modulith-events-jdbc 2.1):
-- events are recorded in the writer's transaction and marked complete when a listener succeeds.
CREATE TABLE event_publication (
  id                     uuid NOT NULL PRIMARY KEY,
  listener_id            text NOT NULL,
  event_type             text NOT NULL,
  serialized_event       text NOT NULL,
  publication_date       timestamptz NOT NULL,
  completion_date        timestamptz,
  status                 text,
  completion_attempts    int,
  last_resubmission_date timestamptz
);
CREATE INDEX event_publication_serialized_event_hash_idx ON event_publication USING hash (serialized_event);
CREATE INDEX event_publication_by_completion_date_idx ON event_publication (completion_date);

-- db-scheduler's table (16.x layout): durable, cluster-safe recurring and one-off jobs.
CREATE TABLE scheduled_tasks (
  task_name            text NOT NULL,
  task_instance        text NOT NULL,
  task_data            bytea,
  execution_time       timestamptz NOT NULL,
  picked               boolean NOT NULL,
  picked_by            text,
  last_success         timestamptz,
  last_failure         timestamptz,
  consecutive_failures int,
  last_heartbeat       timestamptz,
  version              bigint NOT NULL,
  priority             smallint,
  PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time);
CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
CREATE INDEX priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time ASC);

-- Idempotency-Key of creating calls: the key row is inserted first, in the same transaction as
-- what the call creates, and the response is stored before commit. A concurrent retry with the
-- same key waits on that row, then replays the stored response; a failed call leaves no row.
CREATE TABLE idempotent_request (
  principal           text NOT NULL,
  idempotency_key     text NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 255),
  request_fingerprint bytea NOT NULL,
  response_status     smallint,
  response_location   text,
  response_body       text,
  created_at          timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (principal, idempotency_key)
);
CREATE INDEX idempotent_request_created_at_idx ON idempotent_request (created_at);
