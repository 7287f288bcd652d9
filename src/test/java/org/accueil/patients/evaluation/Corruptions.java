package org.accueil.patients.evaluation;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;

/**
 * How a person's details change between their record and the way they give them at the desk: 0 to 3
 * corruptions (20%, 35%, 30%, 15%), chosen in proportion to {@link Corruption#weight()} among those
 * the person's details allow, then the phone written as people write it and the sex sometimes not
 * given.
 */
final class Corruptions {

  private static final double[] COUNT_SHARES = {0.20, 0.35, 0.30, 0.15};
  private static final double PHONE_WRITTEN_IN_E164 = 0.35;
  private static final double SEX_NOT_GIVEN = 0.30;
  private static final DateTimeFormatter DIGITS =
      DateTimeFormatter.ofPattern("ddMMuuuu").withResolverStyle(ResolverStyle.STRICT);

  /** The details as given, and the labels of what was changed, in the order applied. */
  record Corrupted(SyntheticPerson details, List<Corruption> applied) {

    List<String> labels() {
      return applied.stream().map(Corruption::label).toList();
    }
  }

  static final Set<Corruption> ALL =
      EnumSet.complementOf(EnumSet.of(Corruption.PHONE_FORMAT, Corruption.SEX_MISSING));

  private final NameLists names;
  private final PhoneBook phones;

  Corruptions(NameLists names, PhoneBook phones) {
    this.names = names;
    this.phones = phones;
  }

  /**
   * The person as they present themself: corrupted among {@code allowed}, retried until {@code
   * acceptable} (the generator's rules of what must stay answerable) holds, with fewer corruptions
   * after many failures. Queries never carry a birth family name.
   */
  Corrupted present(
      Random random,
      SyntheticPerson person,
      Set<Corruption> allowed,
      Predicate<Corrupted> acceptable) {
    int count = drawCount(random);
    for (int attempt = 0; attempt < 40; attempt++) {
      if (attempt % 10 == 9 && count > 0) {
        count--;
      }
      Corrupted corrupted = corrupt(random, person, plan(random, person, allowed, count));
      if (acceptable.test(corrupted)) {
        return corrupted;
      }
    }
    return corrupt(random, person, List.of());
  }

  /** Whether two birth dates are more than one date corruption apart: not a typo of each other. */
  static boolean farApart(LocalDate a, LocalDate b) {
    if (a.getDayOfMonth() == b.getMonthValue()
        && a.getMonthValue() == b.getDayOfMonth()
        && a.getYear() == b.getYear()) {
      return false;
    }
    String s = a.format(DIGITS);
    String t = b.format(DIGITS);
    int differences = 0;
    for (int i = 0; i < s.length(); i++) {
      differences += s.charAt(i) == t.charAt(i) ? 0 : 1;
    }
    return differences >= 2;
  }

  private int drawCount(Random random) {
    double point = random.nextDouble();
    for (int count = 0; count < COUNT_SHARES.length; count++) {
      point -= COUNT_SHARES[count];
      if (point < 0) {
        return count;
      }
    }
    return COUNT_SHARES.length - 1;
  }

  private List<Corruption> plan(
      Random random, SyntheticPerson person, Set<Corruption> allowed, int count) {
    List<Corruption> candidates = new ArrayList<>();
    for (Corruption corruption : allowed) {
      if (appliesTo(corruption, person)) {
        candidates.add(corruption);
      }
    }
    List<Corruption> chosen = new ArrayList<>();
    while (chosen.size() < count && !candidates.isEmpty()) {
      Corruption next =
          new WeightedDraw<>(
                  candidates, candidates.stream().mapToDouble(Corruption::weight).toArray())
              .draw(random);
      chosen.add(next);
      candidates.removeIf(c -> c.group() == next.group());
    }
    chosen.sort(Comparator.naturalOrder());
    return chosen;
  }

  private Corrupted corrupt(Random random, SyntheticPerson person, List<Corruption> planned) {
    SyntheticPerson current = person;
    List<Corruption> applied = new ArrayList<>();
    for (Corruption corruption : planned) {
      Optional<SyntheticPerson> changed = apply(random, corruption, current, person);
      if (changed.isPresent()
          && !changed.get().equals(current)
          && !undoes(changed.get(), current, person)) {
        current = changed.get();
        applied.add(corruption);
      }
    }
    if (current.phone() != null) {
      String written =
          random.nextDouble() < PHONE_WRITTEN_IN_E164
              ? current.phone()
              : PhoneBook.written(random, current.phone(), person.language());
      if (!written.equals(current.phone())) {
        applied.add(Corruption.PHONE_FORMAT);
        current = current.withPhone(written);
      }
    }
    if (current.sex() != null && random.nextDouble() < SEX_NOT_GIVEN) {
      current = current.withSex(null);
      applied.add(Corruption.SEX_MISSING);
    }
    return new Corrupted(current.withBirthFamilyName(null), List.copyOf(applied));
  }

  /** A typo that puts back the letter a dictation dropped (Rossi, Rosi, Rossi) changed nothing. */
  private static boolean undoes(
      SyntheticPerson changed, SyntheticPerson current, SyntheticPerson original) {
    return plainNames(changed).equals(plainNames(original))
        && !plainNames(current).equals(plainNames(original));
  }

  private static String plainNames(SyntheticPerson person) {
    return Spelling.plain(person.givenName()) + "|" + Spelling.plain(person.familyName());
  }

  private boolean appliesTo(Corruption corruption, SyntheticPerson p) {
    String given = p.givenName();
    String family = p.familyName();
    return switch (corruption) {
      case BIRTH_NAME_INSTEAD_OF_MARRIED ->
          p.birthFamilyName() != null && !p.birthFamilyName().equals(family);
      case PARTICLE_VARIANT -> Misspellings.hasParticle(family);
      case PHONETIC_FAMILY_NAME ->
          Misspellings.soundAlike(new Random(0), family, p.language(), names).isPresent();
      case NICKNAME -> !names.nicknamesOf(p.language(), given).isEmpty();
      case COMPOUND_GIVEN_NAME_SHORTENED, COMPOUND_GIVEN_NAME_JOINED ->
          Misspellings.isCompound(given);
      case PHONETIC_GIVEN_NAME ->
          Misspellings.soundAlike(new Random(0), given, p.language(), names).isPresent();
      case COMPOUND_NAME_SEPARATOR ->
          Misspellings.separatorSwapped(given).isPresent()
              || Misspellings.separatorSwapped(family).isPresent();
      case GIVEN_NAME_TYPO -> Spelling.plain(given).length() >= 3;
      case FAMILY_NAME_TYPO -> Spelling.plain(family).length() >= 3;
      case ACCENTS_DROPPED -> Spelling.hasAccents(given) || Spelling.hasAccents(family);
      case UPPER_CASE -> !(upper(given).equals(given) && upper(family).equals(family));
      case NAMES_SWAPPED -> !given.equals(family);
      case DAY_MONTH_SWAPPED ->
          p.birthDate().getDayOfMonth() <= 12
              && p.birthDate().getMonthValue() <= 12
              && p.birthDate().getDayOfMonth() != p.birthDate().getMonthValue();
      case BIRTH_DATE_DIGIT_TYPO -> true;
      case PHONE_CHANGED, PHONE_MISSING -> p.phone() != null;
      case EMAIL_MISSING, EMAIL_CASE -> p.email() != null;
      case PHONE_FORMAT, SEX_MISSING -> false;
    };
  }

  private Optional<SyntheticPerson> apply(
      Random random, Corruption corruption, SyntheticPerson current, SyntheticPerson original) {
    String given = current.givenName();
    String family = current.familyName();
    String language = current.language();
    return switch (corruption) {
      case BIRTH_NAME_INSTEAD_OF_MARRIED ->
          Optional.ofNullable(original.birthFamilyName()).map(current::withFamilyName);
      case PARTICLE_VARIANT ->
          Misspellings.particleVariant(random, family).map(current::withFamilyName);
      case PHONETIC_FAMILY_NAME ->
          Misspellings.soundAlike(random, family, language, names).map(current::withFamilyName);
      case NICKNAME -> {
        List<String> nicknames = names.nicknamesOf(language, given);
        yield nicknames.isEmpty()
            ? Optional.empty()
            : Optional.of(current.withGivenName(nicknames.get(random.nextInt(nicknames.size()))));
      }
      case COMPOUND_GIVEN_NAME_SHORTENED ->
          Misspellings.shortened(random, given).map(current::withGivenName);
      case COMPOUND_GIVEN_NAME_JOINED ->
          Misspellings.joined(random, given).map(current::withGivenName);
      case PHONETIC_GIVEN_NAME ->
          Misspellings.soundAlike(random, given, language, names).map(current::withGivenName);
      case COMPOUND_NAME_SEPARATOR ->
          Misspellings.separatorSwapped(given)
              .map(current::withGivenName)
              .or(() -> Misspellings.separatorSwapped(family).map(current::withFamilyName));
      case GIVEN_NAME_TYPO ->
          Misspellings.typo(random, given, language).map(current::withGivenName);
      case FAMILY_NAME_TYPO ->
          Misspellings.typo(random, family, language).map(current::withFamilyName);
      case ACCENTS_DROPPED ->
          Optional.of(
              current.withNames(Spelling.withoutAccents(given), Spelling.withoutAccents(family)));
      case UPPER_CASE -> Optional.of(current.withNames(upper(given), upper(family)));
      case NAMES_SWAPPED -> Optional.of(current.withNames(family, given));
      case DAY_MONTH_SWAPPED -> {
        LocalDate date = current.birthDate();
        yield date.getDayOfMonth() <= 12
            ? Optional.of(
                current.withBirthDate(
                    LocalDate.of(date.getYear(), date.getDayOfMonth(), date.getMonthValue())))
            : Optional.empty();
      }
      case BIRTH_DATE_DIGIT_TYPO ->
          digitTypo(random, current.birthDate()).map(current::withBirthDate);
      case PHONE_CHANGED -> Optional.of(current.withPhone(phones.mobile(random, language)));
      case PHONE_MISSING -> Optional.of(current.withPhone(null));
      case EMAIL_MISSING -> Optional.of(current.withEmail(null));
      case EMAIL_CASE ->
          Optional.ofNullable(current.email()).map(e -> current.withEmail(recased(random, e)));
      case PHONE_FORMAT, SEX_MISSING -> Optional.empty();
    };
  }

  /** One digit of the day, the month or the decade and year mistyped, giving a real past date. */
  private static Optional<LocalDate> digitTypo(Random random, LocalDate date) {
    int[] positions = {0, 1, 1, 2, 3, 3, 6, 7, 7, 7};
    String digits = date.format(DIGITS);
    for (int attempt = 0; attempt < 30; attempt++) {
      int at = positions[random.nextInt(positions.length)];
      int digit = digits.charAt(at) - '0';
      int typed =
          random.nextDouble() < 0.6
              ? Math.floorMod(digit + (random.nextBoolean() ? 1 : -1), 10)
              : random.nextInt(10);
      if (typed == digit) {
        continue;
      }
      String text = digits.substring(0, at) + typed + digits.substring(at + 1);
      try {
        LocalDate typo = LocalDate.parse(text, DIGITS);
        if (!typo.isAfter(Households.TODAY)) {
          return Optional.of(typo);
        }
      } catch (DateTimeParseException invalidDate) {
        // 31 February and the like: try another digit
      }
    }
    return Optional.empty();
  }

  /** "Jean.Martin@Orange.fr" or "JEAN.MARTIN@ORANGE.FR" for jean.martin@orange.fr. */
  private static String recased(Random random, String email) {
    if (random.nextInt(10) < 3) {
      return upper(email);
    }
    var text = new StringBuilder();
    boolean startOfWord = true;
    for (char c : email.toCharArray()) {
      text.append(startOfWord ? Character.toUpperCase(c) : c);
      startOfWord = c == '.' || c == '_' || c == '@';
    }
    return text.toString();
  }

  private static String upper(String text) {
    return text.toUpperCase(Locale.ROOT);
  }
}
