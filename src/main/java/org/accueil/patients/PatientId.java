package org.accueil.patients;

import java.util.UUID;

public record PatientId(UUID value) {

  public static PatientId of(UUID value) {
    return new PatientId(value);
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
