package org.accueil.scheduling;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.accueil.patients.PatientId;
import org.accueil.platform.Audit;
import org.accueil.platform.ProblemException;
import org.accueil.practice.LocationId;
import org.accueil.practice.PracticeDirectory;
import org.accueil.practice.ProviderId;
import org.accueil.scheduling.Commands.BookAppointment;
import org.accueil.scheduling.Commands.RescheduleAppointment;
import org.accueil.scheduling.jdbc.AppointmentRepository;
import org.accueil.scheduling.jdbc.WaitlistRepository;
import org.accueil.scheduling.jdbc.WaitlistRows.EntryRow;
import org.accueil.scheduling.jdbc.WaitlistRows.FreedTimeRow;
import org.accueil.scheduling.jdbc.WaitlistRows.OfferRow;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a patient does with an offer: accept it, decline it, or leave the list while deciding. Each
 * locks the offer's freed time first, then the offer, then the entry (the order every waitlist
 * writer follows), so two answers to one offer queue, and the second finds it closed.
 */
@Component
class WaitlistOffers {

  private final WaitlistRepository waitlist;
  private final AppointmentRepository calendar;
  private final Appointments appointments;
  private final WaitlistMatching matching;
  private final PracticeDirectory practice;
  private final CalendarWrites writes;
  private final ApplicationEventPublisher events;
  private final Audit audit;

  WaitlistOffers(
      WaitlistRepository waitlist,
      AppointmentRepository calendar,
      Appointments appointments,
      WaitlistMatching matching,
      PracticeDirectory practice,
      CalendarWrites writes,
      ApplicationEventPublisher events,
      Audit audit) {
    this.waitlist = waitlist;
    this.calendar = calendar;
    this.appointments = appointments;
    this.matching = matching;
    this.practice = practice;
    this.writes = writes;
    this.events = events;
    this.audit = audit;
  }

  @Transactional
  Appointment accept(UUID id, Source source, String by) {
    Instant now = writes.now();
    OfferRow offer = lockedOpen(id, now);
    EntryRow entry = waitlist.lockEntry(offer.entryId()).orElseThrow();
    UUID hold = offer.holdId();
    Optional<Appointment> later =
        Optional.ofNullable(entry.beforeAppointmentId())
            .flatMap(before -> calendar.find(before))
            .filter(WaitlistMatching::stands)
            .flatMap(row -> appointments.find(AppointmentId.of(row.id())));
    BookingResult<Appointment> result;
    if (later.isPresent()) {
      // The patient keeps one appointment: the later one moves into the offered time, which the
      // hold gives up in the same transaction (nobody else sees the time free in between).
      calendar.deleteHold(hold);
      result =
          appointments.reschedule(
              new RescheduleAppointment(
                  later.get().id(),
                  offer.start(),
                  ProviderId.of(offer.providerId()),
                  LocationId.of(offer.locationId()),
                  by));
    } else {
      result =
          appointments.book(
              new BookAppointment(
                  AppointmentId.of(hold),
                  null,
                  null,
                  null,
                  null,
                  PatientId.of(entry.patientId()),
                  null,
                  null,
                  source,
                  by));
    }
    Appointment appointment =
        switch (result) {
          case BookingResult.Success<Appointment>(Appointment booked) -> booked;
          // The whole acceptance rolls back: the offer stays open, the time held.
          case BookingResult.Refused<Appointment>(var reason) -> throw Refusals.problem(reason);
        };
    waitlist.closeOffer(
        offer.id(), WaitlistOffer.Status.ACCEPTED.code(), appointment.id().value(), now);
    waitlist.endEntry(
        entry.id(), WaitlistEntry.Status.FULFILLED.code(), appointment.id().value(), now);
    waitlist.freedTimeDone(offer.freedTimeId(), now);
    audit.success(
        "waitlist.offer.accept",
        "waitlist-offer",
        offer.id(),
        Map.of("patient", offer.patientId(), "appointment", appointment.id().value()));
    events.publishEvent(new WaitlistOfferAccepted(offer.id(), appointment.id()));
    return appointment;
  }

  @Transactional
  WaitlistOffer decline(UUID id, String by) {
    Instant now = writes.now();
    OfferRow offer = lockedOpen(id, now);
    lapse(offer, WaitlistOffer.Status.DECLINED, now, by);
    return Waitlist.offer(waitlist.offer(id).orElseThrow(), practice.snapshot());
  }

  /** The entry's open offer, if any, closes and its time passes on (the patient left the list). */
  void withdrawOpenOffer(UUID entry, Instant now) {
    Optional<OfferRow> open = waitlist.openOfferOfEntry(entry);
    if (open.isEmpty()) {
      return;
    }
    waitlist.lockFreedTime(open.get().freedTimeId());
    waitlist
        .lockOffer(open.get().id())
        .filter(o -> o.status().equals(WaitlistOffer.Status.OFFERED.code()))
        .ifPresent(o -> lapse(o, WaitlistOffer.Status.WITHDRAWN, now, WaitlistMatching.BY));
  }

  /**
   * Closes an open offer that was not accepted and offers its time to the next waiting patient. The
   * caller holds the freed time's lock.
   */
  void lapse(OfferRow offer, WaitlistOffer.Status why, Instant now, String by) {
    waitlist.closeOffer(offer.id(), why.code(), null, now);
    audit.success(
        "waitlist.offer." + why.code(),
        "waitlist-offer",
        offer.id(),
        Map.of("patient", offer.patientId(), "by", by));
    events.publishEvent(new WaitlistOfferLapsed(offer.id(), why.code()));
    FreedTimeRow freed = waitlist.lockFreedTime(offer.freedTimeId()).orElseThrow();
    matching.offerNext(freed, offer.holdId(), now);
  }

  /** The offer, locked after its freed time, if it is still open; else 409 saying why not. */
  private OfferRow lockedOpen(UUID id, Instant now) {
    OfferRow seen =
        waitlist.offer(id).orElseThrow(() -> ProblemException.notFound("waitlist-offer", id));
    waitlist.lockFreedTime(seen.freedTimeId());
    OfferRow offer = waitlist.lockOffer(id).orElseThrow();
    if (!offer.status().equals(WaitlistOffer.Status.OFFERED.code())) {
      throw closed(offer);
    }
    if (!offer.expiresAt().isAfter(now)) {
      // Lapsed, and the pass has not handed it on yet: it will, to the next patient.
      throw ProblemException.of(HttpStatus.CONFLICT, "waitlist-offer-closed")
          .messageCode("problem.waitlist-offer-closed.expired")
          .detail(
              "This offer expired at {0}; the time is being offered to the next patient waiting.",
              offer.expiresAt())
          .with("status", WaitlistOffer.Status.EXPIRED.code())
          .build();
    }
    return offer;
  }

  private static ProblemException closed(OfferRow offer) {
    @Nullable UUID appointment = offer.appointmentId();
    return ProblemException.of(HttpStatus.CONFLICT, "waitlist-offer-closed")
        .detail(
            "This offer is no longer open: it was {0}. Only an open offer can be accepted or"
                + " declined.",
            offer.status())
        .with("status", offer.status())
        .with("appointmentId", appointment)
        .build();
  }
}
