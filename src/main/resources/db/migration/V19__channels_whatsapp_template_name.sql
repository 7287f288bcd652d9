-- V15 checked template names with '^[a-z0-9_]{1,512}$': PostgreSQL allows at most 255 in a
-- regular expression's repetition count, so every insert failed ("invalid repetition count").
-- The same rule, Meta's (lowercase letters, digits, underscores; at most 512 characters), written
-- so PostgreSQL can evaluate it.
ALTER TABLE whatsapp_template DROP CONSTRAINT whatsapp_template_name_check;
ALTER TABLE whatsapp_template ADD CONSTRAINT whatsapp_template_name_check
  CHECK (name ~ '^[a-z0-9_]+$' AND length(name) <= 512);
