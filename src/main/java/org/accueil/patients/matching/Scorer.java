package org.accueil.patients.matching;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.accueil.patients.Identifier;
import org.accueil.patients.Sex;
import org.jspecify.annotations.Nullable;

/**
 * Compares two records field by field, sums the fields' weights (Fellegi–Sunter) and concludes.
 *
 * <p>A score alone never links two records. {@link Band#MATCH} also needs:
 *
 * <ul>
 *   <li>corroboration: a phone number, an e-mail address or an identifier in common. Names and
 *       birth date alone cannot tell namesakes apart, and a wrong link is a patient-safety incident
 *       where a duplicate is only work;
 *   <li>the family name and the birth date agreeing at least as typos do, and no disagreement on
 *       sex;
 *   <li>the same given name: written alike, a nickname or spelling variant of it, or part of a
 *       compound; a given name spelt differently is linked only on a shared identifier. Twins share
 *       a family name, a birth date, a phone and often an e-mail, and are told apart by nothing
 *       else.
 * </ul>
 *
 * <p>Two given names that differ outright (Lucas and Thomas, Louis and Louise), and two national
 * identifiers (INS, codice fiscale) of one system that differ, make the records two people: {@link
 * Band#NONE}, whatever else they share.
 */
public final class Scorer {

  /** National identifiers are checked with their key: two different ones are two people. */
  private static final Set<String> NATIONAL = Set.of(Identifier.INS, Identifier.CODICE_FISCALE);

  private final Weights weights;
  private final NameComparator names;

  public Scorer(GivenNames givenNames, Weights weights) {
    this.weights = weights;
    this.names = new NameComparator(givenNames, weights);
  }

  public Weights weights() {
    return weights;
  }

  public Comparison compare(Traits probe, Traits candidate) {
    List<FieldComparison> fields = new ArrayList<>(7);
    List<Note> notes = new ArrayList<>(3);

    NameComparator.Names name = names.compare(probe, candidate);
    fields.add(
        new FieldComparison(Field.GIVEN_NAME, name.given(), names.givenWeightOf(name.given())));
    fields.add(
        new FieldComparison(
            Field.FAMILY_NAME, name.family(), name.weight() - names.givenWeightOf(name.given())));
    if (name.swapped()) {
      notes.add(Note.NAMES_SWAPPED);
    }
    if (name.viaBirthName()) {
      notes.add(Note.BIRTH_FAMILY_NAME);
    }
    if (name.knownGivenNamesDiffer()) {
      notes.add(Note.KNOWN_GIVEN_NAMES_DIFFER);
    }

    Agreement birth = birthDate(probe.birthDate(), candidate.birthDate());
    fields.add(new FieldComparison(Field.BIRTH_DATE, birth, birthWeight(birth)));

    Agreement sex = sex(probe.sex(), candidate.sex());
    fields.add(
        new FieldComparison(
            Field.SEX,
            sex,
            switch (sex) {
              case EXACT -> weights.sexSame();
              case DIFFERENT -> weights.sexDifferent();
              default -> 0;
            }));

    Agreement phone = phones(probe.phones(), candidate.phones());
    fields.add(
        new FieldComparison(
            Field.PHONE,
            phone,
            switch (phone) {
              case EXACT -> weights.phoneExact();
              case SUFFIX -> weights.phoneSuffix();
              case DIFFERENT -> weights.phoneDifferent();
              default -> 0;
            }));

    Agreement email = emails(probe.emails(), candidate.emails());
    fields.add(
        new FieldComparison(
            Field.EMAIL,
            email,
            switch (email) {
              case EXACT -> weights.emailExact();
              case PARTIAL -> weights.emailLocalPart();
              case DIFFERENT -> weights.emailDifferent();
              default -> 0;
            }));

    IdentifierAgreement identifier = identifiers(probe.identifiers(), candidate.identifiers());
    fields.add(
        new FieldComparison(
            Field.IDENTIFIER,
            identifier.agreement(),
            switch (identifier.agreement()) {
              case EXACT -> weights.identifierExact();
              case CONFLICT -> weights.identifierConflict();
              default -> 0;
            }));
    if (identifier.nationalConflict()) {
      notes.add(Note.IDENTIFIER_CONFLICT);
    }

    double score = fields.stream().mapToDouble(FieldComparison::weight).sum();
    boolean corroborated =
        phone == Agreement.EXACT
            || email == Agreement.EXACT
            || identifier.agreement() == Agreement.EXACT;
    boolean identityAgrees =
        atLeastTypo(name.given())
            && atLeastTypo(name.family())
            && (birth == Agreement.EXACT || birth == Agreement.SWAPPED || birth == Agreement.TYPO)
            && sex != Agreement.DIFFERENT;
    // Twins share a family name, a birth date, a phone, often a parent's e-mail: only the given
    // name tells them apart. Two given names that differ outright are two people; one spelt
    // differently (Lila and Lily, Mattia and Matteo, a typo) may be the other twin, so it is
    // linked only on an identifier, which twins never share.
    boolean givenNamesDiffer =
        name.given() == Agreement.DIFFERENT || name.given() == Agreement.DISTINCT;
    boolean givenNameCertain = name.givenCertain() || identifier.agreement() == Agreement.EXACT;
    Band band;
    if (identifier.nationalConflict() || givenNamesDiffer || score < weights.possible()) {
      band = Band.NONE;
      if (givenNamesDiffer) {
        notes.add(Note.GIVEN_NAMES_DIFFER);
      }
    } else if (score >= weights.match()
        && corroborated
        && identityAgrees
        && givenNameCertain
        && !name.knownGivenNamesDiffer()) {
      band = Band.MATCH;
    } else {
      band = Band.POSSIBLE;
      if (!corroborated) {
        notes.add(Note.NOT_CORROBORATED);
      }
      if (!identityAgrees) {
        notes.add(Note.IDENTITY_DISAGREES);
      }
      if (!givenNameCertain && !name.knownGivenNamesDiffer()) {
        notes.add(Note.GIVEN_NAME_UNCERTAIN);
      }
    }
    return new Comparison(score, band, fields, notes);
  }

  private static boolean atLeastTypo(Agreement agreement) {
    return agreement.ordinal() <= Agreement.TYPO.ordinal();
  }

  private double birthWeight(Agreement agreement) {
    return switch (agreement) {
      case EXACT -> weights.birthDateExact();
      case SWAPPED -> weights.birthDateSwapped();
      case TYPO -> weights.birthDateTypo();
      case DIFFERENT -> weights.birthDateDifferent();
      default -> 0;
    };
  }

  /**
   * Day and month exchanged (05/12 written for 12/05); one digit of YYYYMMDD wrong, or two
   * neighbouring digits exchanged (1985 and 1958).
   */
  static Agreement birthDate(@Nullable LocalDate a, @Nullable LocalDate b) {
    if (a == null || b == null) {
      return Agreement.MISSING;
    }
    if (a.equals(b)) {
      return Agreement.EXACT;
    }
    if (a.getYear() == b.getYear()
        && a.getDayOfMonth() == b.getMonthValue()
        && a.getMonthValue() == b.getDayOfMonth()) {
      return Agreement.SWAPPED;
    }
    String da = digits(a);
    String db = digits(b);
    return Typos.distance(da, db, 1) <= 1 ? Agreement.TYPO : Agreement.DIFFERENT;
  }

  private static String digits(LocalDate date) {
    return String.format(
        java.util.Locale.ROOT,
        "%04d%02d%02d",
        date.getYear(),
        date.getMonthValue(),
        date.getDayOfMonth());
  }

  private static Agreement sex(@Nullable Sex a, @Nullable Sex b) {
    if (a == null || b == null || !known(a) || !known(b)) {
      return Agreement.MISSING;
    }
    return a == b ? Agreement.EXACT : Agreement.DIFFERENT;
  }

  private static boolean known(Sex sex) {
    return sex == Sex.FEMALE || sex == Sex.MALE;
  }

  /** Phone numbers in E.164: one in common, or the last eight digits of one in common. */
  static Agreement phones(Set<String> a, Set<String> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return Agreement.MISSING;
    }
    for (String phone : a) {
      if (b.contains(phone)) {
        return Agreement.EXACT;
      }
    }
    Set<String> suffixes = new HashSet<>();
    b.forEach(phone -> suffixes.add(suffix(phone)));
    for (String phone : a) {
      if (suffixes.contains(suffix(phone))) {
        return Agreement.SUFFIX;
      }
    }
    return Agreement.DIFFERENT;
  }

  private static String suffix(String phone) {
    return phone.length() <= 8 ? phone : phone.substring(phone.length() - 8);
  }

  /** E-mail addresses (lower-cased): one in common, or the same mailbox name at two providers. */
  static Agreement emails(Set<String> a, Set<String> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return Agreement.MISSING;
    }
    for (String email : a) {
      if (b.contains(email)) {
        return Agreement.EXACT;
      }
    }
    Set<String> locals = new HashSet<>();
    b.forEach(email -> locals.add(localPart(email)));
    for (String email : a) {
      if (locals.contains(localPart(email))) {
        return Agreement.PARTIAL;
      }
    }
    return Agreement.DIFFERENT;
  }

  private static String localPart(String email) {
    int at = email.lastIndexOf('@');
    return at < 0 ? email : email.substring(0, at);
  }

  private record IdentifierAgreement(Agreement agreement, boolean nationalConflict) {}

  /**
   * Identifiers compare only within one system: an MRN and an INS say nothing of each other. One
   * value in common is an exact agreement, whatever else differs.
   */
  private static IdentifierAgreement identifiers(Set<String> a, Set<String> b) {
    Map<String, Set<String>> bySystem = new HashMap<>();
    for (String identifier : b) {
      bySystem.computeIfAbsent(system(identifier), s -> new HashSet<>()).add(identifier);
    }
    boolean conflict = false;
    boolean national = false;
    for (String identifier : a) {
      Set<String> same = bySystem.get(system(identifier));
      if (same == null) {
        continue;
      }
      if (same.contains(identifier)) {
        return new IdentifierAgreement(Agreement.EXACT, false);
      }
      conflict = true;
      national |= NATIONAL.contains(system(identifier));
    }
    return new IdentifierAgreement(conflict ? Agreement.CONFLICT : Agreement.MISSING, national);
  }

  private static String system(String identifier) {
    int bar = identifier.indexOf('|');
    return bar < 0 ? identifier : identifier.substring(0, bar);
  }
}
