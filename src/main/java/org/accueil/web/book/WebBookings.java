package org.accueil.web.book;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.accueil.patients.PatientDetails;
import org.accueil.privacy.ConsentChannel;
import org.accueil.privacy.ConsentPurpose;
import org.accueil.privacy.ConsentSource;
import org.accueil.privacy.ConsentWording;
import org.accueil.privacy.Consents;
import org.accueil.privacy.RecordConsent;
import org.accueil.scheduling.Appointment;
import org.accueil.scheduling.AppointmentId;
import org.accueil.scheduling.Appointments;
import org.accueil.scheduling.BookingResult;
import org.accueil.scheduling.Commands.BookAppointment;
import org.accueil.security.PatientLinks;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A booking made on the booking page, in one transaction: the held time booked for the patient the
 * details describe (the registry finds them again, or registers them for the staff's review), what
 * they said about messages, and the link that lets them manage the appointment. A refusal leaves
 * nothing behind.
 */
@Service
class WebBookings {

  /** Who booked, in "created by": the patient, on the booking page. */
  static final String BY = "web-booking";

  // As the messages' links: valid until a day after the visit, at most 90 days.
  private static final Duration LINK_AFTER_VISIT = Duration.ofDays(1);
  private static final Duration LINK_LONGEST = Duration.ofDays(90);

  record Outcome(BookingResult<Appointment> result, @Nullable String token) {}

  private final Appointments appointments;
  private final Consents consents;
  private final PatientLinks links;
  private final Clock clock;

  WebBookings(Appointments appointments, Consents consents, PatientLinks links, Clock clock) {
    this.appointments = appointments;
    this.consents = consents;
    this.links = links;
    this.clock = clock;
  }

  /**
   * @param messages whether the patient agreed to the confirmation and reminders, and the words of
   *     the checkbox they saw (the proof of what they agreed to)
   */
  @Transactional
  Outcome book(AppointmentId hold, PatientDetails patient, boolean messages, ConsentWording shown) {
    BookingResult<Appointment> result =
        appointments.book(
            new BookAppointment(
                hold,
                null,
                null,
                null,
                null,
                null,
                patient,
                null,
                org.accueil.scheduling.Source.WEB,
                BY));
    if (!(result instanceof BookingResult.Success<Appointment>(Appointment booked))) {
      return new Outcome(result, null);
    }
    consents.record(
        new RecordConsent(
            booked.patient(),
            ConsentChannel.ANY,
            ConsentPurpose.APPOINTMENT_MESSAGES,
            messages,
            ConsentSource.WEB_FORM,
            messages ? shown : null));
    return new Outcome(result, link(booked));
  }

  private @Nullable String link(Appointment booked) {
    Instant now = clock.instant();
    Instant expires = booked.end().plus(LINK_AFTER_VISIT);
    if (expires.isAfter(now.plus(LINK_LONGEST))) {
      expires = now.plus(LINK_LONGEST);
    }
    return expires.isAfter(now) ? links.issue(booked.id().value(), expires).token() : null;
  }
}
