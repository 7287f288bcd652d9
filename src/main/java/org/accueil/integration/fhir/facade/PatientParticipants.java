package org.accueil.integration.fhir.facade;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.accueil.patients.PatientDetails;
import org.accueil.patients.PatientId;
import org.accueil.patients.Patients;
import org.accueil.patients.fhir.FhirPatients;
import org.accueil.practice.PatientCategory;
import org.accueil.practice.PracticeSnapshot;
import org.accueil.scheduling.AppointmentStatus;
import org.accueil.scheduling.Appointments;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Appointment.AppointmentParticipantComponent;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.jspecify.annotations.Nullable;

/**
 * Whom a booking is for, as the FHIR calls say it: {@code patient-id}, or the appointment's Patient
 * participant, a reference to one of ours ({@code Patient/<id>}) or a contained Patient whose
 * details are found again or registered as any booking's are.
 */
final class PatientParticipants {

  /** One of the two; both null when the call names nobody. */
  record ForWhom(@Nullable PatientId id, @Nullable PatientDetails details) {}

  private static final EnumSet<AppointmentStatus> SEEN =
      EnumSet.of(
          AppointmentStatus.ARRIVED, AppointmentStatus.CHECKED_IN, AppointmentStatus.FULFILLED);

  private final Patients patients;
  private final Appointments appointments;
  private final Validator validator;

  PatientParticipants(Patients patients, Appointments appointments, Validator validator) {
    this.patients = patients;
    this.appointments = appointments;
    this.validator = validator;
  }

  void existing(PatientId id) {
    if (patients.find(id).isEmpty()) {
      throw new InvalidRequestException("patient: there is no Patient/%s here.".formatted(id));
    }
  }

  /**
   * Returning once the patient has been seen (arrived, checked in or a visit fulfilled), as the
   * booking rules judge it; otherwise unknown, since their past visits may predate Accueil.
   */
  @Nullable PatientCategory categoryOf(PatientId id) {
    boolean seen =
        appointments.ofPatient(id, Locale.ENGLISH).stream()
            .anyMatch(a -> SEEN.contains(a.status()));
    return seen ? PatientCategory.RETURNING : null;
  }

  ForWhom forWhom(
      @Nullable String patientId, @Nullable Appointment resource, PracticeSnapshot snapshot) {
    if (patientId != null && !patientId.isBlank()) {
      return new ForWhom(PatientId.of(FhirIds.uuid("Patient", "patient-id", patientId)), null);
    }
    if (resource == null) {
      return new ForWhom(null, null);
    }
    UUID referenced = Target.actor(resource, "Patient");
    if (referenced != null) {
      return new ForWhom(PatientId.of(referenced), null);
    }
    Patient contained = contained(resource);
    return contained == null
        ? new ForWhom(null, null)
        : new ForWhom(null, details(contained, snapshot));
  }

  private static @Nullable Patient contained(Appointment resource) {
    for (AppointmentParticipantComponent participant : resource.getParticipant()) {
      if (participant.getActor().getResource() instanceof Patient patient) {
        return patient;
      }
      String reference = participant.getActor().getReference();
      if (reference != null && reference.startsWith("#")) {
        for (Resource inside : resource.getContained()) {
          if (inside instanceof Patient patient
              && reference.substring(1).equals(inside.getIdElement().getIdPart())) {
            return patient;
          }
        }
      }
    }
    return null;
  }

  /** The contained Patient's details, checked as a registration's are. */
  private PatientDetails details(Patient patient, PracticeSnapshot snapshot) {
    String country =
        snapshot.locations().stream().map(l -> l.address().country()).findFirst().orElse("FR");
    FhirPatients.Mapped mapped = FhirPatients.details(patient, country);
    List<String> problems = new java.util.ArrayList<>();
    for (FhirPatients.Unreadable unreadable : mapped.unreadable()) {
      problems.add(
          "Patient."
              + unreadable.field()
              + ": "
              + java.text.MessageFormat.format(
                  unreadable.english().replace("'", "''"), unreadable.value()));
    }
    for (ConstraintViolation<PatientDetails> violation : validator.validate(mapped.details())) {
      String field = violation.getPropertyPath().toString();
      String where = mapped.fields().getOrDefault(field, field);
      problems.add("Patient." + where + ": " + violation.getMessage());
    }
    if (!problems.isEmpty()) {
      throw new UnprocessableEntityException(
          "The contained Patient cannot be registered: " + String.join("; ", problems) + ".");
    }
    return mapped.details();
  }
}
