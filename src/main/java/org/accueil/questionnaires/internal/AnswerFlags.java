package org.accueil.questionnaires.internal;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.accueil.patients.Patient;
import org.accueil.patients.PhoneNumbers;
import org.accueil.questionnaires.QuestionnaireAnswers.Flag;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.hl7.fhir.r4.model.Type;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * What a patient said about themself that staff must look at. An item coded with a field of the
 * record ({@link FhirForms#RECORD_FIELDS}) is compared with the record: a phone number, an e-mail
 * address, a postal address or a name that differs is flagged {@code differs}; allergies,
 * treatments and conditions in the patient's words are flagged {@code reported} whenever they say
 * something (the EHR holds them, a clinician enters them). Nothing is ever written to the record
 * from here: staff decide.
 */
@Component
public class AnswerFlags {

  /** Compared with the record. */
  static final Set<String> CONTACT =
      Set.of("phone", "email", "address", "given-name", "family-name");

  /** Clinical, in the patient's words. */
  static final Set<String> CLINICAL = Set.of("allergies", "medications", "conditions");

  /** Answers that say there is nothing to report. */
  private static final Set<String> NOTHING =
      Set.of(
          "", "none", "no", "nothing", "n/a", "na", "-", "aucun", "aucune", "rien", "non",
          "nessuno", "nessuna", "niente", "nulla");

  public List<Flag> of(
      Questionnaire q, FhirForms.Checked checked, Patient patient, String language) {
    List<Flag> flags = new ArrayList<>();
    Map<String, QuestionnaireItemComponent> items = FhirForms.itemsByLink(q);
    for (Map.Entry<String, List<Type>> answered : checked.answers().entrySet()) {
      QuestionnaireItemComponent item = items.get(answered.getKey());
      Optional<String> field = FhirForms.recordField(item);
      if (field.isEmpty()) {
        continue;
      }
      String answer =
          String.join(
              ", ",
              answered.getValue().stream().map(v -> FhirForms.shown(item, v, language)).toList());
      String question = FhirForms.text(item.getTextElement(), language);
      if (CLINICAL.contains(field.get())) {
        if (!NOTHING.contains(fold(answer))) {
          flags.add(new Flag(item.getLinkId(), field.get(), "reported", question, answer, null));
        }
      } else if (CONTACT.contains(field.get())) {
        String recorded = recorded(patient, field.get());
        if (!same(field.get(), answer, recorded)) {
          flags.add(new Flag(item.getLinkId(), field.get(), "differs", question, answer, recorded));
        }
      }
    }
    return flags;
  }

  private static @Nullable String recorded(Patient p, String field) {
    return switch (field) {
      case "phone" -> p.phone();
      case "email" -> p.email();
      case "given-name" -> p.givenName();
      case "family-name" -> p.familyName();
      case "address" ->
          p.address() == null
              ? null
              : String.join(
                  " ",
                  java.util.stream.Stream.of(
                          p.address().line(), p.address().postalCode(), p.address().city())
                      .filter(s -> s != null && !s.isBlank())
                      .toList());
      default -> null;
    };
  }

  private static boolean same(String field, String answer, @Nullable String recorded) {
    if (recorded == null) {
      return false;
    }
    if (field.equals("phone")) {
      return PhoneNumbers.sameNumber(answer, recorded);
    }
    return fold(answer).equals(fold(recorded));
  }

  static String fold(String text) {
    return Normalizer.normalize(text, Normalizer.Form.NFD)
        .replaceAll("\\p{M}", "")
        .toLowerCase(Locale.ROOT)
        .replaceAll("[\\s,.;]+", " ")
        .strip();
  }
}
