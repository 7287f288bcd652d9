package org.accueil.patients.evaluation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.accueil.patients.evaluation.Household.Member;

/**
 * The people around a practice, household by household: single adults, couples, and parents with
 * their children, some of them twins. Some members are the practice's patients (the registry); the
 * others are the relatives a hard negative query is made of: the twin not yet registered, the
 * parent or child who shares the phone, the spouse who shares the landline or the mailbox.
 *
 * <p>Ages are counted at {@link #TODAY}, a fixed date so that a seed gives the same people every
 * day.
 */
final class Households {

  static final LocalDate TODAY = LocalDate.of(2026, 1, 1);

  /** Registry records without a phone: the practice never got one. */
  private static final double PHONE_NOT_RECORDED = 0.155;

  private static final double OTHER_MEMBERS_REGISTERED = 0.75;

  /** An unregistered person and the registry index of their registered relative. */
  record Relative(SyntheticPerson person, int registered) {}

  /**
   * @param registeredTwins pairs of registry indexes of twins who are both patients
   */
  record World(
      List<SyntheticPerson> registry,
      List<Relative> twins,
      List<Relative> familyMembers,
      List<Relative> spouses,
      List<int[]> registeredTwins) {}

  private final Random random;
  private final NameLists names;
  private final PhoneBook phones;
  private final EmailAddresses emails;
  private final List<SyntheticPerson> registry = new ArrayList<>();
  private final Set<String> registryKeys = new HashSet<>();
  private final List<Relative> twins = new ArrayList<>();
  private final List<Relative> familyMembers = new ArrayList<>();
  private final List<Relative> spouses = new ArrayList<>();
  private final List<int[]> registeredTwins = new ArrayList<>();
  private long lastHousehold;

  Households(Random random, NameLists names, PhoneBook phones, EmailAddresses emails) {
    this.random = random;
    this.names = names;
    this.phones = phones;
    this.emails = emails;
  }

  World populate(int registrySize, LanguageMix languages) {
    while (registry.size() < registrySize) {
      String language = languages.draw(random);
      // 30% live alone, 30% as a couple without children at home, 40% are parents and children.
      double type = random.nextDouble();
      var members = household(language);
      if (type < 0.30) {
        members.single();
      } else if (type < 0.60) {
        members.couple();
      } else {
        members.family();
      }
      register(members, registrySize);
    }
    return new World(
        List.copyOf(registry),
        List.copyOf(twins),
        List.copyOf(familyMembers),
        List.copyOf(spouses),
        List.copyOf(registeredTwins));
  }

  /** Someone who lives alone and is not a patient: a new person at the desk. */
  SyntheticPerson newcomer(String language) {
    var members = household(language);
    int age = random.nextInt(10) == 0 ? random.nextInt(18) : members.adultAge(18);
    String sex = random.nextBoolean() ? "female" : "male";
    Member person = members.adult(age, sex);
    if (sex.equals("female") && !language.equals("it") && age >= 25 && random.nextBoolean()) {
      members.marry(person, names.familyName(random, language));
    }
    if (age < 18) {
      person.phone = phones.mobile(random, language);
      person.email = null;
    }
    return person.details(language, members.id);
  }

  /**
   * Someone with the same given and family name as a patient, born on a date a typo cannot turn
   * into the patient's, with their own phone and mailbox.
   */
  SyntheticPerson namesakeOf(SyntheticPerson patient) {
    var members = household(patient.language());
    String sex = patient.sex();
    if (sex == null) {
      sex = random.nextBoolean() ? "female" : "male";
    }
    Member person;
    do {
      int age = members.adultAge(18);
      person = members.adult(age, sex);
    } while (!Corruptions.farApart(person.birthDate, patient.birthDate()));
    person.given = patient.givenName();
    person.family = patient.familyName();
    person.birthFamily = null;
    person.email = person.email == null ? null : members.newEmail(person, patient.language());
    return person.details(patient.language(), members.id);
  }

  private Household household(String language) {
    return new Household(++lastHousehold, language, random, names, phones, emails, registry);
  }

  private void register(Household household, int registrySize) {
    List<Member> all = household.all;
    all.getFirst().registered = true;
    for (Member member : all.subList(1, all.size())) {
      member.registered = random.nextDouble() < OTHER_MEMBERS_REGISTERED;
    }
    for (Member[] pair : household.twins) {
      double draw = random.nextDouble();
      pair[0].registered = draw < 0.90 && (draw < 0.45 || random.nextBoolean());
      pair[1].registered = draw < 0.45 || (draw < 0.90 && !pair[0].registered);
    }
    for (Member member : all) {
      if (!member.registered || registry.size() >= registrySize) {
        member.registered = false;
        continue;
      }
      while (!registryKeys.add(key(member))) {
        member.given = names.givenName(random, household.language, member.sex, member.year());
      }
      var details = member.details(household.language, household.id);
      if (!member.twin && details.phone() != null && random.nextDouble() < PHONE_NOT_RECORDED) {
        details = details.withPhone(null);
      }
      if (random.nextDouble() < 0.03) {
        details = details.withSex(null);
      }
      member.index = registry.size();
      registry.add(details);
    }
    for (Member[] pair : household.twins) {
      if (pair[0].registered && pair[1].registered) {
        registeredTwins.add(new int[] {pair[0].index, pair[1].index});
      } else if (pair[0].registered != pair[1].registered) {
        relative(pair, household).ifPresent(twins::add);
      }
    }
    for (Member[] pair : household.parentsAndChildren) {
      if (hasRegisteredTwin(pair[1], household)) {
        continue; // a twin whose sibling is registered is a twin query, not a family member's
      }
      relative(pair, household)
          .filter(r -> sharesPhone(r) && r.person().familyName().equals(patient(r).familyName()))
          .ifPresent(familyMembers::add);
    }
    for (Member[] pair : household.spouses) {
      relative(pair, household)
          .filter(r -> sharesPhone(r) || sharesEmail(r))
          .ifPresent(spouses::add);
    }
  }

  private Optional<Relative> relative(Member[] pair, Household household) {
    if (pair[0].registered == pair[1].registered) {
      return Optional.empty();
    }
    Member outside = pair[0].registered ? pair[1] : pair[0];
    Member patient = pair[0].registered ? pair[0] : pair[1];
    return Optional.of(
        new Relative(outside.details(household.language, household.id), patient.index));
  }

  private static boolean hasRegisteredTwin(Member child, Household household) {
    for (Member[] pair : household.twins) {
      if ((pair[0] == child && pair[1].registered) || (pair[1] == child && pair[0].registered)) {
        return true;
      }
    }
    return false;
  }

  private SyntheticPerson patient(Relative relative) {
    return registry.get(relative.registered());
  }

  private boolean sharesPhone(Relative relative) {
    String phone = patient(relative).phone();
    return phone != null && phone.equals(relative.person().phone());
  }

  private boolean sharesEmail(Relative relative) {
    String email = patient(relative).email();
    return email != null && email.equals(relative.person().email());
  }

  private static String key(Member member) {
    return Spelling.plain(member.given)
        + "|"
        + Spelling.plain(member.family)
        + "|"
        + member.birthDate;
  }
}
