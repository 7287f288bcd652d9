package org.accueil.patients.matching;

import java.time.LocalDate;
import java.util.Set;
import org.accueil.patients.Sex;
import org.jspecify.annotations.Nullable;

/**
 * What is known of a person, to compare: the details someone gives (a probe) or a registry record
 * with all its phone numbers, e-mail addresses and identifiers. Names as written (the comparators
 * normalise them); phones in E.164; e-mails lower-cased; identifiers as {@code system|value}, the
 * value normalised.
 */
public record Traits(
    @Nullable String givenName,
    @Nullable String familyName,
    @Nullable String birthFamilyName,
    @Nullable LocalDate birthDate,
    @Nullable Sex sex,
    Set<String> phones,
    Set<String> emails,
    Set<String> identifiers) {

  public Traits {
    phones = Set.copyOf(phones);
    emails = Set.copyOf(emails);
    identifiers = Set.copyOf(identifiers);
  }

  @Override
  public String toString() {
    return "Traits[…]";
  }
}
