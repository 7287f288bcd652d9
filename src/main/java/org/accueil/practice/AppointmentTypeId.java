package org.accueil.practice;

import java.util.UUID;

public record AppointmentTypeId(UUID value) {

  public static AppointmentTypeId of(UUID value) {
    return new AppointmentTypeId(value);
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
