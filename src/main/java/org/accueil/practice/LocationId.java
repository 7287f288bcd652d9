package org.accueil.practice;

import java.util.UUID;

public record LocationId(UUID value) {

  public static LocationId of(UUID value) {
    return new LocationId(value);
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
