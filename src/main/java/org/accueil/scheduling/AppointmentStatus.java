package org.accueil.scheduling;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * FHIR R4 {@code Appointment.status} (http://hl7.org/fhir/R4/valueset-appointmentstatus.html). A
 * hold is {@code proposed}: time set aside while the patient decides.
 */
public enum AppointmentStatus {
  PROPOSED("proposed"),
  PENDING("pending"),
  BOOKED("booked"),
  ARRIVED("arrived"),
  CHECKED_IN("checked-in"),
  FULFILLED("fulfilled"),
  CANCELLED("cancelled"),
  NOSHOW("noshow"),
  ENTERED_IN_ERROR("entered-in-error");

  private final String code;

  AppointmentStatus(String code) {
    this.code = code;
  }

  @JsonValue
  public String code() {
    return code;
  }

  public static AppointmentStatus ofCode(String code) {
    return Arrays.stream(values())
        .filter(s -> s.code.equals(code))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("Unknown appointment status " + code));
  }

  /** Whether the appointment occupies its time (the database's exclusion constraints agree). */
  public boolean occupiesTime() {
    return OCCUPYING.contains(this);
  }

  /** The moves the front desk can make; anything else is refused with a clear message. */
  public boolean canBecome(AppointmentStatus next) {
    Set<AppointmentStatus> allowed =
        switch (this) {
          case PROPOSED -> EnumSet.of(BOOKED);
          case PENDING -> EnumSet.of(BOOKED, CANCELLED, ENTERED_IN_ERROR);
          case BOOKED ->
              EnumSet.of(ARRIVED, CHECKED_IN, FULFILLED, NOSHOW, CANCELLED, ENTERED_IN_ERROR);
          case ARRIVED -> EnumSet.of(CHECKED_IN, FULFILLED, ENTERED_IN_ERROR);
          case CHECKED_IN -> EnumSet.of(FULFILLED, ENTERED_IN_ERROR);
          // A patient marked absent who turns up late after all.
          case NOSHOW -> EnumSet.of(ARRIVED, ENTERED_IN_ERROR);
          case FULFILLED -> EnumSet.of(ENTERED_IN_ERROR);
          case CANCELLED, ENTERED_IN_ERROR -> EnumSet.noneOf(AppointmentStatus.class);
        };
    return allowed.contains(next);
  }

  private static final Set<AppointmentStatus> OCCUPYING =
      EnumSet.of(PROPOSED, PENDING, BOOKED, ARRIVED, CHECKED_IN, FULFILLED);
}
