package org.accueil.patients.internal;

import java.util.StringJoiner;
import org.accueil.patients.matching.NameKeys;
import org.accueil.patients.matching.NamePhonetics;
import org.jspecify.annotations.Nullable;

/**
 * The keys a record is stored with so that candidates are found by index: names normalised, their
 * coarse sound (blocking), and the text the staff's trigram search reads. The given name's sound is
 * that of its first word, so "Jean-Pierre" is found by "Jean" (and the birth date finds the rest).
 */
record MatchingKeys(
    @Nullable String givenKey,
    @Nullable String familyKey,
    @Nullable String birthFamilyKey,
    @Nullable String givenSound,
    @Nullable String familySound,
    @Nullable String birthFamilySound,
    @Nullable String searchText) {

  static MatchingKeys of(
      @Nullable String givenName, @Nullable String familyName, @Nullable String birthFamilyName) {
    String given = givenName == null ? null : NameKeys.key(givenName);
    String family = familyName == null ? null : NameKeys.key(familyName);
    String birth = birthFamilyName == null ? null : NameKeys.key(birthFamilyName);
    StringJoiner text = new StringJoiner(" ");
    for (String part : new String[] {given, family, birth}) {
      if (part != null && !part.isEmpty()) {
        text.add(part);
      }
    }
    return new MatchingKeys(
        given,
        family,
        birth,
        given == null ? null : givenSound(given),
        family == null ? null : NamePhonetics.blockingKey(family),
        birth == null ? null : NamePhonetics.blockingKey(birth),
        text.length() == 0 ? null : text.toString());
  }

  /** The blocking key of a given name: of its first word. */
  static String givenSound(String givenKey) {
    var tokens = NameKeys.tokens(givenKey);
    return NamePhonetics.blockingKey(tokens.isEmpty() ? givenKey : tokens.getFirst());
  }
}
