package org.accueil.demo;

import ca.uhn.fhir.context.FhirContext;
import java.time.Duration;
import java.util.List;
import org.accueil.practice.AppointmentType;
import org.accueil.practice.PracticeDirectory;
import org.accueil.questionnaires.Questionnaires;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemOperator;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemType;
import org.hl7.fhir.r4.model.StringType;

/**
 * The demo practice's forms, in French (their own language), English and Italian: a new patient's
 * intake, the annual check-up's questionnaire and the paediatric visit's. Each is sent by a rule
 * when such a visit is booked, with a reminder two days before when it is still unanswered.
 */
final class DemoForms {

  static final String INTAKE = "new-patient-intake";
  static final String CHECKUP = "annual-checkup-questionnaire";
  static final String PAEDIATRIC = "paediatric-questionnaire";

  private DemoForms() {}

  /** Publishes the forms and rules not there yet; how many forms it published. */
  static int ensure(Questionnaires questionnaires, PracticeDirectory directory) {
    int published = 0;
    for (Questionnaire form : List.of(intake(), checkup(), paediatric())) {
      // Published once: a form an administrator retired or replaced stays as they left it.
      if (questionnaires.definitions(null, form.getName()).isEmpty()) {
        String json = FhirContext.forR4Cached().newJsonParser().encodeResourceToString(form);
        questionnaires.publish(json);
        published++;
      }
    }
    if (questionnaires.rules().isEmpty()) {
      Duration twoDays = Duration.ofDays(2);
      // New patients fill in the intake form whatever they booked.
      questionnaires.addRule(INTAKE, null, "new", twoDays);
      rule(questionnaires, directory, CHECKUP, "annual-checkup", twoDays);
      rule(questionnaires, directory, PAEDIATRIC, "paediatric-visit", twoDays);
    }
    return published;
  }

  private static void rule(
      Questionnaires questionnaires,
      PracticeDirectory directory,
      String form,
      String typeCode,
      Duration remind) {
    directory.snapshot().appointmentTypes().stream()
        .filter(t -> t.code().equals(typeCode))
        .map(AppointmentType::id)
        .findFirst()
        .ifPresent(type -> questionnaires.addRule(form, type.value(), "any", remind));
  }

  // ------------------------------------------------------------------------------ forms

  static Questionnaire intake() {
    Questionnaire q =
        form(
            INTAKE,
            "Questionnaire nouveau patient",
            "New patient questionnaire",
            "Questionario nuovo paziente");
    QuestionnaireItemComponent contact =
        group(q, "contact", "Vos coordonnées", "Your contact details", "I suoi recapiti");
    recordField(
        question(
            contact,
            "phone",
            QuestionnaireItemType.STRING,
            "Téléphone portable",
            "Mobile phone",
            "Cellulare"),
        "phone");
    recordField(
        question(
            contact,
            "email",
            QuestionnaireItemType.STRING,
            "Adresse e-mail",
            "E-mail address",
            "Indirizzo e-mail"),
        "email");
    recordField(
        question(
            contact,
            "address",
            QuestionnaireItemType.STRING,
            "Adresse postale",
            "Postal address",
            "Indirizzo postale"),
        "address");
    QuestionnaireItemComponent doctor =
        question(
            q,
            "gp",
            QuestionnaireItemType.STRING,
            "Nom de votre médecin traitant",
            "Name of your regular doctor",
            "Nome del suo medico di base");
    doctor.setRequired(false);
    QuestionnaireItemComponent health =
        group(q, "health", "Votre santé", "Your health", "La sua salute");
    QuestionnaireItemComponent allergic =
        question(
            health,
            "has-allergies",
            QuestionnaireItemType.BOOLEAN,
            "Avez-vous des allergies ?",
            "Do you have any allergies?",
            "Ha allergie?");
    allergic.setRequired(true);
    QuestionnaireItemComponent allergies =
        question(
            health,
            "allergies",
            QuestionnaireItemType.TEXT,
            "Lesquelles ? (médicaments, aliments, autres)",
            "Which ones? (medicines, food, other)",
            "Quali? (farmaci, alimenti, altro)");
    allergies.setRequired(true);
    recordField(allergies, "allergies");
    when(allergies, "has-allergies", new BooleanType(true));
    QuestionnaireItemComponent treated =
        question(
            health,
            "has-treatment",
            QuestionnaireItemType.BOOLEAN,
            "Prenez-vous un traitement régulier ?",
            "Do you take any regular treatment?",
            "Segue una terapia regolare?");
    treated.setRequired(true);
    QuestionnaireItemComponent medications =
        question(
            health, "medications", QuestionnaireItemType.TEXT, "Lequel ?", "Which one?", "Quale?");
    recordField(medications, "medications");
    when(medications, "has-treatment", new BooleanType(true));
    QuestionnaireItemComponent smoking =
        question(
            health,
            "smoking",
            QuestionnaireItemType.CHOICE,
            "Fumez-vous ?",
            "Do you smoke?",
            "Fuma?");
    option(smoking, "never", "Jamais", "Never", "Mai");
    option(smoking, "former", "Plus maintenant", "Not any more", "Non più");
    option(smoking, "current", "Oui", "Yes", "Sì");
    question(
        q,
        "reason",
        QuestionnaireItemType.TEXT,
        "Souhaitez-vous nous dire autre chose avant la visite ?",
        "Anything else you would like us to know before the visit?",
        "Vuole dirci altro prima della visita?");
    return q;
  }

  static Questionnaire checkup() {
    Questionnaire q =
        form(CHECKUP, "Bilan annuel", "Annual check-up", "Visita di controllo annuale");
    QuestionnaireItemComponent changed =
        question(
            q,
            "health-changed",
            QuestionnaireItemType.BOOLEAN,
            "Votre santé a-t-elle changé depuis la dernière visite ?",
            "Has your health changed since your last visit?",
            "La sua salute è cambiata dall'ultima visita?");
    changed.setRequired(true);
    QuestionnaireItemComponent what =
        question(
            q,
            "changes",
            QuestionnaireItemType.TEXT,
            "Qu'est-ce qui a changé ?",
            "What has changed?",
            "Che cosa è cambiato?");
    recordField(what, "conditions");
    when(what, "health-changed", new BooleanType(true));
    QuestionnaireItemComponent treatment =
        question(
            q,
            "medications",
            QuestionnaireItemType.TEXT,
            "Vos traitements actuels",
            "Your current treatments",
            "Le sue terapie attuali");
    recordField(treatment, "medications");
    QuestionnaireItemComponent activity =
        question(
            q,
            "activity",
            QuestionnaireItemType.INTEGER,
            "Combien d'heures d'activité physique par semaine ?",
            "How many hours of physical activity a week?",
            "Quante ore di attività fisica alla settimana?");
    activity.setRequired(false);
    QuestionnaireItemComponent sleep =
        question(
            q,
            "sleep",
            QuestionnaireItemType.CHOICE,
            "Comment dormez-vous ?",
            "How do you sleep?",
            "Come dorme?");
    option(sleep, "well", "Bien", "Well", "Bene");
    option(sleep, "average", "Moyennement", "So-so", "Così così");
    option(sleep, "badly", "Mal", "Badly", "Male");
    question(
        q,
        "last-blood-test",
        QuestionnaireItemType.DATE,
        "Date de votre dernière prise de sang (si vous la connaissez)",
        "Date of your last blood test (if you know it)",
        "Data dell'ultimo esame del sangue (se la conosce)");
    return q;
  }

  static Questionnaire paediatric() {
    Questionnaire q =
        form(PAEDIATRIC, "Consultation pédiatrique", "Paediatric visit", "Visita pediatrica");
    QuestionnaireItemComponent child = group(q, "child", "L'enfant", "The child", "Il bambino");
    question(
        child,
        "weight",
        QuestionnaireItemType.DECIMAL,
        "Poids (kg), si vous le connaissez",
        "Weight (kg), if you know it",
        "Peso (kg), se lo conosce");
    QuestionnaireItemComponent vaccines =
        question(
            child,
            "vaccines-up-to-date",
            QuestionnaireItemType.CHOICE,
            "Les vaccins sont-ils à jour ?",
            "Are the vaccinations up to date?",
            "Le vaccinazioni sono in regola?");
    option(vaccines, "yes", "Oui", "Yes", "Sì");
    option(vaccines, "no", "Non", "No", "No");
    option(vaccines, "unknown", "Je ne sais pas", "I don't know", "Non lo so");
    vaccines.setRequired(true);
    QuestionnaireItemComponent allergic =
        question(
            child,
            "has-allergies",
            QuestionnaireItemType.BOOLEAN,
            "L'enfant a-t-il des allergies ?",
            "Does the child have any allergies?",
            "Il bambino ha allergie?");
    allergic.setRequired(true);
    QuestionnaireItemComponent allergies =
        question(
            child,
            "allergies",
            QuestionnaireItemType.TEXT,
            "Lesquelles ?",
            "Which ones?",
            "Quali?");
    allergies.setRequired(true);
    recordField(allergies, "allergies");
    when(allergies, "has-allergies", new BooleanType(true));
    question(
        q,
        "concern",
        QuestionnaireItemType.TEXT,
        "Qu'est-ce qui vous amène ?",
        "What brings you in?",
        "Qual è il motivo della visita?");
    return q;
  }

  // ---------------------------------------------------------------------------- builders

  private static Questionnaire form(String name, String fr, String en, String it) {
    Questionnaire q = new Questionnaire();
    q.setName(name);
    q.setLanguage("fr");
    q.setStatus(PublicationStatus.ACTIVE);
    q.setTitleElement(translated(fr, en, it));
    q.addSubjectType("Patient");
    return q;
  }

  private static QuestionnaireItemComponent group(
      Questionnaire q, String linkId, String fr, String en, String it) {
    QuestionnaireItemComponent group = q.addItem();
    group
        .setLinkId(linkId)
        .setType(QuestionnaireItemType.GROUP)
        .setTextElement(translated(fr, en, it));
    return group;
  }

  private static QuestionnaireItemComponent question(
      Questionnaire q, String linkId, QuestionnaireItemType type, String fr, String en, String it) {
    QuestionnaireItemComponent item = q.addItem();
    item.setLinkId(linkId).setType(type).setTextElement(translated(fr, en, it));
    return item;
  }

  private static QuestionnaireItemComponent question(
      QuestionnaireItemComponent parent,
      String linkId,
      QuestionnaireItemType type,
      String fr,
      String en,
      String it) {
    QuestionnaireItemComponent item = parent.addItem();
    item.setLinkId(linkId).setType(type).setTextElement(translated(fr, en, it));
    return item;
  }

  private static void option(
      QuestionnaireItemComponent item, String code, String fr, String en, String it) {
    Coding coding =
        new Coding().setSystem("https://accueil.health/fhir/CodeSystem/demo-answers").setCode(code);
    coding.setDisplayElement(translated(fr, en, it));
    item.addAnswerOption().setValue(coding);
  }

  private static void when(
      QuestionnaireItemComponent item, String question, org.hl7.fhir.r4.model.Type answer) {
    item.addEnableWhen()
        .setQuestion(question)
        .setOperator(QuestionnaireItemOperator.EQUAL)
        .setAnswer(answer);
  }

  private static QuestionnaireItemComponent recordField(
      QuestionnaireItemComponent item, String field) {
    item.addCode().setSystem(Questionnaires.RECORD_FIELDS).setCode(field);
    return item;
  }

  private static StringType translated(String fr, String en, String it) {
    StringType text = new StringType(fr);
    text.addExtension(translation("en", en));
    text.addExtension(translation("it", it));
    return text;
  }

  private static Extension translation(String lang, String content) {
    Extension e = new Extension(Questionnaires.TRANSLATION);
    e.addExtension("lang", new org.hl7.fhir.r4.model.CodeType(lang));
    e.addExtension("content", new StringType(content));
    return e;
  }
}
