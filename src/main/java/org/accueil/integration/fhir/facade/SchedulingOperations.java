package org.accueil.integration.fhir.facade;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.accueil.integration.fhir.facade.FreeSlots.Found;
import org.accueil.patients.PatientId;
import org.accueil.platform.Actor;
import org.accueil.practice.AppointmentType;
import org.accueil.practice.LocationId;
import org.accueil.practice.PatientCategory;
import org.accueil.practice.PracticeDirectory;
import org.accueil.practice.PracticeSnapshot;
import org.accueil.practice.ProviderId;
import org.accueil.scheduling.Appointment;
import org.accueil.scheduling.AppointmentId;
import org.accueil.scheduling.Appointments;
import org.accueil.scheduling.BookingResult;
import org.accueil.scheduling.Commands.BookAppointment;
import org.accueil.scheduling.Commands.CancelAppointment;
import org.accueil.scheduling.Commands.HoldSlot;
import org.accueil.scheduling.Commands.RescheduleAppointment;
import org.accueil.scheduling.Hold;
import org.accueil.scheduling.Holds;
import org.accueil.scheduling.Refusals;
import org.accueil.scheduling.Source;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Reference;
import org.jspecify.annotations.Nullable;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The scheduling operations, Argonaut-style on R4 (as IHE ITI Scheduling carries them on): {@code
 * $find} proposes free times, {@code $hold} keeps one for a few minutes ({@code pending}), {@code
 * $book} books it ({@code booked}). They go through the scheduling module's front door, so the same
 * rules apply as to any booking and the database's exclusion constraints give the same guarantee:
 * however many callers book one time at once, one gets it and the others an OperationOutcome saying
 * what is in the way.
 */
final class SchedulingOperations {

  private final PracticeDirectory practice;
  private final FreeSlots freeSlots;
  private final Holds holds;
  private final Appointments appointments;
  private final PatientParticipants patients;
  private final TransactionTemplate transaction;

  SchedulingOperations(
      PracticeDirectory practice,
      FreeSlots freeSlots,
      Holds holds,
      Appointments appointments,
      PatientParticipants patients,
      TransactionTemplate transaction) {
    this.practice = practice;
    this.freeSlots = freeSlots;
    this.holds = holds;
    this.appointments = appointments;
    this.patients = patients;
    this.transaction = transaction;
  }

  /**
   * Free times as {@code proposed} appointments, earliest first, each naming its slot; its id is
   * what {@code $hold} and {@code $book} take as {@code appt-id}. {@code start} and {@code end}
   * bound the period (a date alone is that whole day; a week from start without an end).
   */
  @Operation(name = "$find", type = org.hl7.fhir.r4.model.Appointment.class, idempotent = true)
  public Bundle find(
      @OperationParam(name = "start") @Nullable String start,
      @OperationParam(name = "end") @Nullable String end,
      @OperationParam(name = "practitioner", max = OperationParam.MAX_UNLIMITED)
          @Nullable List<Reference> practitioners,
      @OperationParam(name = "location") @Nullable Reference location,
      @OperationParam(name = "service-type", max = OperationParam.MAX_UNLIMITED)
          @Nullable List<String> serviceTypes,
      @OperationParam(name = "visit-type", max = OperationParam.MAX_UNLIMITED)
          @Nullable List<String> visitTypes,
      @OperationParam(name = "patient") @Nullable Reference patient,
      @OperationParam(name = "new-patient") @Nullable BooleanType newPatient,
      @OperationParam(name = "_count") @Nullable IntegerType count,
      RequestDetails request) {
    PracticeSnapshot snapshot = practice.snapshot();
    Set<ProviderId> providers = new LinkedHashSet<>();
    for (Reference practitioner : practitioners == null ? List.<Reference>of() : practitioners) {
      UUID id = FhirIds.uuid("Practitioner", "practitioner", practitioner.getReference());
      if (snapshot.provider(ProviderId.of(id)).isEmpty()) {
        throw new InvalidRequestException(
            "practitioner: there is no Practitioner/%s here.".formatted(id));
      }
      providers.add(ProviderId.of(id));
    }
    LocationId site = null;
    if (location != null && location.getReference() != null) {
      site = LocationId.of(FhirIds.uuid("Location", "location", location.getReference()));
      if (snapshot.location(site).isEmpty()) {
        throw new InvalidRequestException(
            "location: there is no Location/%s here.".formatted(site));
      }
    }
    List<String> tokens = new ArrayList<>();
    if (serviceTypes != null) {
      tokens.addAll(serviceTypes);
    }
    if (visitTypes != null) {
      tokens.addAll(visitTypes);
    }
    List<AppointmentType> types = ServiceTypes.resolve("service-type", tokens, snapshot);
    PatientId patientId = null;
    if (patient != null && patient.getReference() != null) {
      patientId = PatientId.of(FhirIds.uuid("Patient", "patient", patient.getReference()));
      patients.existing(patientId);
    }
    PatientCategory category =
        newPatient != null && newPatient.getValue() != null
            ? (newPatient.booleanValue() ? PatientCategory.NEW : PatientCategory.RETURNING)
            : patientId == null ? null : patients.categoryOf(patientId);
    int limit =
        count == null || count.getValue() == null
            ? FreeSlots.MAX_RESULTS
            : Math.max(0, Math.min(count.getValue(), FreeSlots.MAX_RESULTS));
    Locale locale = LocaleContextHolder.getLocale();
    List<Found> found =
        freeSlots.find(
            snapshot,
            providers,
            site,
            types,
            SearchPeriod.between(start, end),
            category,
            limit,
            "start");
    Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
    bundle.setId(UUID.randomUUID().toString());
    bundle.setTotal(found.size());
    String base = request.getFhirServerBase();
    String patientIdText = patientId == null ? null : patientId.value().toString();
    for (Found f : found) {
      var proposal = FhirResources.proposed(f.slot(), f.type(), snapshot, patientIdText, locale);
      bundle
          .addEntry()
          .setFullUrl(base + "/Appointment/" + proposal.getIdElement().getIdPart())
          .setResource(proposal)
          .getSearch()
          .setMode(Bundle.SearchEntryMode.MATCH);
    }
    return bundle;
  }

  /**
   * Keeps a proposed time for {@code accueil.scheduling.hold-duration} (5 minutes by default):
   * answers the hold as a {@code pending} appointment, whose id {@code $book} takes. {@code
   * new-patient} (Accueil's) says whether the patient is new to the practice, for the rules that
   * care.
   */
  @Operation(name = "$hold", type = org.hl7.fhir.r4.model.Appointment.class)
  public IBaseResource hold(
      @OperationParam(name = "appt-id") @Nullable String appointmentId,
      @OperationParam(name = "appt-resource") org.hl7.fhir.r4.model.@Nullable Appointment resource,
      @OperationParam(name = "new-patient") @Nullable BooleanType newPatient) {
    PracticeSnapshot snapshot = practice.snapshot();
    Target target = Target.of(appointmentId, resource, snapshot);
    if (!(target instanceof Target.Free free)) {
      throw new UnprocessableEntityException(
          "This time is already held (%s); book it with $book and appt-id."
              .formatted(((Target.Held) target).hold()));
    }
    BookingResult<Hold> result =
        holds.hold(
            new HoldSlot(
                free.type(),
                free.provider(),
                free.start(),
                free.location(),
                category(newPatient),
                Actor.current().reference()));
    return switch (result) {
      case BookingResult.Success<Hold>(Hold hold) ->
          FhirResources.hold(hold, practice.snapshot(), true, LocaleContextHolder.getLocale());
      case BookingResult.Refused<Hold>(var reason) -> throw Refusals.problem(reason);
    };
  }

  /**
   * Books a hold ({@code appt-id} of a {@code pending} appointment) or a free time ({@code appt-id}
   * of a proposal, or {@code appt-resource}) for the patient {@code patient-id} names, or the
   * appointment's Patient participant ({@code Patient/<id>}, or a contained Patient: found again or
   * registered, as a booking with patient details is). With {@code cancelled-appt-id}, moves that
   * appointment instead, in one transaction: nobody can take either time meanwhile.
   */
  @Operation(name = "$book", type = org.hl7.fhir.r4.model.Appointment.class)
  public IBaseResource book(
      @OperationParam(name = "appt-id") @Nullable String appointmentId,
      @OperationParam(name = "appt-resource") org.hl7.fhir.r4.model.@Nullable Appointment resource,
      @OperationParam(name = "patient-id") @Nullable String patientId,
      @OperationParam(name = "cancelled-appt-id") @Nullable String cancelledId,
      @OperationParam(name = "new-patient") @Nullable BooleanType newPatient) {
    PracticeSnapshot snapshot = practice.snapshot();
    Target target = Target.of(appointmentId, resource, snapshot);
    Appointment booked =
        cancelledId != null && !cancelledId.isBlank()
            ? rebook(
                target,
                AppointmentId.of(FhirIds.uuid("Appointment", "cancelled-appt-id", cancelledId)),
                patientId,
                resource)
            : book(target, patients.forWhom(patientId, resource, snapshot), newPatient);
    return FhirResources.appointment(booked, practice.snapshot(), LocaleContextHolder.getLocale());
  }

  private Appointment book(
      Target target, PatientParticipants.ForWhom patient, @Nullable BooleanType newPatient) {
    if (patient.id() == null && patient.details() == null) {
      throw new InvalidRequestException(
          "Say who the appointment is for: patient-id (Patient/<id>), or a Patient participant in"
              + " appt-resource (Patient/<id>, or a contained Patient to find again or register).");
    }
    BookAppointment command =
        switch (target) {
          case Target.Held(AppointmentId hold) ->
              new BookAppointment(
                  hold,
                  null,
                  null,
                  null,
                  null,
                  patient.id(),
                  patient.details(),
                  flag(newPatient),
                  Source.API,
                  Actor.current().reference());
          case Target.Free free ->
              new BookAppointment(
                  null,
                  free.type(),
                  free.provider(),
                  free.start(),
                  free.location(),
                  patient.id(),
                  patient.details(),
                  flag(newPatient),
                  Source.API,
                  Actor.current().reference());
        };
    return outcome(appointments.book(command));
  }

  /**
   * A reschedule: a free time moves the appointment there (the same appointment, its new time); a
   * hold is booked for the same patient and the old appointment cancelled, both or neither.
   */
  private Appointment rebook(
      Target target,
      AppointmentId cancelled,
      @Nullable String patientId,
      org.hl7.fhir.r4.model.@Nullable Appointment resource) {
    String by = Actor.current().reference();
    Appointment old =
        appointments
            .find(cancelled)
            .orElseThrow(
                () ->
                    new UnprocessableEntityException(
                        "cancelled-appt-id: there is no Appointment/%s to move."
                            .formatted(cancelled)));
    PatientParticipants.ForWhom named = patients.forWhom(patientId, resource, practice.snapshot());
    if (named.id() != null && !named.id().equals(old.patient())) {
      throw new UnprocessableEntityException(
          "cancelled-appt-id: Appointment/%s is another patient's; a reschedule keeps the patient."
              .formatted(cancelled));
    }
    return switch (target) {
      case Target.Free free -> {
        if (!free.type().equals(old.type())) {
          throw new UnprocessableEntityException(
              ("cancelled-appt-id: a reschedule keeps the visit's type; book the new type and"
                      + " cancel Appointment/%s instead.")
                  .formatted(cancelled));
        }
        yield outcome(
            appointments.reschedule(
                new RescheduleAppointment(
                    cancelled,
                    free.start(),
                    free.provider().equals(old.provider()) ? null : free.provider(),
                    free.location(),
                    by)));
      }
      case Target.Held(AppointmentId hold) ->
          transaction.execute(
              status -> {
                Appointment booked =
                    outcome(
                        appointments.book(
                            new BookAppointment(
                                hold,
                                null,
                                null,
                                null,
                                null,
                                old.patient(),
                                null,
                                old.newPatient(),
                                Source.API,
                                by)));
                appointments.cancel(
                    new CancelAppointment(cancelled, "Rescheduled to " + booked.id(), by));
                return booked;
              });
    };
  }

  private static Appointment outcome(BookingResult<Appointment> result) {
    return switch (result) {
      case BookingResult.Success<Appointment>(Appointment appointment) -> appointment;
      case BookingResult.Refused<Appointment>(var reason) -> throw Refusals.problem(reason);
    };
  }

  private static @Nullable Boolean flag(@Nullable BooleanType value) {
    return value == null || value.getValue() == null ? null : value.booleanValue();
  }

  private static @Nullable PatientCategory category(@Nullable BooleanType newPatient) {
    Boolean flag = flag(newPatient);
    return flag == null ? null : flag ? PatientCategory.NEW : PatientCategory.RETURNING;
  }
}
