-- The audit trail: one row per recorded action, each carrying the SHA-256 of the row before it,
-- so a changed, removed or reordered row breaks the chain at that point (docs/security/audit.md
-- gives the exact hash input). Rows hold ids only, never health details.
--
-- seq is gapless: it is assigned from audit_head under that row's lock in the writing transaction,
-- not from a sequence, whose values are lost when a transaction rolls back. A gap therefore
-- always means a deleted row.
CREATE TABLE audit_event (
  seq           bigint PRIMARY KEY CHECK (seq >= 1),
  occurred_at   timestamptz NOT NULL,
  actor_kind    text NOT NULL,
  actor_id      text NOT NULL,
  actor_name    text NOT NULL,
  actor_roles   text[] NOT NULL,
  action        text NOT NULL,
  entity_type   text NOT NULL,
  entity_id     text,
  outcome       text NOT NULL CHECK (outcome IN ('success', 'denied', 'failed')),
  -- text, not inet: the hash covers the address exactly as the server saw it, and inet would
  -- rewrite some spellings (0:0:0:0:0:0:0:1 comes back as ::1).
  ip            text,
  channel       text NOT NULL,
  source_system text,
  refs          jsonb NOT NULL,
  prev_hash     bytea NOT NULL CHECK (length(prev_hash) = 32),
  hash          bytea NOT NULL CHECK (length(hash) = 32)
);
CREATE INDEX audit_event_entity_idx ON audit_event (entity_type, entity_id, seq);
CREATE INDEX audit_event_actor_idx ON audit_event (actor_kind, actor_id, seq);
CREATE INDEX audit_event_occurred_at_idx ON audit_event (occurred_at);

-- The end of the chain. Every append locks this one row FOR UPDATE from just before its commit to
-- the commit, which serialises appends across connections and nodes. It also lets verification
-- notice that the newest rows were deleted: the head still names the last row written.
CREATE TABLE audit_head (
  only_row  boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  last_seq  bigint NOT NULL CHECK (last_seq >= 0),
  last_hash bytea NOT NULL CHECK (length(last_hash) = 32)
);
-- The genesis: no row yet, and the value the first row's prev_hash holds (32 zero bytes).
INSERT INTO audit_head (only_row, last_seq, last_hash) VALUES (true, 0, decode(repeat('00', 32), 'hex'));

-- Append-only, enforced by the database against any client, Accueil's own code included. A
-- superuser can still disable triggers: that is what the hash chain is for.
CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_event_no_update BEFORE UPDATE OR DELETE ON audit_event
  FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();

-- The head only moves forward, and only to a row that exists with that hash.
CREATE FUNCTION audit_head_moves_forward() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'UPDATE' THEN
    RAISE EXCEPTION 'audit_head keeps its one row: % refused', TG_OP
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW.last_seq < OLD.last_seq THEN
    RAISE EXCEPTION 'audit_head cannot move back from % to %', OLD.last_seq, NEW.last_seq
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM audit_event WHERE seq = NEW.last_seq AND hash = NEW.last_hash) THEN
    RAISE EXCEPTION 'audit_head must name an existing row and its hash (seq %)', NEW.last_seq
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER audit_head_guard BEFORE UPDATE OR DELETE ON audit_head
  FOR EACH ROW EXECUTE FUNCTION audit_head_moves_forward();
CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_head
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
