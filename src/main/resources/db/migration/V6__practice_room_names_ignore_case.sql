-- Room names are unique per location whatever their case ("Exam 1" and "exam 1" are one room to
-- the people who read them). The administration API checked it; now two concurrent creations
-- cannot both get through either.
ALTER TABLE room DROP CONSTRAINT room_location_id_name_key;
CREATE UNIQUE INDEX room_location_name_idx ON room (location_id, lower(name));
