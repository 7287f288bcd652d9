package org.accueil.scheduling;

import org.accueil.practice.AppointmentType;
import org.accueil.practice.PatientCategory;
import org.accueil.scheduling.jdbc.AppointmentRepository;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** New or returning: what booking rules about patient categories need to know. */
@Component
class PatientCategories {

  private final AppointmentRepository appointments;

  PatientCategories(AppointmentRepository appointments) {
    this.appointments = appointments;
  }

  /**
   * What the caller says; else returning when the patient has been seen before; else new for a
   * new-patients-only type; else unknown. We never guess "new" from an empty history: the
   * practice's past visits may predate Accueil.
   */
  @Nullable PatientCategory of(
      @Nullable Boolean newPatient, AppointmentType type, ForPatient patient) {
    if (newPatient != null) {
      return ofFlag(newPatient);
    }
    if (!patient.registeredNow() && appointments.seenBefore(patient.id())) {
      return PatientCategory.RETURNING;
    }
    return type.newPatientsOnly() ? PatientCategory.NEW : null;
  }

  static @Nullable PatientCategory ofFlag(@Nullable Boolean newPatient) {
    return newPatient == null ? null : newPatient ? PatientCategory.NEW : PatientCategory.RETURNING;
  }

  static @Nullable Boolean flag(@Nullable PatientCategory category) {
    return category == null ? null : category == PatientCategory.NEW;
  }
}
