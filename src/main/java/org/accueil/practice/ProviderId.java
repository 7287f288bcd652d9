package org.accueil.practice;

import java.util.UUID;

public record ProviderId(UUID value) {

  public static ProviderId of(UUID value) {
    return new ProviderId(value);
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
