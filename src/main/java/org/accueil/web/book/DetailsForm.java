package org.accueil.web.book;

import java.io.Serializable;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.accueil.patients.PatientDetails;
import org.accueil.patients.PhoneNumbers;
import org.accueil.platform.PersonNames;
import org.jspecify.annotations.Nullable;

/**
 * Who the patient says they are, as typed on the details page: kept as typed (also when refused),
 * so that a page shown again with its errors loses nothing. The date of birth is three fields (day,
 * month, year), as people know it, rather than a date picker.
 *
 * @param messages "yes" when the patient agrees to receive the confirmation and reminders
 */
record DetailsForm(
    @Nullable String givenName,
    @Nullable String familyName,
    @Nullable String birthDay,
    @Nullable String birthMonth,
    @Nullable String birthYear,
    @Nullable String phone,
    @Nullable String email,
    @Nullable String language,
    @Nullable String messages)
    implements Serializable {

  static final String[] LANGUAGES = {"fr", "en", "it"};

  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

  /** What a first visit to the page shows: the page's language, messages agreed to. */
  static DetailsForm blank(Locale language) {
    return new DetailsForm(null, null, null, null, null, null, null, language.getLanguage(), "yes");
  }

  public boolean agreesToMessages() {
    return "yes".equals(messages);
  }

  String languageOr(Locale fallback) {
    for (String code : LANGUAGES) {
      if (code.equals(language)) {
        return code;
      }
    }
    return fallback.getLanguage();
  }

  /**
   * What is wrong with the form, field by field, as message keys of {@code book.error.*}; empty
   * when it can be booked.
   *
   * @param region the practice's country, for numbers written without their country code
   */
  Map<String, String> errors(LocalDate today, String region) {
    Map<String, String> errors = new LinkedHashMap<>();
    name("givenName", "given-name", givenName, errors);
    name("familyName", "family-name", familyName, errors);
    if (blank(birthDay) && blank(birthMonth) && blank(birthYear)) {
      errors.put("birthDay", "book.error.birth-date.missing");
    } else {
      LocalDate born = birthDate();
      if (born == null) {
        errors.put("birthDay", "book.error.birth-date.invalid");
      } else if (born.isAfter(today) || born.isBefore(today.minusYears(130))) {
        errors.put("birthDay", "book.error.birth-date.range");
      }
    }
    if (blank(phone) && blank(email)) {
      errors.put("phone", "book.error.contact.missing");
    }
    if (!blank(phone) && PhoneNumbers.toE164(phone.strip(), region).isEmpty()) {
      errors.put("phone", "book.error.phone");
    }
    if (!blank(email)
        && (email.strip().length() > 254 || !EMAIL.matcher(email.strip()).matches())) {
      errors.put("email", "book.error.email");
    }
    return errors;
  }

  /** The details to book with; call only once {@link #errors} found none. */
  PatientDetails details(Locale fallback) {
    return new PatientDetails(
        PersonNames.normalized(Objects.requireNonNull(givenName)),
        PersonNames.normalized(Objects.requireNonNull(familyName)),
        Objects.requireNonNull(birthDate()),
        blank(phone) ? null : phone.strip(),
        blank(email) ? null : email.strip(),
        null,
        null,
        null,
        languageOr(fallback),
        null,
        null);
  }

  private @Nullable LocalDate birthDate() {
    try {
      int year = Integer.parseInt(birthYear == null ? "" : birthYear.strip());
      if (year < 1000) {
        return null;
      }
      return LocalDate.of(
          year,
          Integer.parseInt(birthMonth == null ? "" : birthMonth.strip()),
          Integer.parseInt(birthDay == null ? "" : birthDay.strip()));
    } catch (NumberFormatException | DateTimeException e) {
      return null;
    }
  }

  private static void name(
      String field, String key, @Nullable String value, Map<String, String> errors) {
    if (blank(value)) {
      errors.put(field, "book.error." + key + ".missing");
    } else if (!PersonNames.isName(PersonNames.normalized(value), 100)) {
      errors.put(field, "book.error." + key + ".invalid");
    }
  }

  private static boolean blank(@Nullable String value) {
    return value == null || value.isBlank();
  }

  /** No names, dates or numbers in logs. */
  @Override
  public String toString() {
    return "DetailsForm[…]";
  }
}
