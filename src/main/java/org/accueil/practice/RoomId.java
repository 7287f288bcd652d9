package org.accueil.practice;

import java.util.UUID;

public record RoomId(UUID value) {

  public static RoomId of(UUID value) {
    return new RoomId(value);
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
