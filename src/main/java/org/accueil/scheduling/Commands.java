package org.accueil.scheduling;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Set;
import org.accueil.patients.PatientDetails;
import org.accueil.patients.PatientId;
import org.accueil.practice.AppointmentTypeId;
import org.accueil.practice.LocationId;
import org.accueil.practice.PatientCategory;
import org.accueil.practice.ProviderId;
import org.jspecify.annotations.Nullable;

/** What callers ask of scheduling. {@code by} names who asks, for the record. */
public final class Commands {

  private Commands() {}

  /**
   * @param providers empty for every provider offering the type
   * @param category the patient's category when known; category rules apply only then
   */
  public record SlotSearch(
      AppointmentTypeId type,
      LocalDate from,
      LocalDate to,
      Set<ProviderId> providers,
      @Nullable LocationId location,
      @Nullable PatientCategory category,
      int limit) {}

  public record HoldSlot(
      AppointmentTypeId type,
      ProviderId provider,
      Instant start,
      @Nullable LocationId location,
      @Nullable PatientCategory category,
      String by) {}

  /**
   * Books from a hold ({@code hold} set) or directly. The patient is {@code patientId}, or the one
   * {@code patient} describes (found again or registered).
   *
   * @param newPatient whether the patient is new to the practice, when the caller knows
   */
  public record BookAppointment(
      @Nullable AppointmentId hold,
      @Nullable AppointmentTypeId type,
      @Nullable ProviderId provider,
      @Nullable Instant start,
      @Nullable LocationId location,
      @Nullable PatientId patientId,
      @Nullable PatientDetails patient,
      @Nullable Boolean newPatient,
      Source source,
      String by) {}

  /**
   * @param provider another provider, or {@code null} to keep the same
   */
  public record RescheduleAppointment(
      AppointmentId appointment,
      Instant start,
      @Nullable ProviderId provider,
      @Nullable LocationId location,
      String by) {}

  /**
   * A move another system decided (see {@code Appointments.recordMove}).
   *
   * @param end the other system's end of the visit; null: the type's duration
   */
  public record RecordMove(
      AppointmentId appointment,
      Instant start,
      @Nullable Instant end,
      ProviderId provider,
      LocationId location,
      String by) {}

  public record CancelAppointment(AppointmentId appointment, String reason, String by) {}

  /**
   * @param from inclusive, by visit start
   * @param to exclusive
   */
  public record AppointmentQuery(
      Instant from,
      Instant to,
      @Nullable ProviderId provider,
      @Nullable PatientId patient,
      @Nullable AppointmentStatus status,
      int limit) {}

  /**
   * An appointment decided elsewhere (the EHR, the practice's history): recorded as given, with no
   * booking rule applied, but never overlapping another one.
   *
   * @param room the room it takes; for a type that needs a room and none is given, a free one
   * @param end when the other system says the visit ends; {@code null} for the type's duration
   */
  public record ImportAppointment(
      AppointmentTypeId type,
      ProviderId provider,
      LocationId location,
      org.accueil.practice.@Nullable RoomId room,
      PatientId patient,
      Instant start,
      AppointmentStatus status,
      Source source,
      String by,
      @Nullable Instant end) {

    /** An appointment lasting its type's duration. */
    public ImportAppointment(
        AppointmentTypeId type,
        ProviderId provider,
        LocationId location,
        org.accueil.practice.@Nullable RoomId room,
        PatientId patient,
        Instant start,
        AppointmentStatus status,
        Source source,
        String by) {
      this(type, provider, location, room, patient, start, status, source, by, null);
    }
  }

  /**
   * Puts a patient on the waitlist for an earlier time (see {@code Waitlist.join}).
   *
   * @param earliestDate null: today
   * @param days empty: any day
   * @param before the patient's later appointment of the same type, moved when they accept
   */
  public record JoinWaitlist(
      PatientId patient,
      AppointmentTypeId type,
      @Nullable ProviderId provider,
      @Nullable LocationId location,
      @Nullable LocalDate earliestDate,
      LocalDate latestDate,
      Set<DayOfWeek> days,
      @Nullable LocalTime earliestTime,
      @Nullable LocalTime latestTime,
      @Nullable AppointmentId before,
      String by) {}

  public record WaitlistQuery(
      WaitlistEntry.@Nullable Status status,
      @Nullable PatientId patient,
      @Nullable ProviderId provider,
      int limit) {}
}
