-- What the assistant may tell patients about the practice (docs/ASSISTANT.md, "Knowledge base"):
-- one row per entry, its question and answer in French, English and Italian (an empty text: not
-- written in that language yet; the assistant falls back to another language the practice
-- speaks). Preparation instructions of an appointment type live on the type itself
-- (appointment_type.preparation) and are not copied here.
CREATE TABLE assistant_knowledge_entry (
  id                  uuid PRIMARY KEY,
  topic               text NOT NULL CHECK (topic IN ('info', 'hours', 'address', 'directions',
                          'parking', 'prices', 'insurance', 'preparation', 'services', 'other')),
  appointment_type_id uuid REFERENCES appointment_type,
  question_fr         text NOT NULL DEFAULT '',
  question_en         text NOT NULL DEFAULT '',
  question_it         text NOT NULL DEFAULT '',
  answer_fr           text NOT NULL DEFAULT '',
  answer_en           text NOT NULL DEFAULT '',
  answer_it           text NOT NULL DEFAULT '',
  keywords_fr         text NOT NULL DEFAULT '',
  keywords_en         text NOT NULL DEFAULT '',
  keywords_it         text NOT NULL DEFAULT '',
  map_url             text,
  active              boolean NOT NULL DEFAULT true,
  updated_at          timestamptz NOT NULL,
  CHECK (question_fr <> '' OR question_en <> '' OR question_it <> ''),
  CHECK (answer_fr <> '' OR answer_en <> '' OR answer_it <> '')
);

CREATE INDEX assistant_knowledge_entry_topic ON assistant_knowledge_entry (topic);

-- Each node keeps its search index in memory and rebuilds it when this revision moves. The
-- statement-level trigger bumps it in the writer's transaction: max(updated_at) would miss a
-- transaction that started earlier but committed later than the last one a node indexed.
CREATE TABLE assistant_knowledge_revision (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  revision  bigint NOT NULL
);
INSERT INTO assistant_knowledge_revision VALUES (true, 1);

CREATE FUNCTION assistant_knowledge_bump_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE assistant_knowledge_revision SET revision = revision + 1;
  RETURN NULL;
END
$$;

CREATE TRIGGER assistant_knowledge_entry_revision
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON assistant_knowledge_entry
  FOR EACH STATEMENT EXECUTE FUNCTION assistant_knowledge_bump_revision();
