package org.accueil.patients.evaluation;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/**
 * One household as it is drawn: a single adult, a couple, or parents and their children, with who
 * is whose spouse, child or twin. Wives take their husband's name in France and England, not in
 * Italy; children carry a parent's phone, and sometimes mailbox, until about 16; twins share their
 * family name, birth date and phone.
 */
final class Household {

  /** Twins are about 3% of people; families here have twins far more often, to test on them. */
  private static final double FAMILIES_WITH_TWINS = 0.30;

  /** Adults registered under a common name a patient already has: namesakes. */
  private static final double NAMESAKE_OF_A_PATIENT = 0.03;

  /** One person of the household, filled in as the household is drawn. */
  static final class Member {
    String given;
    String family;
    @Nullable String birthFamily;
    final LocalDate birthDate;
    final String sex;
    @Nullable String phone;
    @Nullable String email;
    boolean twin;
    boolean registered;
    int index = -1;

    Member(String given, String family, LocalDate birthDate, String sex) {
      this.given = given;
      this.family = family;
      this.birthDate = birthDate;
      this.sex = sex;
    }

    int year() {
      return birthDate.getYear();
    }

    int age() {
      return Period.between(birthDate, Households.TODAY).getYears();
    }

    SyntheticPerson details(String language, long household) {
      return new SyntheticPerson(
          given, family, birthFamily, birthDate, sex, phone, email, language, household);
    }
  }

  final long id;
  final String language;
  private final Random random;
  private final NameLists names;
  private final PhoneBook phones;
  private final EmailAddresses emails;
  private final List<SyntheticPerson> registry;
  final List<Member> all = new ArrayList<>();
  final List<Member[]> spouses = new ArrayList<>();
  final List<Member[]> parentsAndChildren = new ArrayList<>();
  final List<Member[]> twins = new ArrayList<>();

  Household(
      long id,
      String language,
      Random random,
      NameLists names,
      PhoneBook phones,
      EmailAddresses emails,
      List<SyntheticPerson> registry) {
    this.id = id;
    this.language = language;
    this.random = random;
    this.names = names;
    this.phones = phones;
    this.emails = emails;
    this.registry = registry;
  }

  void single() {
    String sex = random.nextBoolean() ? "female" : "male";
    Member person = adult(adultAge(18), sex);
    if (!registry.isEmpty() && random.nextDouble() < NAMESAKE_OF_A_PATIENT) {
      SyntheticPerson patient = registry.get(random.nextInt(registry.size()));
      if (patient.language().equals(language)
          && patient.birthFamilyName() == null
          && sex.equals(patient.sex())
          && Corruptions.farApart(person.birthDate, patient.birthDate())) {
        person.given = patient.givenName();
        person.family = patient.familyName();
        person.email = person.email == null ? null : newEmail(person, language);
      }
    }
    if (sex.equals("female") && !language.equals("it") && person.age() >= 40) {
      if (random.nextDouble() < 0.5) {
        marry(person, names.familyName(random, language));
      }
    }
    all.add(person);
  }

  void couple() {
    int age = adultAge(22);
    Member first = adult(age, "male");
    Member second =
        spouseOf(first, Math.clamp(age + Math.round(random.nextGaussian() * 4), 18, 95));
    all.add(random.nextBoolean() ? first : second);
    all.add(all.getFirst() == first ? second : first);
    shareLandlineOrMailbox(first, second, age >= 60 ? 0.5 : 0.2);
  }

  void family() {
    int motherAge = 24 + random.nextInt(35);
    Member mother = adult(motherAge, "female");
    @Nullable Member father = null;
    if (random.nextDouble() >= 0.2) {
      int fatherAge = Math.clamp(motherAge + Math.round(random.nextGaussian() * 3 + 2), 20, 80);
      do {
        father = adult(fatherAge, "male");
      } while (Spelling.distance(father.given, mother.given) < 3
          || father.birthDate.equals(mother.birthDate));
      marry(mother, father.family);
      shareLandlineOrMailbox(father, mother, 0.15);
    } else if (!language.equals("it") && random.nextDouble() < 0.6) {
      marry(mother, names.familyName(random, language));
    }
    all.add(mother);
    if (father != null) {
      all.add(father);
    }
    String childrenName = father != null ? father.family : mother.family;
    // Births: one 35%, two 40%, three 20%, four 5%.
    int count =
        new int[] {1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 4}[random.nextInt(20)];
    int oldest = Math.min(28, motherAge - 18);
    boolean withTwins = random.nextDouble() < FAMILIES_WITH_TWINS;
    List<Member> children = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      if (withTwins && i == 0) {
        Member[] pair = twinsOf(Math.min(oldest, 24), childrenName, father);
        children.add(pair[0]);
        children.add(pair[1]);
        twins.add(pair);
        continue;
      }
      children.add(child(oldest, childrenName, father, children));
    }
    for (Member child : children) {
      carryPhoneAndMail(child, mother, father);
      all.add(child);
      parentsAndChildren.add(new Member[] {mother, child});
      if (father != null) {
        parentsAndChildren.add(new Member[] {father, child});
      }
    }
    if (father != null) {
      spouses.add(new Member[] {father, mother});
    }
    for (Member[] pair : twins) {
      pair[1].phone = pair[0].phone;
      pair[1].email = pair[0].email;
    }
  }

  Member adult(int age, String sex) {
    Member person = person(age, sex);
    person.family = names.familyName(random, language);
    person.phone = ownPhone(age);
    double mailbox = age < 65 ? 0.64 : 0.38;
    person.email = random.nextDouble() < mailbox ? newEmail(person, language) : null;
    return person;
  }

  private Member person(int age, String sex) {
    LocalDate birthDate = Households.TODAY.minusYears(age).minusDays(1 + random.nextInt(364));
    String given = names.givenName(random, language, sex, birthDate.getYear());
    return new Member(given, "", birthDate, sex);
  }

  private Member spouseOf(Member first, long age) {
    String sex = random.nextDouble() < 0.97 ? "female" : "male";
    Member second;
    do {
      second = adult((int) age, sex);
    } while (Spelling.distance(second.given, first.given) < 3
        || second.birthDate.equals(first.birthDate)); // only twins share a home and a birthday
    spouses.add(new Member[] {first, second});
    if (sex.equals("female")) {
      marry(second, first.family);
    }
    return second;
  }

  /** French and English wives mostly use their husband's name; Italian wives keep theirs. */
  void marry(Member woman, String husbandsName) {
    if (language.equals("it") || random.nextDouble() >= 0.8 || woman.family.equals(husbandsName)) {
      return;
    }
    woman.birthFamily = woman.family;
    woman.family = husbandsName;
  }

  private void shareLandlineOrMailbox(Member first, Member second, double landline) {
    if (random.nextDouble() < landline) {
      first.phone = phones.landline(random, language);
      second.phone = first.phone;
    }
    if (first.email != null && random.nextDouble() < 0.25) {
      second.email = first.email;
    }
  }

  private Member child(int oldest, String family, @Nullable Member father, List<Member> siblings) {
    while (true) {
      Member child = person(random.nextInt(oldest + 1), random.nextBoolean() ? "female" : "male");
      child.family = family;
      if (father != null && child.sex.equals("male") && random.nextDouble() < juniors()) {
        child.given = father.given;
      }
      boolean clash =
          siblings.stream()
              .anyMatch(s -> s.given.equals(child.given) || s.birthDate.equals(child.birthDate));
      if (!clash) {
        return child;
      }
    }
  }

  private double juniors() {
    return language.equals("en") ? 0.08 : 0.04;
  }

  private Member[] twinsOf(int oldest, String family, @Nullable Member father) {
    Member first = person(random.nextInt(oldest + 1), random.nextBoolean() ? "female" : "male");
    List<NameLists.TwinNames> pairs = names.twinNames(language);
    Member second;
    if (random.nextDouble() < 0.35) {
      var pair = pairs.get(random.nextInt(pairs.size()));
      first = new Member(pair.first(), family, first.birthDate, pair.firstSex());
      second = new Member(pair.second(), family, first.birthDate, pair.secondSex());
    } else {
      String sex = random.nextDouble() < 0.65 ? first.sex : opposite(first.sex);
      do {
        second =
            new Member(
                names.givenName(random, language, sex, first.year()), family, first.birthDate, sex);
      } while (Spelling.distance(second.given, first.given) < 2
          || names.nicknamesOf(language, first.given).contains(second.given)
          || names.nicknamesOf(language, second.given).contains(first.given)
          // Parents do not give twins two spellings of one name (Killian and Kylian).
          || names.spellingsLike(language, first.given).contains(second.given));
    }
    first.family = family;
    first.twin = true;
    second.twin = true;
    return new Member[] {first, second};
  }

  /** Children use a parent's phone and sometimes mailbox; from 16 many have their own. */
  private void carryPhoneAndMail(Member child, Member mother, @Nullable Member father) {
    Member carrier =
        father == null || (mother.phone != null && random.nextDouble() < 0.65) ? mother : father;
    if (carrier.phone == null) {
      carrier = carrier == mother && father != null ? father : mother;
    }
    int age = child.age();
    if (child.twin) {
      if (carrier.phone == null) {
        carrier.phone = phones.landline(random, language);
      }
      child.phone = carrier.phone;
      child.email = random.nextDouble() < 0.3 ? carrier.email : null;
    } else if (age >= 18 || (age >= 16 && random.nextDouble() < 0.6)) {
      child.phone = random.nextDouble() < 0.95 ? phones.mobile(random, language) : null;
      child.email = age >= 18 && random.nextDouble() < 0.64 ? newEmail(child, language) : null;
    } else {
      child.phone = carrier.phone;
      child.email = random.nextDouble() < 0.3 ? carrier.email : null;
    }
  }

  private @Nullable String ownPhone(int age) {
    double draw = random.nextDouble();
    if (age < 65) {
      return draw < 0.97 ? phones.mobile(random, language) : null;
    }
    if (age < 80) {
      return draw < 0.6 ? phones.mobile(random, language) : phones.landline(random, language);
    }
    return draw < 0.3 ? phones.mobile(random, language) : phones.landline(random, language);
  }

  /**
   * The age of an adult living without children, from {@code youngest} to 95: mostly young adults
   * and people past 50 whose children have left, as a practice's list has them (fewer in their 80s,
   * few in their 90s). Parents' ages are drawn with their children instead.
   */
  int adultAge(int youngest) {
    while (true) {
      int age = youngest + random.nextInt(96 - youngest);
      double alive =
          age < 30 ? 0.9 : age < 50 ? 0.6 : age < 70 ? 1 : age < 80 ? 0.85 : age < 90 ? 0.5 : 0.12;
      if (random.nextDouble() < alive) {
        return age;
      }
    }
  }

  String newEmail(Member person, String language) {
    return emails.forPerson(random, person.given, person.family, person.year(), language);
  }

  private static String opposite(String sex) {
    return sex.equals("female") ? "male" : "female";
  }
}
