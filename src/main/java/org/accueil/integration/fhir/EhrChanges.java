package org.accueil.integration.fhir;

import static org.accueil.integration.fhir.AppointmentPush.APPOINTMENT;
import static org.accueil.integration.fhir.AppointmentPush.LOCATION;
import static org.accueil.integration.fhir.AppointmentPush.PATIENT;

import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.accueil.integration.fhir.Conflicts.Flag;
import org.accueil.integration.mapping.IntegrationLink;
import org.accueil.patients.Identifier;
import org.accueil.patients.Origin;
import org.accueil.patients.Patient;
import org.accueil.patients.PatientDetails;
import org.accueil.patients.PatientId;
import org.accueil.patients.Patients;
import org.accueil.patients.fhir.FhirPatients;
import org.accueil.platform.ProblemException;
import org.accueil.practice.AppointmentType;
import org.accueil.practice.AppointmentTypeId;
import org.accueil.practice.LocationId;
import org.accueil.practice.PracticeDirectory;
import org.accueil.practice.PracticeSnapshot;
import org.accueil.practice.Provider;
import org.accueil.practice.ProviderId;
import org.accueil.scheduling.Appointment;
import org.accueil.scheduling.AppointmentId;
import org.accueil.scheduling.AppointmentStatus;
import org.accueil.scheduling.Appointments;
import org.accueil.scheduling.BookingResult;
import org.accueil.scheduling.Commands.AppointmentQuery;
import org.accueil.scheduling.Commands.CancelAppointment;
import org.accueil.scheduling.Commands.ImportAppointment;
import org.accueil.scheduling.Commands.RecordMove;
import org.accueil.scheduling.Source;
import org.accueil.scheduling.model.Rejection;
import org.hl7.fhir.r4.model.Appointment.AppointmentParticipantComponent;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Resource;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Applies one change the EHR told us of, whichever way it came (subscription, poll,
 * reconciliation): the same code for all, so they agree. Runs as the EHR actor, in the transaction
 * that marks the change applied.
 *
 * <ul>
 *   <li>One of ours (it carries our identifier): the EHR's cancellation cancels ours; its visit
 *       progress (arrived, fulfilled, no-show) is recorded; a different time is flagged, never
 *       applied silently; our own write coming back (same version) is ignored.
 *   <li>One the EHR booked and we recorded: its cancellation frees our copy's time; a move moves
 *       our copy.
 *   <li>A new one: recorded as a blocking appointment of source EHR. When we hold that time
 *       already, both are kept and the conflict flagged.
 * </ul>
 *
 * Slots {@code busy-unavailable} become time off of the schedule's provider (see {@link
 * ScheduleBlocks}).
 */
@Component
class EhrChanges {

  static final String BY = "ehr:" + FhirConnectorProperties.SYSTEM;

  private final EhrLinks links;
  private final EhrWrites ehr;
  private final Appointments appointments;
  private final Patients patients;
  private final PracticeDirectory practice;
  private final Conflicts conflicts;
  private final ScheduleBlocks blocks;
  private final EhrParticipants participants;
  private final FhirConnectorProperties properties;

  EhrChanges(
      EhrLinks links,
      EhrWrites ehr,
      Appointments appointments,
      Patients patients,
      PracticeDirectory practice,
      Conflicts conflicts,
      ScheduleBlocks blocks,
      EhrParticipants participants,
      FhirConnectorProperties properties) {
    this.links = links;
    this.ehr = ehr;
    this.appointments = appointments;
    this.patients = patients;
    this.practice = practice;
    this.conflicts = conflicts;
    this.blocks = blocks;
    this.participants = participants;
    this.properties = properties;
  }

  /** Applies the change; returns what it did, in a word or two, for the inbox row. */
  String apply(FhirInbox.Item item) {
    Resource resource = item.resource();
    if (resource == null) {
      try {
        resource =
            item.resourceType().equals(APPOINTMENT)
                ? ehr.read(org.hl7.fhir.r4.model.Appointment.class, item.resourceId())
                : ehr.read(org.hl7.fhir.r4.model.Slot.class, item.resourceId());
      } catch (ResourceGoneException | ResourceNotFoundException e) {
        return gone(item.resourceType(), item.resourceId());
      }
    }
    // Reconciliation asks for the EHR's current state to be applied again, whatever was seen.
    boolean again = item.source() == FhirInbox.Source.RECONCILIATION;
    return switch (resource) {
      case org.hl7.fhir.r4.model.Appointment a -> appointment(a, again);
      case org.hl7.fhir.r4.model.Slot s -> blocks.apply(s, again);
      default -> "ignored:" + resource.fhirType();
    };
  }

  /** Deleted in the EHR: as cancelled for an appointment, as free for a slot. */
  private String gone(String type, String id) {
    if (type.equals("Slot")) {
      return blocks.gone(id);
    }
    Optional<IntegrationLink> link = links.byRemote(EhrLinks.APPOINTMENT, id);
    if (link.isPresent()) {
      Optional<Appointment> ours = appointments.find(AppointmentId.of(link.get().localId()));
      if (ours.isPresent() && ours.get().status().occupiesTime()) {
        cancel(ours.get(), "Deleted in the EHR");
        return "cancelled:deleted";
      }
    }
    return "ignored:deleted";
  }

  private String appointment(org.hl7.fhir.r4.model.Appointment theirs, boolean again) {
    String remoteId = theirs.getIdElement().getIdPart();
    String version = version(theirs);
    Optional<IntegrationLink> link = links.byRemote(EhrLinks.APPOINTMENT, remoteId);
    if (!again && link.isPresent() && older(version, link.get().version())) {
      return "stale";
    }
    Optional<UUID> ours =
        EhrResources.ours(theirs, properties.identifiers().appointment()).flatMap(EhrChanges::uuid);
    if (ours.isPresent()) {
      return toOurs(theirs, ours.get(), again ? Optional.empty() : link, version);
    }
    if (link.isPresent()) {
      return toImported(theirs, link.get(), version);
    }
    return importNew(theirs, version);
  }

  /** A change to one of our appointments, made in the EHR (or our own write coming back). */
  private String toOurs(
      org.hl7.fhir.r4.model.Appointment theirs,
      UUID id,
      Optional<IntegrationLink> link,
      @Nullable String version) {
    String remoteId = theirs.getIdElement().getIdPart();
    if (link.isPresent() && version != null && version.equals(link.get().version())) {
      return "echo";
    }
    Optional<Appointment> found = appointments.find(AppointmentId.of(id));
    if (found.isEmpty()) {
      return "ignored:unknown-ours";
    }
    Appointment ours = found.get();
    links.link(EhrLinks.APPOINTMENT, id, remoteId, version);
    AppointmentStatus status = status(theirs);
    if (!status.occupiesTime() && status != AppointmentStatus.NOSHOW) {
      if (ours.status().occupiesTime()) {
        cancel(ours, "Cancelled in the EHR");
        return "cancelled";
      }
      return "unchanged";
    }
    String outcome = "unchanged";
    if (status != ours.status() && ours.status().canBecome(status) && progress(status)) {
      outcome = changeStatus(ours, status);
    }
    if (ours.status().occupiesTime() && differentTime(theirs, ours)) {
      // Ours was changed since the EHR's copy was written: our push brings it up to date.
      Instant theirsUpdated =
          theirs.getMeta().hasLastUpdated() ? theirs.getMeta().getLastUpdated().toInstant() : null;
      if (theirsUpdated != null && theirsUpdated.isBefore(ours.updatedAt())) {
        return outcome;
      }
      conflicts.flag(
          new Flag(
              Conflict.TIME_DIFFERS,
              id,
              ours.provider().value(),
              APPOINTMENT,
              remoteId,
              version,
              start(theirs),
              end(theirs),
              "The EHR holds this appointment at another time than Accueil ("
                  + start(theirs)
                  + " instead of "
                  + ours.start()
                  + "). Accueil keeps its time; change it here, or in the EHR, so they agree."));
      return "conflict:time-differs";
    }
    return outcome;
  }

  /** A change to an appointment the EHR booked and we recorded as a blocking one. */
  private String toImported(
      org.hl7.fhir.r4.model.Appointment theirs, IntegrationLink link, @Nullable String version) {
    Optional<Appointment> found = appointments.find(AppointmentId.of(link.localId()));
    if (found.isEmpty()) {
      links.unlink(EhrLinks.APPOINTMENT, link.localId());
      return importNew(theirs, version);
    }
    Appointment copy = found.get();
    String remoteId = theirs.getIdElement().getIdPart();
    AppointmentStatus status = status(theirs);
    if (!status.occupiesTime() && status != AppointmentStatus.NOSHOW) {
      links.link(EhrLinks.APPOINTMENT, copy.id().value(), remoteId, version);
      if (copy.status().occupiesTime()) {
        cancel(copy, "Cancelled in the EHR");
        conflicts.settledByItself(APPOINTMENT, remoteId, "The EHR cancelled its appointment.");
        return "cancelled";
      }
      return "unchanged";
    }
    Optional<ProviderId> provider = participants.provider(theirs);
    boolean moved =
        differentTime(theirs, copy)
            || (provider.isPresent() && !provider.get().equals(copy.provider()));
    if (moved && copy.status().occupiesTime()) {
      Optional<String> followed = follow(theirs, copy, provider, version);
      if (followed.isPresent()) {
        return followed.get();
      }
      // Another provider, or its new time is held here: our copy is cancelled, its old time
      // freed, and the EHR's appointment recorded anew (or flagged, as a new one would be).
      cancel(copy, "Moved in the EHR");
      links.unlink(EhrLinks.APPOINTMENT, copy.id().value());
      String outcome = importNew(theirs, version);
      return outcome.equals("imported") ? "moved" : outcome;
    }
    links.link(EhrLinks.APPOINTMENT, copy.id().value(), remoteId, version);
    if (status != copy.status() && copy.status().canBecome(status) && progress(status)) {
      return changeStatus(copy, status);
    }
    return "unchanged";
  }

  /**
   * The EHR moved its appointment to another time with the same provider: our copy follows, with
   * the same id and the EHR's length (a reschedule, not a cancellation and a new booking). Empty
   * when it cannot (another provider, the new time held here, no time given).
   */
  private Optional<String> follow(
      org.hl7.fhir.r4.model.Appointment theirs,
      Appointment copy,
      Optional<ProviderId> provider,
      @Nullable String version) {
    Instant start = start(theirs);
    Instant end = end(theirs);
    if (start == null
        || end == null
        || (provider.isPresent() && !provider.get().equals(copy.provider()))) {
      return Optional.empty();
    }
    Provider who = practice.snapshot().provider(copy.provider()).orElse(null);
    if (who == null) {
      return Optional.empty();
    }
    var result =
        appointments.recordMove(
            new RecordMove(copy.id(), start, end, who.id(), location(theirs, who), BY));
    if (!(result instanceof BookingResult.Success<Appointment>)) {
      return Optional.empty();
    }
    links.link(EhrLinks.APPOINTMENT, copy.id().value(), theirs.getIdElement().getIdPart(), version);
    return Optional.of("moved");
  }

  /** An appointment booked in the EHR, new to us. */
  private String importNew(org.hl7.fhir.r4.model.Appointment theirs, @Nullable String version) {
    String remoteId = theirs.getIdElement().getIdPart();
    AppointmentStatus status = status(theirs);
    if (!status.occupiesTime() || status == AppointmentStatus.PROPOSED) {
      conflicts.settledByItself(APPOINTMENT, remoteId, "The EHR cancelled its appointment.");
      return "ignored:" + status.code();
    }
    Instant start = start(theirs);
    Instant end = end(theirs);
    if (start == null || end == null) {
      return "ignored:no-time";
    }
    Optional<ProviderId> provider = participants.provider(theirs);
    if (provider.isEmpty()) {
      return unmapped(
          theirs,
          version,
          null,
          "This EHR appointment names no practitioner Accueil knows: map the EHR's Practitioner"
              + " to a provider, then retry.");
    }
    PracticeSnapshot snapshot = practice.snapshot();
    Provider who = snapshot.provider(provider.get()).orElseThrow();
    Optional<PatientId> patient;
    try {
      patient = patient(theirs);
    } catch (ProblemException e) {
      return unmapped(
          theirs,
          version,
          who.id().value(),
          "The EHR's patient of this appointment cannot be recorded in Accueil ("
              + e.getBody().getDetail()
              + ").");
    }
    if (patient.isEmpty()) {
      return unmapped(
          theirs,
          version,
          who.id().value(),
          "This EHR appointment has no patient, or one without a name and birth date.");
    }
    LocationId location = location(theirs, who);
    AppointmentTypeId type = type(theirs, who, snapshot);
    var result =
        appointments.importAppointment(
            new ImportAppointment(
                type, who.id(), location, null, patient.get(), start, status, Source.EHR, BY, end));
    return switch (result) {
      case BookingResult.Success<Appointment>(Appointment copy) -> {
        links.link(EhrLinks.APPOINTMENT, copy.id().value(), remoteId, version);
        conflicts.settledByItself(
            APPOINTMENT, remoteId, "Applied: the time is no longer held by another appointment.");
        yield "imported";
      }
      case BookingResult.Refused<Appointment>(Rejection reason) -> {
        UUID inTheWay = inTheWay(reason, who.id(), start, end);
        conflicts.flag(
            new Flag(
                Conflict.DOUBLE_BOOKED,
                inTheWay,
                who.id().value(),
                APPOINTMENT,
                remoteId,
                version,
                start,
                end,
                "The EHR booked "
                    + who.displayName()
                    + " at a time Accueil had already given"
                    + (inTheWay == null ? "" : " (appointment " + inTheWay + ")")
                    + ". Both are kept: decide which one the patient keeps."));
        yield "conflict:double-booked";
      }
    };
  }

  private String unmapped(
      org.hl7.fhir.r4.model.Appointment theirs,
      @Nullable String version,
      @Nullable UUID provider,
      String detail) {
    conflicts.flag(
        new Flag(
            Conflict.UNMAPPED,
            null,
            provider,
            APPOINTMENT,
            theirs.getIdElement().getIdPart(),
            version,
            start(theirs),
            end(theirs),
            detail));
    return "conflict:unmapped";
  }

  /** Our appointment in the way of theirs, as the refusal names it or as the calendar shows. */
  private @Nullable UUID inTheWay(
      Rejection reason, ProviderId provider, Instant start, Instant end) {
    if (reason instanceof Rejection.SlotTaken(var busy)) {
      Optional<UUID> named =
          busy.stream().map(b -> b.appointment()).filter(a -> a != null).findFirst();
      if (named.isPresent()) {
        return named.get();
      }
    }
    if (reason instanceof Rejection.PatientAlreadyBooked(UUID appointment)) {
      return appointment;
    }
    return appointments
        .list(
            new AppointmentQuery(
                start.minus(java.time.Duration.ofHours(12)), end, provider, null, null, 200))
        .stream()
        .filter(a -> a.status().occupiesTime() && a.start().isBefore(end) && a.end().isAfter(start))
        .map(a -> a.id().value())
        .findFirst()
        .orElse(null);
  }

  /**
   * The appointment's patient in our registry: linked, carrying our identifier, holding the EHR's
   * id as an identifier, or registered (the EHR is the patient's identity of record: the matcher
   * finds the record we have, or a new active one is made).
   */
  private Optional<PatientId> patient(org.hl7.fhir.r4.model.Appointment theirs) {
    Optional<String> reference =
        theirs.getParticipant().stream()
            .map(AppointmentParticipantComponent::getActor)
            .map(r -> r.getReference())
            .filter(r -> r != null && r.startsWith(PATIENT + "/"))
            .findFirst();
    if (reference.isEmpty()) {
      return Optional.empty();
    }
    String remoteId = reference.get().substring(PATIENT.length() + 1);
    Optional<IntegrationLink> link = links.byRemote(EhrLinks.PATIENT, remoteId);
    if (link.isPresent()) {
      return patients.current(PatientId.of(link.get().localId())).map(Patient::id);
    }
    var resource = ehr.read(org.hl7.fhir.r4.model.Patient.class, remoteId);
    String ourSystem = properties.identifiers().patient();
    Optional<PatientId> ours =
        resource.getIdentifier().stream()
            .filter(i -> ourSystem.equals(i.getSystem()))
            .map(i -> uuid(i.getValue()))
            .flatMap(Optional::stream)
            .map(PatientId::of)
            .flatMap(p -> patients.current(p).stream())
            .map(Patient::id)
            .findFirst();
    Identifier ehrId = new Identifier(ehrPatientSystem(), remoteId);
    if (ours.isEmpty()) {
      ours =
          patients.search(null, null, null, null, null, ehrId, Patients.LIVE, 2).stream()
              .map(Patient::id)
              .findFirst();
    }
    if (ours.isEmpty()) {
      var mapped = FhirPatients.details(resource, defaultCountry());
      PatientDetails details = mapped.details();
      if (details.givenName() == null
          || details.familyName() == null
          || details.birthDate() == null) {
        return Optional.empty();
      }
      List<Identifier> identifiers = new java.util.ArrayList<>(details.identifiersOrNone());
      identifiers.removeIf(i -> i.system().equals(ehrId.system()));
      identifiers.add(ehrId);
      if (identifiers.size() > 10) {
        identifiers = identifiers.subList(identifiers.size() - 10, identifiers.size());
      }
      PatientDetails withEhrId =
          new PatientDetails(
              details.givenName(),
              details.familyName(),
              details.birthDate(),
              details.phone(),
              details.email(),
              details.birthFamilyName(),
              details.sex(),
              details.address(),
              details.preferredLanguage(),
              details.preferredChannel(),
              identifiers);
      ours = Optional.of(patients.registration(withEhrId, Origin.EHR).patient().id());
    }
    links.link(EhrLinks.PATIENT, ours.get().value(), remoteId, version(resource));
    return ours;
  }

  private String ehrPatientSystem() {
    String configured = properties.identifiers().ehrPatient();
    return configured != null && !configured.isBlank()
        ? configured
        : properties.base() + "/" + PATIENT;
  }

  private String defaultCountry() {
    return practice.snapshot().locations().stream()
        .map(l -> l.address().country())
        .findFirst()
        .orElse("FR");
  }

  /** The mapped Location, else the provider's first location. */
  private LocationId location(org.hl7.fhir.r4.model.Appointment theirs, Provider provider) {
    return theirs.getParticipant().stream()
        .map(p -> p.getActor().getReference())
        .filter(r -> r != null && r.startsWith(LOCATION + "/"))
        .map(r -> links.byRemote(EhrLinks.LOCATION, r.substring(LOCATION.length() + 1)))
        .flatMap(Optional::stream)
        .map(l -> LocationId.of(l.localId()))
        .filter(provider.locations()::contains)
        .findFirst()
        .orElse(provider.locations().getFirst());
  }

  /**
   * Our type for theirs: our own code (one of ours written back), an administrator's mapping of the
   * EHR's coding, the configured default, else the first type the provider offers.
   */
  private AppointmentTypeId type(
      org.hl7.fhir.r4.model.Appointment theirs, Provider provider, PracticeSnapshot snapshot) {
    List<Coding> codings =
        java.util.stream.Stream.concat(
                theirs.getServiceType().stream().flatMap(c -> c.getCoding().stream()),
                theirs.getAppointmentType().getCoding().stream())
            .toList();
    String ourSystem = properties.identifiers().appointmentType();
    for (Coding coding : codings) {
      if (ourSystem.equals(coding.getSystem())) {
        Optional<AppointmentType> byCode = byCode(snapshot, coding.getCode());
        if (byCode.isPresent()) {
          return byCode.get().id();
        }
      }
      Optional<IntegrationLink> mapped =
          links.byRemote(EhrLinks.APPOINTMENT_TYPE, coding.getSystem() + "|" + coding.getCode());
      if (mapped.isPresent()) {
        return AppointmentTypeId.of(mapped.get().localId());
      }
    }
    String fallback = properties.inbound().appointmentType();
    if (fallback != null) {
      Optional<AppointmentType> configured = byCode(snapshot, fallback);
      if (configured.isPresent()) {
        return configured.get().id();
      }
    }
    return snapshot.appointmentTypes().stream()
        .filter(t -> t.active() && t.offeredBy(provider.id()))
        .findFirst()
        .or(() -> snapshot.appointmentTypes().stream().findFirst())
        .orElseThrow(() -> new IllegalStateException("The practice has no appointment type"))
        .id();
  }

  private static Optional<AppointmentType> byCode(PracticeSnapshot snapshot, String code) {
    return snapshot.appointmentTypes().stream().filter(t -> t.code().equals(code)).findFirst();
  }

  private void cancel(Appointment appointment, String reason) {
    appointments.cancel(new CancelAppointment(appointment.id(), reason, BY));
  }

  private String changeStatus(Appointment appointment, AppointmentStatus status) {
    try {
      appointments.changeStatus(appointment.id(), status);
      return "status:" + status.code();
    } catch (ProblemException e) {
      // Not a move the front desk could make here (a no-show before the visit began).
      return "ignored:status-" + status.code();
    }
  }

  /** The visit's progress, which the EHR's front desk records as ours would. */
  private static boolean progress(AppointmentStatus status) {
    return status == AppointmentStatus.ARRIVED
        || status == AppointmentStatus.CHECKED_IN
        || status == AppointmentStatus.FULFILLED
        || status == AppointmentStatus.NOSHOW;
  }

  private static boolean differentTime(org.hl7.fhir.r4.model.Appointment theirs, Appointment ours) {
    Instant start = start(theirs);
    Instant end = end(theirs);
    return start != null && end != null && (!start.equals(ours.start()) || !end.equals(ours.end()));
  }

  /** FHIR's statuses are ours, but for {@code waitlist}, which holds no time. */
  static AppointmentStatus status(org.hl7.fhir.r4.model.Appointment theirs) {
    var status = theirs.getStatus();
    if (status == null || status == org.hl7.fhir.r4.model.Appointment.AppointmentStatus.NULL) {
      return AppointmentStatus.ENTERED_IN_ERROR;
    }
    return switch (status) {
      case WAITLIST -> AppointmentStatus.CANCELLED;
      default -> AppointmentStatus.ofCode(status.toCode());
    };
  }

  static @Nullable Instant start(org.hl7.fhir.r4.model.Appointment theirs) {
    return theirs.hasStart() ? theirs.getStart().toInstant() : null;
  }

  static @Nullable Instant end(org.hl7.fhir.r4.model.Appointment theirs) {
    return theirs.hasEnd() ? theirs.getEnd().toInstant() : null;
  }

  static @Nullable String version(Resource resource) {
    return resource.getMeta().hasVersionId()
        ? resource.getMeta().getVersionId()
        : resource.getIdElement().getVersionIdPart();
  }

  /** Whether version {@code a} is before {@code b}; unknown when either is not a number. */
  static boolean older(@Nullable String a, @Nullable String b) {
    if (a == null || b == null) {
      return false;
    }
    try {
      return Long.parseLong(a) < Long.parseLong(b);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  static Optional<UUID> uuid(@Nullable String value) {
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(UUID.fromString(value));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
