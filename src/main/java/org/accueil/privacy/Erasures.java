package org.accueil.privacy;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.accueil.patients.PatientId;
import org.accueil.patients.Patients;
import org.accueil.platform.Actor;
import org.accueil.platform.Audit;
import org.accueil.platform.IdempotentRequests;
import org.accueil.privacy.internal.ErasureRepository;
import org.accueil.scheduling.AppointmentId;
import org.accueil.scheduling.AppointmentStatus;
import org.accueil.scheduling.Appointments;
import org.accueil.scheduling.Commands.CancelAppointment;
import org.accueil.scheduling.PatientAppointment;
import org.accueil.scheduling.Waitlist;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Erasure on the patient's request (GDPR art. 17): what identifies them goes, what the practice
 * must keep stays, anonymous. See docs/security/privacy.md for what is removed and what is kept.
 */
@Service
public class Erasures {

  /** The cancellation reason of the future appointments an erasure cancels. */
  public static final String CANCELLATION_REASON = "erasure";

  private final Patients patients;
  private final Appointments appointments;
  private final Waitlist waitlist;
  private final Consents consents;
  private final ErasureRepository repository;
  private final PersonalDataContributors contributors;
  private final IdempotentRequests idempotency;
  private final Audit audit;
  private final PrivacyProperties properties;
  private final Clock clock;

  Erasures(
      Patients patients,
      Appointments appointments,
      Waitlist waitlist,
      Consents consents,
      ErasureRepository repository,
      PersonalDataContributors contributors,
      IdempotentRequests idempotency,
      Audit audit,
      PrivacyProperties properties,
      Clock clock) {
    this.patients = patients;
    this.appointments = appointments;
    this.waitlist = waitlist;
    this.consents = consents;
    this.repository = repository;
    this.contributors = contributors;
    this.idempotency = idempotency;
    this.audit = audit;
    this.properties = properties;
    this.clock = clock;
  }

  /**
   * Erases the patient, all in one transaction. Erasing again changes nothing and returns the
   * record of the first erasure, whatever reason the repeated request gives.
   */
  @Transactional
  public Erasure erase(PatientId requested, String reason, RequestedVia requestedVia) {
    // A merged record's id erases the person: the record their details and visits moved to.
    PatientId patient = patients.current(requested).map(p -> p.id()).orElse(requested);
    // The patient row is locked first: a concurrent erasure of the same patient waits here, then
    // finds the patient erased and returns the record this one writes.
    if (!patients.erase(patient)) {
      return repository
          .find(patient)
          .orElseThrow(() -> new IllegalStateException("Erased without a record: " + patient));
    }
    // Microseconds, as PostgreSQL keeps them: a repeated request answers exactly the same.
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    String by = Actor.current().reference();
    // Before the cancellations below, so that their reason, "erasure", is kept.
    appointments.anonymise(patient);
    // Nothing is offered to them any more; a time they were being offered passes on.
    waitlist.withdrawAll(patient, by);
    List<AppointmentId> cancelled = new ArrayList<>();
    for (PatientAppointment appointment : appointments.ofPatient(patient, Locale.ENGLISH)) {
      if (appointment.start().isAfter(now)
          && appointment.status().canBecome(AppointmentStatus.CANCELLED)) {
        appointments.cancel(new CancelAppointment(appointment.id(), CANCELLATION_REASON, by));
        cancelled.add(appointment.id());
      }
    }
    // What is older than the practice must keep goes now; the daily task deletes the rest later.
    appointments.forgetVisitsBefore(List.of(patient), properties.appointmentCutoff(now));
    consents.forgetWordings(patient);
    // Whatever the patient had allowed, nothing is sent to them any more, on any channel.
    for (ConsentPurpose purpose : ConsentPurpose.values()) {
      consents.append(
          new RecordConsent(
              patient, ConsentChannel.ANY, purpose, false, ConsentSource.ERASURE, null));
    }
    contributors.all().forEach(contributor -> contributor.erase(patient));
    idempotency.forgetResponsesUnder("/api/v1/patients/" + patient);
    Erasure erasure = new Erasure(patient, now, by, reason.strip(), requestedVia, cancelled);
    repository.insert(erasure);
    audit.success(
        "patient.erase",
        "patient",
        patient,
        Map.of(
            "requestedVia", requestedVia.code(),
            "cancelledAppointments", cancelled.size()));
    return erasure;
  }
}
