package org.accueil.practice;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where the visit happens. */
public enum VisitMode {
  @JsonProperty("in-person")
  IN_PERSON,
  @JsonProperty("video")
  VIDEO;

  public String code() {
    return this == IN_PERSON ? "in_person" : "video";
  }

  public static VisitMode ofCode(String code) {
    return "video".equals(code) ? VIDEO : IN_PERSON;
  }
}
