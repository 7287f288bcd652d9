package org.accueil.practice;

import com.fasterxml.jackson.annotation.JsonProperty;

/** New to the practice, or seen before. Booking rules can restrict either. */
public enum PatientCategory {
  @JsonProperty("new")
  NEW,
  @JsonProperty("returning")
  RETURNING;

  public String code() {
    return this == NEW ? "new" : "returning";
  }

  public static PatientCategory ofCode(String code) {
    return "new".equals(code) ? NEW : RETURNING;
  }
}
