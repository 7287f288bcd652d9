package org.accueil.practice;

import java.util.UUID;

public record BookingRuleId(UUID value) {

  public static BookingRuleId of(UUID value) {
    return new BookingRuleId(value);
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
