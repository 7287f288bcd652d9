package org.accueil.patients;

import java.time.Instant;
import java.util.UUID;

/** An identifier recorded on a patient ({@link Identifier}), with when and by whom. */
public record PatientIdentifier(
    UUID id, String system, String value, Instant createdAt, String createdBy) {

  public Identifier identifier() {
    return new Identifier(system, value);
  }

  @Override
  public String toString() {
    return "PatientIdentifier[" + id + ", " + system + "]";
  }
}
