package org.accueil.scheduling;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.accueil.patients.PatientId;
import org.accueil.practice.AppointmentTypeId;
import org.accueil.practice.LocationId;
import org.accueil.practice.ProviderId;
import org.jspecify.annotations.Nullable;

/**
 * A patient waiting for an earlier time. Dates, weekdays and times of day are the location's
 * wall-clock ones; first joined, first offered.
 *
 * @param provider null: any provider offering the type
 * @param location null: any location
 * @param days empty: any day
 * @param earliestTime the visit starts at or after it (null: no limit)
 * @param latestTime the visit ends at or before it (null: no limit)
 * @param before "only earlier than this appointment": accepting moves it to the offered time
 * @param appointment the appointment a fulfilled entry ended in
 */
public record WaitlistEntry(
    UUID id,
    PatientId patient,
    AppointmentTypeId type,
    @Nullable ProviderId provider,
    @Nullable LocationId location,
    LocalDate earliestDate,
    LocalDate latestDate,
    Set<DayOfWeek> days,
    @Nullable LocalTime earliestTime,
    @Nullable LocalTime latestTime,
    @Nullable AppointmentId before,
    Status status,
    @Nullable AppointmentId appointment,
    String createdBy,
    Instant createdAt,
    @Nullable Instant endedAt) {

  public enum Status {
    ACTIVE,
    FULFILLED,
    WITHDRAWN,
    EXPIRED;

    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Status ofCode(String code) {
      return Arrays.stream(values())
          .filter(s -> s.code().equalsIgnoreCase(code))
          .findFirst()
          .orElseThrow(
              () ->
                  new IllegalArgumentException(
                      "must be one of active, fulfilled, withdrawn, expired"));
    }
  }
}
