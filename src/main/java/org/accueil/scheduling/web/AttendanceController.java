package org.accueil.scheduling.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.accueil.practice.PracticeDirectory;
import org.accueil.scheduling.AppointmentId;
import org.accueil.scheduling.Appointments;
import org.accueil.scheduling.Attendance;
import org.accueil.scheduling.web.SchedulingViews.AppointmentView;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Whether patients said they will come: the day-before list, and a confirmation taken by phone. */
@RestController
@RequestMapping("/api/v1/appointments")
@Tag(name = "Appointments")
class AttendanceController {

  record ConfirmationView(UUID appointmentId, OffsetDateTime confirmedAt) {}

  private final Attendance attendance;
  private final Appointments appointments;
  private final PracticeDirectory practice;
  private final Clock clock;

  AttendanceController(
      Attendance attendance, Appointments appointments, PracticeDirectory practice, Clock clock) {
    this.attendance = attendance;
    this.appointments = appointments;
    this.practice = practice;
    this.clock = clock;
  }

  @GetMapping("/unconfirmed")
  @Operation(
      summary = "Appointments of a day the patient has not confirmed",
      description =
          "Booked appointments of the day (tomorrow unless date says otherwise, in the practice's"
              + " time) whose patient has not answered a reminder: the front desk calls them."
              + " A clinician sees their own.")
  List<AppointmentView> unconfirmed(
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
          @Nullable LocalDate date) {
    ZoneId zone = practice.snapshot().zone();
    LocalDate day = date != null ? date : LocalDate.now(clock.withZone(zone)).plusDays(1);
    UUID own = org.accueil.platform.Actor.current().ownCalendarOnly();
    return attendance
        .unconfirmed(
            day.atStartOfDay(zone).toInstant(), day.plusDays(1).atStartOfDay(zone).toInstant())
        .stream()
        .filter(a -> own == null || own.equals(a.provider().value()))
        .map(AppointmentView::of)
        .toList();
  }

  @PostMapping("/{id}/confirmation")
  @Operation(
      summary = "Record that the patient will come",
      description =
          "For a confirmation taken by phone or at the desk; a reply YES to a reminder records it"
              + " on its own. Confirming again changes nothing. Moving the appointment clears it.")
  ConfirmationView confirm(@PathVariable UUID id) {
    Access.visibleAppointment(appointments, id);
    var a = attendance.confirm(AppointmentId.of(id), Access.caller());
    var at = attendance.confirmedAt(a.id()).orElseThrow();
    return new ConfirmationView(id, at.atZone(a.zone()).toOffsetDateTime());
  }
}
