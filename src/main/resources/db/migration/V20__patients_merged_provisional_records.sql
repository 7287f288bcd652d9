-- A provisional record created for a stranger's address holds no names until they say who they
-- are; when staff link that address to the patient it was all along, the record is merged into
-- theirs and becomes a tombstone. A tombstone keeps what the record had, names or not.
ALTER TABLE patient
  DROP CONSTRAINT patient_identified_unless_provisional,
  ADD CONSTRAINT patient_identified_unless_provisional
    CHECK (status IN ('provisional', 'merged')
           OR (given_name IS NOT NULL AND family_name IS NOT NULL AND birth_date IS NOT NULL));
