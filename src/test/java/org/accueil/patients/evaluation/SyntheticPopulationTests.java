package org.accueil.patients.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.accueil.patients.PhoneNumbers;
import org.accueil.patients.evaluation.Query.Kind;
import org.accueil.platform.PersonNames;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class SyntheticPopulationTests {

  /** The evaluation set's size: a practice of 10,000 patients, 5,000 people at the desk. */
  private static final SyntheticPopulation SET = SyntheticPopulation.generate(2026, 10_000, 5_000);

  private static final List<String> NAME_CORRUPTIONS =
      Arrays.stream(Corruption.values())
          .filter(
              c ->
                  !Set.of(
                          Corruption.Group.BIRTH_DATE,
                          Corruption.Group.PHONE,
                          Corruption.Group.EMAIL,
                          Corruption.Group.PRESENTATION)
                      .contains(c.group()))
          .map(Corruption::label)
          .toList();

  @Test
  void aSeedAlwaysGivesTheSamePopulation() {
    assertThat(SyntheticPopulation.generate(7, 2_000, 1_000))
        .isEqualTo(SyntheticPopulation.generate(7, 2_000, 1_000));
    assertThat(SyntheticPopulation.generate(8, 2_000, 1_000).registry())
        .isNotEqualTo(SyntheticPopulation.generate(7, 2_000, 1_000).registry());
  }

  @Test
  void moreQueriesLeaveTheRegistryAsItWas() {
    assertThat(SyntheticPopulation.generate(7, 2_000, 100).registry())
        .isEqualTo(SyntheticPopulation.generate(7, 2_000, 3_000).registry());
  }

  @Test
  void samePersonQueriesPointIntoTheRegistryAndOthersToNoOne() {
    assertThat(SET.registry()).hasSize(10_000);
    assertThat(SET.queries()).hasSize(5_000);
    for (Query query : SET.queries()) {
      if (query.kind() == Kind.SAME_PERSON) {
        assertThat(query.truth()).isBetween(0, SET.registry().size() - 1);
      } else {
        assertThat(query.truth()).isEqualTo(-1);
      }
    }
  }

  @Test
  void fiveThousandQueriesFollowTheDefaultMixAndCarryEveryCorruption() {
    Map<Kind, Long> kinds =
        SET.queries().stream().collect(Collectors.groupingBy(Query::kind, Collectors.counting()));
    assertThat(kinds)
        .containsEntry(Kind.SAME_PERSON, 3_000L)
        .containsEntry(Kind.NEW_PERSON, 1_000L)
        .containsEntry(Kind.TWIN, 250L)
        .containsEntry(Kind.FAMILY_MEMBER, 250L)
        .containsEntry(Kind.SPOUSE, 250L)
        .containsEntry(Kind.NAMESAKE, 250L);
    Map<String, Long> samePerson = corruptionCounts(q -> q.kind() == Kind.SAME_PERSON);
    for (Corruption corruption : Corruption.values()) {
      // Each often enough for its recall to mean something.
      assertThat(samePerson.getOrDefault(corruption.label(), 0L))
          .as(corruption.label())
          .isGreaterThanOrEqualTo(15);
    }
    assertThat(corruptionCounts(q -> q.kind().hardNegative()).keySet())
        .containsAll(NAME_CORRUPTIONS);
  }

  @Test
  void samePersonQueriesCarryZeroToThreeCorruptionsBesidesPhoneFormatAndSex() {
    Map<Long, Long> byCount =
        SET.queries().stream()
            .filter(q -> q.kind() == Kind.SAME_PERSON)
            .collect(
                Collectors.groupingBy(
                    q ->
                        q.corruptions().stream()
                            .map(Corruption::byLabel)
                            .filter(c -> !c.presentation())
                            .count(),
                    Collectors.counting()));
    assertThat(byCount.keySet()).containsExactlyInAnyOrder(0L, 1L, 2L, 3L);
    assertThat(byCount.get(0L)).isBetween(450L, 750L);
  }

  @Test
  void registeredTwinsShareFamilyNameBirthDatePhoneAndHousehold() {
    List<List<SyntheticPerson>> twins = registeredTwins();
    assertThat(twins).hasSizeGreaterThan(100);
    for (List<SyntheticPerson> pair : twins) {
      SyntheticPerson first = pair.get(0);
      SyntheticPerson second = pair.get(1);
      assertThat(pair).hasSize(2);
      assertThat(second.familyName()).isEqualTo(first.familyName());
      assertThat(second.birthDate()).isEqualTo(first.birthDate());
      assertThat(first.phone()).isNotNull().isEqualTo(second.phone());
      assertThat(Spelling.plain(second.givenName()))
          .isNotEqualTo(Spelling.plain(first.givenName()));
    }
    // Some twins have names one letter apart (Louis and Louise), some are of the same sex.
    assertThat(twins)
        .anyMatch(p -> Spelling.distance(p.get(0).givenName(), p.get(1).givenName()) == 1);
    assertThat(twins).anyMatch(p -> Objects.equals(p.get(0).sex(), p.get(1).sex()));
  }

  @Test
  void someSamePersonQueriesAreForRegisteredTwins() {
    Set<Integer> twinIndexes = new HashSet<>();
    for (List<SyntheticPerson> pair : registeredTwins()) {
      pair.forEach(p -> twinIndexes.add(SET.registry().indexOf(p)));
    }
    long forTwins =
        SET.queries().stream()
            .filter(q -> q.kind() == Kind.SAME_PERSON && twinIndexes.contains(q.truth()))
            .count();
    assertThat(forTwins).isGreaterThan(150);
  }

  @Test
  void twinQueriesAreTheUnregisteredSiblingOfARegisteredTwin() {
    for (Query query : ofKind(Kind.TWIN)) {
      SyntheticPerson details = query.details();
      List<SyntheticPerson> household = household(details.household());
      assertThat(household)
          .as("%s", query)
          .anyMatch(
              p ->
                  samePhone(p, details)
                      && (p.birthDate().equals(details.birthDate()) || changesBirthDate(query))
                      && Spelling.plain(p.givenName()).equals(Spelling.plain(details.givenName()))
                          == false);
    }
  }

  @Test
  void familyMembersAndSpousesShareThePhoneOrMailboxOfAPatientAtHome() {
    for (Query query : ofKind(Kind.FAMILY_MEMBER)) {
      assertThat(household(query.details().household()))
          .as("%s", query)
          .anyMatch(
              p ->
                  samePhone(p, query.details())
                      && !p.birthDate().equals(query.details().birthDate()));
    }
    for (Query query : ofKind(Kind.SPOUSE)) {
      assertThat(household(query.details().household()))
          .as("%s", query)
          .anyMatch(p -> samePhone(p, query.details()) || sameEmail(p, query.details()));
    }
  }

  @Test
  void namesakesCarryAPatientsNamesWithABirthDateNoTypoReachesAndAnotherPhone() {
    List<Query> uncorrupted =
        ofKind(Kind.NAMESAKE).stream()
            .filter(q -> q.corruptions().stream().noneMatch(NAME_CORRUPTIONS::contains))
            .toList();
    assertThat(uncorrupted).hasSizeGreaterThan(50);
    for (Query query : uncorrupted) {
      SyntheticPerson details = query.details();
      List<SyntheticPerson> patients =
          SET.registry().stream()
              .filter(
                  p ->
                      p.givenName().equals(details.givenName())
                          && p.familyName().equals(details.familyName()))
              .toList();
      assertThat(patients).as("%s", query).isNotEmpty();
      assertThat(patients)
          .allMatch(
              p ->
                  Corruptions.farApart(p.birthDate(), details.birthDate())
                      && !samePhone(p, details));
    }
  }

  @Test
  void noSamePersonQueryIsCorruptedBeyondRecognition() {
    for (Query query : ofKind(Kind.SAME_PERSON)) {
      SyntheticPerson patient = SET.registry().get(query.truth());
      SyntheticPerson given = query.details();
      boolean namesAndDateAllChanged =
          !Spelling.plain(given.givenName()).equals(Spelling.plain(patient.givenName()))
              && !Spelling.plain(given.familyName()).equals(Spelling.plain(patient.familyName()))
              && !given.birthDate().equals(patient.birthDate());
      boolean contactKept = samePhone(patient, given) || sameEmail(patient, given);
      assertThat(!namesAndDateAllChanged || contactKept).as("%s", query).isTrue();
    }
  }

  @Test
  void aRecordedNameCorruptionChangesTheNamesAReceptionistCompares() {
    Set<String> changingNames =
        Set.of(
            "given-name-typo",
            "family-name-typo",
            "phonetic-given-name",
            "phonetic-family-name",
            "nickname",
            "compound-given-name-shortened",
            "birth-name-instead-of-married");
    for (Query query : ofKind(Kind.SAME_PERSON)) {
      if (query.corruptions().stream().anyMatch(changingNames::contains)) {
        SyntheticPerson patient = SET.registry().get(query.truth());
        assertThat(plainNames(query.details())).as("%s", query).isNotEqualTo(plainNames(patient));
      }
    }
  }

  @Test
  void noQueryCarriesTheExactNamesAndBirthDateOfAnotherPatient() {
    Map<String, List<Integer>> patients = new HashMap<>();
    for (int i = 0; i < SET.registry().size(); i++) {
      SyntheticPerson p = SET.registry().get(i);
      patients
          .computeIfAbsent(
              key(p.givenName(), p.familyName(), p.birthDate()), k -> new ArrayList<>())
          .add(i);
    }
    for (Query query : SET.queries()) {
      SyntheticPerson d = query.details();
      for (String key :
          List.of(
              key(d.givenName(), d.familyName(), d.birthDate()),
              key(d.familyName(), d.givenName(), d.birthDate()))) {
        assertThat(patients.getOrDefault(key, List.of()))
            .as("%s", query)
            .allMatch(index -> index == query.truth());
      }
    }
  }

  @Test
  void phonesAreRealNumbersStoredInE164AndWrittenAsPeopleWriteThem() {
    for (SyntheticPerson patient : SET.registry()) {
      if (patient.phone() != null) {
        assertThat(e164(patient)).isEqualTo(patient.phone()).startsWith(prefix(patient.language()));
      }
    }
    for (Query query : SET.queries()) {
      SyntheticPerson details = query.details();
      if (details.phone() != null) {
        assertThat(e164(details)).as("%s", query).isNotNull();
        assertThat(details.phone().equals(e164(details)))
            .isEqualTo(!query.corruptions().contains(Corruption.PHONE_FORMAT.label()));
      }
      if (query.kind() == Kind.SAME_PERSON && !query.corruptions().contains("phone-changed")) {
        assertThat(e164(details))
            .isEqualTo(details.phone() == null ? null : SET.registry().get(query.truth()).phone());
      }
    }
    assertThat(SET.queries().stream().map(q -> q.details().phone()).filter(Objects::nonNull))
        .anyMatch(p -> p.startsWith("06 "))
        .anyMatch(p -> p.startsWith("+33 (0)"))
        .anyMatch(p -> p.startsWith("0033"))
        .anyMatch(p -> p.matches("0\\d\\.\\d\\d\\..*"))
        .anyMatch(p -> p.matches("3\\d\\d \\d{3} \\d{4}"))
        .anyMatch(p -> p.matches("07\\d{3} \\d{6}"));
  }

  @Test
  void namesAndAddressesAreAcceptedByThePatientRegistry() {
    List<SyntheticPerson> everyone = new ArrayList<>(SET.registry());
    SET.queries().forEach(q -> everyone.add(q.details()));
    for (SyntheticPerson person : everyone) {
      assertThat(PersonNames.isName(PersonNames.normalized(person.givenName()), 100))
          .as(person.givenName())
          .isTrue();
      assertThat(PersonNames.isName(PersonNames.normalized(person.familyName()), 100))
          .as(person.familyName())
          .isTrue();
      if (person.email() != null) {
        assertThat(person.email()).matches("[^@\\s]+@[^@\\s]+");
      }
    }
  }

  @Test
  void theRegistryLooksLikeAPracticeList() {
    List<SyntheticPerson> registry = SET.registry();
    Map<String, Long> languages =
        registry.stream()
            .collect(Collectors.groupingBy(SyntheticPerson::language, Collectors.counting()));
    assertThat(languages.get("fr")).isBetween(5_600L, 6_400L);
    assertThat(languages.get("it")).isBetween(2_100L, 2_900L);
    assertThat(languages.get("en")).isBetween(1_200L, 1_800L);
    assertThat(registry.stream().filter(p -> p.phone() == null).count()).isBetween(1_300L, 1_700L);
    List<SyntheticPerson> adults = registry.stream().filter(p -> age(p) >= 18).toList();
    assertThat((double) adults.stream().filter(p -> p.email() != null).count() / adults.size())
        .isBetween(0.55, 0.65);
    assertThat(registry)
        .anyMatch(p -> age(p) == 0)
        .anyMatch(p -> age(p) >= 94)
        .allMatch(p -> age(p) <= 95);
    // Married names with the birth name beside them, for French and English women only.
    assertThat(registry)
        .filteredOn(p -> p.birthFamilyName() != null)
        .hasSizeGreaterThan(500)
        .allMatch(p -> "female".equals(p.sex()) || p.sex() == null)
        .noneMatch(p -> p.language().equals("it"));
    Map<String, Long> households =
        registry.stream()
            .collect(Collectors.groupingBy(p -> p.phone() + "", Collectors.counting()));
    assertThat(households.entrySet())
        .anyMatch(e -> !e.getKey().equals("null") && e.getValue() >= 3);
  }

  @Test
  void commonNamesRecurAsInRealRegistries() {
    Map<String, Long> french = familyNameCounts("fr");
    assertThat(mostCommon(french)).isEqualTo("Martin");
    assertThat(french.get("Martin")).isGreaterThan(2 * french.get("Bernard"));
    assertThat(mostCommon(familyNameCounts("it"))).isIn("Rossi", "Russo");
    assertThat(mostCommon(familyNameCounts("en"))).isIn("Smith", "Jones");
    // Namesakes: patients with the same given and family name, born on different days.
    Map<String, Set<LocalDate>> births = new HashMap<>();
    SET.registry()
        .forEach(
            p ->
                births
                    .computeIfAbsent(p.givenName() + " " + p.familyName(), k -> new HashSet<>())
                    .add(p.birthDate()));
    assertThat(births.values().stream().filter(dates -> dates.size() >= 2).count())
        .isGreaterThan(100);
  }

  @Test
  void generatesTheEvaluationSetInAFewSeconds() {
    long start = System.nanoTime();
    SyntheticPopulation.generate(99, 10_000, 5_000);
    // About one second on the project's 2-core machine; the bound leaves room for a busy one.
    assertThat((System.nanoTime() - start) / 1e9).isLessThan(15);
  }

  private static List<List<SyntheticPerson>> registeredTwins() {
    Map<String, List<SyntheticPerson>> byBirth = new HashMap<>();
    for (SyntheticPerson p : SET.registry()) {
      byBirth.computeIfAbsent(p.household() + "|" + p.birthDate(), k -> new ArrayList<>()).add(p);
    }
    return byBirth.values().stream().filter(group -> group.size() > 1).toList();
  }

  private static List<Query> ofKind(Kind kind) {
    return SET.queries().stream().filter(q -> q.kind() == kind).toList();
  }

  private static List<SyntheticPerson> household(long id) {
    return SET.registry().stream().filter(p -> p.household() == id).toList();
  }

  private static Map<String, Long> corruptionCounts(Predicate<Query> which) {
    return SET.queries().stream()
        .filter(which)
        .flatMap(q -> q.corruptions().stream())
        .collect(Collectors.groupingBy(label -> label, Collectors.counting()));
  }

  private static boolean changesBirthDate(Query query) {
    return query.corruptions().contains("day-month-swapped")
        || query.corruptions().contains("birth-date-digit-typo");
  }

  private static boolean samePhone(SyntheticPerson patient, SyntheticPerson details) {
    return patient.phone() != null && patient.phone().equals(e164(details));
  }

  private static boolean sameEmail(SyntheticPerson patient, SyntheticPerson details) {
    return patient.email() != null && patient.email().equalsIgnoreCase(details.email());
  }

  private static @Nullable String e164(SyntheticPerson person) {
    return person.phone() == null
        ? null
        : PhoneNumbers.toE164(person.phone(), PhoneBook.region(person.language())).orElse(null);
  }

  private static String prefix(String language) {
    return switch (language) {
      case "fr" -> "+33";
      case "it" -> "+39";
      default -> "+44";
    };
  }

  private static String plainNames(SyntheticPerson person) {
    return Spelling.plain(person.givenName()) + "|" + Spelling.plain(person.familyName());
  }

  private static String key(String given, String family, LocalDate birthDate) {
    return Spelling.plain(given) + "|" + Spelling.plain(family) + "|" + birthDate;
  }

  private static int age(SyntheticPerson person) {
    return Period.between(person.birthDate(), Households.TODAY).getYears();
  }

  private static Map<String, Long> familyNameCounts(String language) {
    return SET.registry().stream()
        .filter(p -> p.language().equals(language))
        .collect(Collectors.groupingBy(SyntheticPerson::familyName, Collectors.counting()));
  }

  private static String mostCommon(Map<String, Long> counts) {
    return counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
  }
}
