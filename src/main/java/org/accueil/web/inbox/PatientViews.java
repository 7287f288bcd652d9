package org.accueil.web.inbox;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.accueil.patients.Patient;
import org.accueil.patients.PatientId;
import org.accueil.patients.Patients;
import org.accueil.platform.Actor;
import org.accueil.platform.Scope;
import org.accueil.scheduling.AppointmentStatus;
import org.accueil.scheduling.Appointments;
import org.accueil.scheduling.PatientAppointment;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** What the inbox and patient pages show of a patient: their name and appointments. */
@Component
class PatientViews {

  /**
   * An appointment as a line of the page.
   *
   * @param when the start, in the location's zone and the reader's language
   */
  record Visit(
      UUID id,
      String when,
      String status,
      String type,
      String provider,
      String location,
      boolean upcoming) {}

  /** The patient's appointments, split where "now" is. */
  record Visits(List<Visit> upcoming, List<Visit> past) {}

  private final Patients patients;
  private final Appointments appointments;
  private final Timelines timelines;

  PatientViews(Patients patients, Appointments appointments, Timelines timelines) {
    this.patients = patients;
    this.appointments = appointments;
    this.timelines = timelines;
  }

  @Nullable Patient patient(@Nullable PatientId id) {
    return id == null ? null : patients.find(id).orElse(null);
  }

  /** Given and family name; null for a provisional record that has none yet. */
  static @Nullable String name(@Nullable Patient p) {
    if (p == null) {
      return null;
    }
    String name =
        ((p.givenName() == null ? "" : p.givenName())
                + " "
                + (p.familyName() == null ? "" : p.familyName()))
            .strip();
    return name.isEmpty() ? null : name;
  }

  /**
   * The patient's appointments, the soonest upcoming first and the latest past first; a clinician
   * sees only those in their own calendar, as the appointments API shows them. Null when the reader
   * may not read appointments at all.
   *
   * @param upcomingLimit how many upcoming ones at most (the past ones: 50)
   */
  @Nullable Visits appointments(PatientId id, Locale locale, int upcomingLimit) {
    Actor me = Actor.current();
    if (!me.can(Scope.APPOINTMENTS_READ)) {
      return null;
    }
    UUID own = me.ownCalendarOnly();
    Instant now = timelines.now();
    var format =
        java.time.format.DateTimeFormatter.ofLocalizedDateTime(
                java.time.format.FormatStyle.FULL, java.time.format.FormatStyle.SHORT)
            .withLocale(locale);
    List<PatientAppointment> all =
        appointments.ofPatient(patients.current(id).map(Patient::id).orElse(id), locale).stream()
            .filter(a -> own == null || own.equals(a.providerId()))
            .toList();
    List<Visit> upcoming =
        all.stream()
            .filter(a -> a.start().isAfter(now))
            .sorted(java.util.Comparator.comparing(PatientAppointment::start))
            .limit(upcomingLimit)
            .map(a -> visit(a, format, true))
            .toList();
    List<Visit> past =
        all.stream()
            .filter(a -> !a.start().isAfter(now))
            .sorted(java.util.Comparator.comparing(PatientAppointment::start).reversed())
            .limit(50)
            .map(a -> visit(a, format, false))
            .toList();
    return new Visits(upcoming, past);
  }

  private static Visit visit(
      PatientAppointment a, java.time.format.DateTimeFormatter format, boolean upcoming) {
    return new Visit(
        a.id().value(),
        format.withZone(a.zone()).format(a.start()),
        status(a.status()),
        a.appointmentTypeName(),
        a.providerName(),
        a.locationName(),
        upcoming);
  }

  private static String status(AppointmentStatus status) {
    return status.code();
  }
}
