package org.accueil.scheduling.web;

import java.util.UUID;
import org.accueil.platform.Actor;
import org.accueil.platform.ProblemException;
import org.accueil.practice.ProviderId;
import org.accueil.scheduling.Appointment;
import org.accueil.scheduling.AppointmentId;
import org.accueil.scheduling.Appointments;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * Which appointments the current caller may touch, beyond what its scopes allow: a clinician only
 * their own calendar, a patient's access link only its one appointment. A record the caller may not
 * see is answered as if it did not exist, so ids cannot be probed.
 */
final class Access {

  private static final String MESSAGE =
      "You can act only in your own calendar; ask the front desk for other providers.";

  private Access() {}

  /** Who is calling, as written in "created by" and "cancelled by". */
  static String caller() {
    return Actor.current().reference();
  }

  static void checkAppointment(String kind, UUID id, ProviderId provider) {
    Actor actor = Actor.current();
    UUID own = actor.ownCalendarOnly();
    boolean hidden =
        actor.isPatientLink() && !id.equals(actor.appointmentId())
            || own != null && !own.equals(provider.value());
    if (hidden) {
      throw ProblemException.notFound(kind, id);
    }
  }

  /** The appointment, if it exists and the caller may see it; else 404 either way. */
  static Appointment visibleAppointment(Appointments appointments, UUID id) {
    Appointment appointment =
        appointments
            .find(AppointmentId.of(id))
            .orElseThrow(() -> ProblemException.notFound("appointment", id));
    checkAppointment("appointment", id, appointment.provider());
    return appointment;
  }

  /**
   * A waitlist entry or offer: a clinician sees only those for their own calendar (an entry open to
   * any provider is the front desk's), answered as if it did not exist otherwise.
   */
  static void checkWaitlist(String kind, UUID id, @Nullable ProviderId provider) {
    UUID own = Actor.current().ownCalendarOnly();
    if (own != null && (provider == null || !own.equals(provider.value()))) {
      throw ProblemException.notFound(kind, id);
    }
  }

  /** A clinician books and holds on their own calendar only. */
  static void checkCalendar(@Nullable ProviderId provider) {
    UUID own = Actor.current().ownCalendarOnly();
    if (own != null && (provider == null || !own.equals(provider.value()))) {
      throw ProblemException.of(HttpStatus.FORBIDDEN, "own-calendar-only").detail(MESSAGE).build();
    }
  }

  /** The provider a list must be limited to: the clinician's own, whatever was asked. */
  static @Nullable ProviderId listedProvider(@Nullable UUID requested) {
    UUID own = Actor.current().ownCalendarOnly();
    if (own != null) {
      if (requested != null && !requested.equals(own)) {
        throw ProblemException.of(HttpStatus.FORBIDDEN, "own-calendar-only")
            .detail(MESSAGE)
            .build();
      }
      return ProviderId.of(own);
    }
    return requested == null ? null : ProviderId.of(requested);
  }
}
