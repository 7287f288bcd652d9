package org.accueil.web.forms;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.accueil.patients.PatientDetails;
import org.accueil.questionnaires.QuestionnaireDefinition;
import org.accueil.questionnaires.QuestionnaireRequest;
import org.accueil.questionnaires.Questionnaires;
import org.accueil.scheduling.Appointment;
import org.accueil.scheduling.Appointments;
import org.accueil.scheduling.BookingResult;
import org.accueil.scheduling.Commands.BookAppointment;
import org.accueil.scheduling.Source;
import org.accueil.testing.ClinicFixture;
import org.accueil.testing.Tags;

/**
 * A form like the demo's, in French with English and Italian translations (a text, a yes/no with a
 * question that depends on it, a choice, a group with a date and a whole number), sent on every
 * booking of this clinic's consultation; and a patient booked so that it was sent to them.
 */
final class FormFixture {

  static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  final QuestionnaireDefinition definition;
  final Appointment appointment;
  final QuestionnaireRequest request;
  final String token;

  private FormFixture(
      QuestionnaireDefinition definition,
      Appointment appointment,
      QuestionnaireRequest request,
      String token) {
    this.definition = definition;
    this.appointment = appointment;
    this.request = request;
    this.token = token;
  }

  /** Publishes the form, its rule for {@code clinic}'s consultation, and books a patient. */
  static FormFixture create(
      Questionnaires questionnaires,
      Appointments appointments,
      ClinicFixture clinic,
      String language) {
    String name = "Intake" + Tags.letters();
    QuestionnaireDefinition d = questionnaires.publish(questionnaire(name));
    questionnaires.addRule(d.code(), clinic.consultation.id().value(), "any", null);
    Appointment booked = book(appointments, clinic, language);
    QuestionnaireRequest request =
        questionnaires.requests(booked.patient(), booked.id().value(), 10).getFirst();
    return new FormFixture(d, booked, request, questionnaires.token(request.id()).orElseThrow());
  }

  /** Another patient booked: another request for the same form, with its own link. */
  static String another(
      Questionnaires questionnaires, Appointments appointments, ClinicFixture clinic) {
    Appointment booked = book(appointments, clinic, "en");
    QuestionnaireRequest request =
        questionnaires.requests(booked.patient(), booked.id().value(), 10).getFirst();
    return questionnaires.token(request.id()).orElseThrow();
  }

  private static Appointment book(
      Appointments appointments, ClinicFixture clinic, String language) {
    var details =
        new PatientDetails(
            "Lina",
            "Form-" + Tags.letters(),
            LocalDate.of(1990, 4, 2),
            "06 12 " + digits(),
            null,
            null,
            null,
            null,
            language,
            null,
            null);
    Instant start = LocalDateTime.of(2027, 3, 2, 9, 0).atZone(PARIS).toInstant();
    for (int i = 0; ; i++) {
      var result =
          appointments.book(
              new BookAppointment(
                  null,
                  clinic.consultation.id(),
                  clinic.provider.id(),
                  start.plusSeconds(1800L * i),
                  null,
                  null,
                  details,
                  null,
                  Source.STAFF,
                  "test"));
      if (result instanceof BookingResult.Success<Appointment> success) {
        return success.value();
      }
    }
  }

  private static String digits() {
    StringBuilder b = new StringBuilder();
    java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
    for (int i = 0; i < 6; i++) {
      b.append(r.nextInt(10));
    }
    return b.substring(0, 2) + " " + b.substring(2, 4) + " " + b.substring(4, 6);
  }

  private static String translated(String en, String it) {
    return """
        {"extension": [
          {"url": "http://hl7.org/fhir/StructureDefinition/translation", "extension": [
            {"url": "lang", "valueCode": "en"}, {"url": "content", "valueString": "%s"}]},
          {"url": "http://hl7.org/fhir/StructureDefinition/translation", "extension": [
            {"url": "lang", "valueCode": "it"}, {"url": "content", "valueString": "%s"}]}]}
        """
        .formatted(en, it);
  }

  static String questionnaire(String name) {
    return """
        {"resourceType": "Questionnaire", "name": "%s", "status": "active", "language": "fr",
         "title": "Avant votre visite", "_title": %s,
         "item": [
          {"linkId": "reason", "type": "string", "required": true, "maxLength": 200,
           "text": "Motif de la visite", "_text": %s},
          {"linkId": "meds", "type": "boolean", "required": true,
           "text": "Prenez-vous des médicaments ?", "_text": %s},
          {"linkId": "meds-list", "type": "text", "required": true,
           "text": "Lesquels ?", "_text": %s,
           "enableWhen": [{"question": "meds", "operator": "=", "answerBoolean": true}]},
          {"linkId": "smoking", "type": "choice",
           "text": "Fumez-vous ?", "_text": %s,
           "answerOption": [
             {"valueCoding": {"system": "http://example.org/smoking", "code": "never",
               "display": "Jamais", "_display": %s}},
             {"valueCoding": {"system": "http://example.org/smoking", "code": "sometimes",
               "display": "Parfois", "_display": %s}},
             {"valueCoding": {"system": "http://example.org/smoking", "code": "daily",
               "display": "Tous les jours", "_display": %s}}]},
          {"linkId": "you", "type": "group", "text": "Vous", "_text": %s,
           "item": [
            {"linkId": "last-visit", "type": "date",
             "text": "Date de votre dernière visite chez un médecin", "_text": %s},
            {"linkId": "height", "type": "integer", "text": "Taille (cm)", "_text": %s}]}
         ]}
        """
        .formatted(
            name,
            translated("Before your visit", "Prima della visita"),
            translated("Reason for your visit", "Motivo della visita"),
            translated("Do you take any medication?", "Prende farmaci?"),
            translated("Which ones?", "Quali?"),
            translated("Do you smoke?", "Fuma?"),
            translated("Never", "Mai"),
            translated("Sometimes", "A volte"),
            translated("Every day", "Ogni giorno"),
            translated("About you", "Su di lei"),
            translated("When did you last see a doctor?", "Ultima visita da un medico"),
            translated("Height (cm)", "Altezza (cm)"));
  }
}
