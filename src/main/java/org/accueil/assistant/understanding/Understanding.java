package org.accueil.assistant.understanding;

import java.util.List;
import java.util.Locale;
import org.accueil.practice.AppointmentTypeId;
import org.accueil.practice.ProviderId;
import org.jspecify.annotations.Nullable;

/**
 * What one message means.
 *
 * @param language the language it is written in, among the practice's
 * @param when the date or time it asks for (when it carries two, the one requested: "move Friday to
 *     Monday" asks for Monday), or null
 * @param provider the provider it names (by surname, with or without title, or by specialty when
 *     only one provider has it), or null
 * @param appointmentType the appointment type it names (its name or a synonym), or null
 * @param newPatient true for "first visit"/"new patient", false for "I am already a patient", null
 *     when it does not say
 * @param dependent who the visit is for when it is not the writer ("son", "daughter", "child",
 *     "mother", "father", "husband", "wife"...), or null
 * @param emergency true when red-flag triage matched
 * @param reasons how it was understood, one line per rule that fired, for staff and for tests
 */
public record Understanding(
    Locale language,
    Intent intent,
    @Nullable When when,
    @Nullable Named<ProviderId> provider,
    @Nullable Named<AppointmentTypeId> appointmentType,
    @Nullable Boolean newPatient,
    @Nullable String dependent,
    boolean emergency,
    List<String> reasons) {

  /** Something the practice has, with the name the patient sees. */
  public record Named<I>(I id, String name) {}
}
