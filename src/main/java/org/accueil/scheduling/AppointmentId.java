package org.accueil.scheduling;

import java.util.UUID;

public record AppointmentId(UUID value) {

  public static AppointmentId of(UUID value) {
    return new AppointmentId(value);
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
