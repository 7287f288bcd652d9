package org.accueil.patients.matching;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Compares two people's names: given with given and family with family, also in swapped order
 * (forms and callers mix them up) and against the name at birth (a married name on one record, the
 * maiden name on the other). The best reading wins.
 */
final class NameComparator {

  /** The reading of two records' names that agrees best. */
  record Names(
      Agreement given,
      Agreement family,
      boolean swapped,
      boolean viaBirthName,
      boolean knownGivenNamesDiffer,
      boolean givenCertain,
      double weight) {}

  private final GivenNames names;
  private final Weights weights;

  NameComparator(GivenNames names, Weights weights) {
    this.names = names;
    this.weights = weights;
  }

  Names compare(Traits a, Traits b) {
    Names straight = reading(a.givenName(), a, b.givenName(), b, false);
    if (a.givenName() == null || a.familyName() == null) {
      return straight;
    }
    Traits swappedA =
        new Traits(
            a.familyName(),
            a.givenName(),
            null,
            a.birthDate(),
            a.sex(),
            a.phones(),
            a.emails(),
            a.identifiers());
    Names swapped = reading(swappedA.givenName(), swappedA, b.givenName(), b, true);
    return swapped.weight() > straight.weight() ? swapped : straight;
  }

  private Names reading(
      @Nullable String givenA, Traits a, @Nullable String givenB, Traits b, boolean swapped) {
    GivenAgreement given = given(givenA, givenB);
    Agreement family = Agreement.MISSING;
    boolean viaBirthName = false;
    for (FamilyName familyA : familyNames(a)) {
      for (FamilyName familyB : familyNames(b)) {
        Agreement agreement = family(familyA.name(), familyB.name());
        if (agreement.ordinal() < family.ordinal()) {
          family = agreement;
          viaBirthName = familyA.atBirth() || familyB.atBirth();
        }
      }
    }
    double weight =
        givenWeight(given.agreement())
            + familyWeight(family)
            + (swapped ? weights.namesSwapped() : 0)
            // A maiden name agreeing is a little less telling than the name in use.
            + (viaBirthName && family != Agreement.MISSING ? -0.5 : 0);
    return new Names(
        given.agreement(),
        family,
        swapped,
        viaBirthName,
        given.knownNamesDiffer(),
        given.certain(),
        weight);
  }

  private record FamilyName(String name, boolean atBirth) {}

  private static List<FamilyName> familyNames(Traits t) {
    List<FamilyName> all = new ArrayList<>(2);
    if (t.familyName() != null) {
      all.add(new FamilyName(t.familyName(), false));
    }
    if (t.birthFamilyName() != null) {
      all.add(new FamilyName(t.birthFamilyName(), true));
    }
    return all;
  }

  /**
   * @param knownNamesDiffer both are existing names, and not forms of one name
   * @param certain the same person's given name beyond doubt: written alike, part of a compound, or
   *     a nickname that belongs to one sex only (Lou is Louis's and Louise's: not certain)
   */
  record GivenAgreement(Agreement agreement, boolean knownNamesDiffer, boolean certain) {
    static GivenAgreement of(Agreement agreement, boolean knownNamesDiffer) {
      return new GivenAgreement(agreement, knownNamesDiffer, false);
    }
  }

  GivenAgreement given(@Nullable String a, @Nullable String b) {
    if (a == null || b == null) {
      return GivenAgreement.of(Agreement.MISSING, false);
    }
    String ka = NameKeys.key(a);
    String kb = NameKeys.key(b);
    String ca = NameKeys.compact(ka);
    String cb = NameKeys.compact(kb);
    if (ca.equals(cb)) {
      return new GivenAgreement(Agreement.EXACT, false, true);
    }
    if (names.areVariants(ka, kb)) {
      // Lou is Louis's and Louise's: twins may both answer to it.
      boolean eitherSex = names.sexOf(ka) == NameSex.EITHER || names.sexOf(kb) == NameSex.EITHER;
      return new GivenAgreement(Agreement.VARIANT, false, !eitherSex);
    }
    if (oneContainsTheOther(ka, kb)) {
      return new GivenAgreement(Agreement.PARTIAL, false, true);
    }
    boolean sound = NamePhonetics.sameSound(ka, kb);
    boolean shortened = shortened(ca, cb);
    boolean typo = slip(ca, cb);
    if (names.isKnown(ka) && names.isKnown(kb)) {
      if (opposite(names.sexOf(ka), names.sexOf(kb))) {
        return GivenAgreement.of(Agreement.DISTINCT, true);
      }
      // Marie and Maria, Léon and Léo: a slip, or two sisters. Never linked on its own.
      if (sound) {
        return GivenAgreement.of(Agreement.SOUND, true);
      }
      if (shortened) {
        return GivenAgreement.of(Agreement.SHORTENED, true);
      }
      return GivenAgreement.of(typo ? Agreement.TYPO : Agreement.DISTINCT, true);
    }
    if (sound) {
      return GivenAgreement.of(Agreement.SOUND, false);
    }
    if (shortened) {
      return GivenAgreement.of(Agreement.SHORTENED, false);
    }
    if (!typo) {
      return GivenAgreement.of(Agreement.DIFFERENT, false);
    }
    // A misspelling of one known name and of no other is that name; one between two names
    // (a twin's?) is for a person to settle.
    boolean onlyOne = names.isKnown(ka) ? names.onlyNameNear(kb, ka) : names.onlyNameNear(ka, kb);
    return new GivenAgreement(Agreement.TYPO, false, onlyOne);
  }

  /** "max" and "maximilien", "annesophie" and "anneso": three letters at least. */
  private static boolean shortened(String a, String b) {
    String shorter = a.length() <= b.length() ? a : b;
    String longer = a.length() <= b.length() ? b : a;
    return shorter.length() >= 3 && longer.startsWith(shorter);
  }

  /**
   * A slip of the keyboard in a given name, looser than for family names since it never links on
   * its own: one edit in names of three letters or more (Lae for Léa), two from six letters.
   */
  private static boolean slip(String a, String b) {
    int shorter = Math.min(a.length(), b.length());
    if (shorter < 3) {
      return false;
    }
    int allowed = shorter >= 6 ? 2 : 1;
    return Typos.distance(a, b, allowed) <= allowed || Typos.close(a, b);
  }

  Agreement family(String a, String b) {
    String ka = NameKeys.key(a);
    String kb = NameKeys.key(b);
    String ca = NameKeys.compact(ka);
    String cb = NameKeys.compact(kb);
    if (ca.equals(cb)) {
      return Agreement.EXACT;
    }
    if (NameKeys.core(ka).equals(NameKeys.core(kb)) || oneContainsTheOther(ka, kb)) {
      return Agreement.PARTIAL;
    }
    if (NamePhonetics.sameSound(ka, kb)) {
      return Agreement.SOUND;
    }
    return Typos.close(ca, cb) ? Agreement.TYPO : Agreement.DIFFERENT;
  }

  /** "jean pierre" and "jean", "martin durand" and "durand": every word of one is in the other. */
  private static boolean oneContainsTheOther(String ka, String kb) {
    Set<String> ta = new HashSet<>(NameKeys.tokens(ka));
    Set<String> tb = new HashSet<>(NameKeys.tokens(kb));
    return ta.containsAll(tb) || tb.containsAll(ta);
  }

  private static boolean opposite(NameSex a, NameSex b) {
    return (a == NameSex.FEMALE && b == NameSex.MALE) || (a == NameSex.MALE && b == NameSex.FEMALE);
  }

  private double givenWeight(Agreement agreement) {
    return switch (agreement) {
      case EXACT -> weights.givenExact();
      case VARIANT -> weights.givenVariant();
      case PARTIAL -> weights.givenPartial();
      case SHORTENED -> weights.givenTypo();
      case SOUND -> weights.givenSound();
      case TYPO -> weights.givenTypo();
      case DISTINCT -> weights.givenDistinct();
      case DIFFERENT -> weights.givenDifferent();
      default -> 0;
    };
  }

  private double familyWeight(Agreement agreement) {
    return switch (agreement) {
      case EXACT -> weights.familyExact();
      case PARTIAL -> weights.familyPartial();
      case SOUND -> weights.familySound();
      case TYPO -> weights.familyTypo();
      case DIFFERENT -> weights.familyDifferent();
      default -> 0;
    };
  }

  double givenWeightOf(Agreement agreement) {
    return givenWeight(agreement);
  }

  double familyWeightOf(Agreement agreement) {
    return familyWeight(agreement);
  }
}
