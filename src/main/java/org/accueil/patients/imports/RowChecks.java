package org.accueil.patients.imports;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.accueil.patients.Identifier;
import org.accueil.patients.PatientDetails;
import org.accueil.patients.fhir.FhirPatients.Unreadable;
import org.accueil.patients.internal.Normaliser;
import org.accueil.patients.internal.Registrar;
import org.accueil.platform.ProblemException;
import org.accueil.platform.StorableTexts;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * A row checked with the rules of {@code POST /api/v1/patients}: the same bean validation (person
 * names, a birth date not in the future, identifier grammar...), then the {@link Normaliser}'s (a
 * phone number that can be reached, an INS or codice fiscale whose key checks). Every problem of
 * the row is reported, not just the first, each in English, French and Italian.
 */
@Component
class RowChecks {

  /** The languages the report is written in; a reader gets theirs. */
  static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.FRENCH, Locale.ITALIAN);

  /** A row's outcome: its details cleaned for registration, or why it cannot be registered. */
  sealed interface Checked permits Valid, Invalid {}

  record Valid(PatientDetails clean) implements Checked {}

  record Invalid(List<BadRow.Error> errors) implements Checked {}

  private final Validator validator;
  private final Normaliser normaliser;
  private final Registrar registrar;
  private final MessageSource messages;

  RowChecks(
      Validator validator, Normaliser normaliser, Registrar registrar, MessageSource messages) {
    this.validator = validator;
    this.normaliser = normaliser;
    this.registrar = registrar;
    this.messages = messages;
  }

  Checked check(ImportRow row) {
    List<BadRow.Error> errors = new ArrayList<>();
    Set<String> faulty = new HashSet<>();
    for (Unreadable unreadable : row.unreadable()) {
      errors.add(error(unreadable.field(), "import-unreadable-value", unreadable));
      faulty.add(unreadable.field());
    }
    if (!row.readable()) {
      return new Invalid(errors);
    }
    PatientDetails details = row.details();
    unstorable(row, errors, faulty);
    violations(row, errors, faulty);
    if (!faulty.contains(row.field("phone"))) {
      try {
        normaliser.phone(details.phone(), "phone");
      } catch (ProblemException e) {
        errors.add(error(row.field("phone"), e));
      }
    }
    List<Identifier> identifiers = details.identifiersOrNone();
    for (int i = 0; i < identifiers.size(); i++) {
      String field = row.field("identifiers[" + i + "].value");
      if (faulty.contains(field)) {
        continue;
      }
      try {
        normaliser.identifier(identifiers.get(i), field);
      } catch (ProblemException e) {
        errors.add(error(field, e));
        faulty.add(field);
      }
    }
    if (!errors.isEmpty()) {
      errors.sort(Comparator.comparing(BadRow.Error::field));
      return new Invalid(errors);
    }
    return new Valid(registrar.normalised(details));
  }

  /** Control characters and broken surrogates, which no field may hold. */
  private void unstorable(ImportRow row, List<BadRow.Error> errors, Set<String> faulty) {
    PatientDetails d = row.details();
    Map<String, @Nullable String> texts = new LinkedHashMap<>();
    texts.put("givenName", d.givenName());
    texts.put("familyName", d.familyName());
    texts.put("birthFamilyName", d.birthFamilyName());
    texts.put("phone", d.phone());
    texts.put("email", d.email());
    if (d.address() != null) {
      texts.put("address.line", d.address().line());
      texts.put("address.postalCode", d.address().postalCode());
      texts.put("address.city", d.address().city());
    }
    for (int i = 0; i < d.identifiersOrNone().size(); i++) {
      texts.put("identifiers[" + i + "].value", d.identifiersOrNone().get(i).value());
    }
    texts.forEach(
        (path, text) -> {
          String field = row.field(path);
          if (text != null && StorableTexts.firstUnstorable(text) >= 0 && faulty.add(field)) {
            errors.add(
                error(
                    field,
                    "invalid-characters",
                    new Unreadable(
                        field,
                        "problem.invalid-characters",
                        "{0} holds a character that cannot be stored: a control character such as"
                            + " NUL, or half of a surrogate pair. Remove it.",
                        field)));
          }
        });
  }

  /**
   * Bean validation's findings, in each language: its messages are written in the language of the
   * thread's locale, so the row is validated once per language (only rows that fail pay for it).
   */
  private void violations(ImportRow row, List<BadRow.Error> errors, Set<String> faulty) {
    Locale before = LocaleContextHolder.getLocale();
    try {
      Map<String, Map<String, String>> byField = new LinkedHashMap<>();
      for (Locale language : LANGUAGES) {
        LocaleContextHolder.setLocale(language);
        Set<ConstraintViolation<PatientDetails>> found = validator.validate(row.details());
        if (found.isEmpty()) {
          return;
        }
        for (ConstraintViolation<PatientDetails> violation : found) {
          String field = row.field(violation.getPropertyPath().toString());
          if (faulty.contains(field)) {
            continue;
          }
          byField
              .computeIfAbsent(field, f -> new LinkedHashMap<>())
              .merge(
                  language.getLanguage(),
                  violation.getMessage(),
                  (a, b) -> a.equals(b) ? a : a + "; " + b);
        }
      }
      byField.forEach(
          (field, message) -> {
            errors.add(new BadRow.Error(field, "/problems/invalid-value", Map.copyOf(message)));
            faulty.add(field);
          });
    } finally {
      LocaleContextHolder.setLocale(before);
    }
  }

  /** A refusal of the registry's rules, as the API would have answered it, in each language. */
  BadRow.Error error(String field, ProblemException e) {
    Map<String, String> message = new LinkedHashMap<>();
    for (Locale language : LANGUAGES) {
      message.put(
          language.getLanguage(),
          messages.getMessage(
              e.getDetailMessageCode(),
              e.getDetailMessageArguments(),
              String.valueOf(e.getBody().getDetail()),
              language));
    }
    return new BadRow.Error(field, "/problems/" + e.slug(), Map.copyOf(message));
  }

  private BadRow.Error error(String field, String slug, Unreadable unreadable) {
    Map<String, String> message = new LinkedHashMap<>();
    Object[] arguments = {unreadable.value()};
    String english =
        java.text.MessageFormat.format(unreadable.english().replace("'", "''"), arguments);
    for (Locale language : LANGUAGES) {
      message.put(
          language.getLanguage(),
          messages.getMessage(unreadable.code(), arguments, english, language));
    }
    return new BadRow.Error(field, "/problems/" + slug, Map.copyOf(message));
  }
}
