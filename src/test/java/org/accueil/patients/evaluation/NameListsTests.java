package org.accueil.patients.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.accueil.platform.PersonNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NameListsTests {

  private final NameLists names = NameLists.load();

  @ParameterizedTest
  @ValueSource(strings = {"fr", "it", "en"})
  void eachLanguageHasAtLeast150GivenNamesPerSexAnd200FamilyNames(String language) {
    for (String sex : List.of("female", "male")) {
      assertThat(
              names.givenNames(language).stream()
                  .filter(n -> n.sex().equals(sex))
                  .map(NameLists.GivenName::name)
                  .distinct())
          .hasSizeGreaterThanOrEqualTo(150);
    }
    assertThat(names.familyNames(language).stream().map(NameLists.FamilyName::name).distinct())
        .hasSizeGreaterThanOrEqualTo(200);
    assertThat(names.givenNames(language)).allMatch(n -> isName(n.name()) && n.weight() > 0);
    assertThat(names.familyNames(language)).allMatch(n -> isName(n.name()) && n.weight() > 0);
  }

  @Test
  void theListsHaveCompoundNamesParticlesAccentsAndApostrophes() {
    assertThat(given("fr"))
        .contains("Jean-Pierre", "Marie-Claire", "Hélène", "Jean-Baptiste", "Marie-Thérèse");
    assertThat(given("it")).contains("Maria Grazia", "Gian Luca", "Niccolò", "Nicolò");
    assertThat(family("fr")).contains("de la Fontaine", "Le Goff", "Lefèvre");
    assertThat(family("it")).contains("Di Stefano", "D'Angelo", "Dell'Acqua");
    assertThat(family("en")).contains("O'Brien", "Van der Berg");
  }

  @Test
  void commonNamesWeighMuchMoreThanRareOnes() {
    assertThat(weight("fr", "Martin")).isGreaterThan(20 * weight("fr", "de la Fontaine"));
    assertThat(weight("it", "Rossi"))
        .isGreaterThan(weight("it", "Esposito"))
        .isGreaterThan(weight("it", "Di Stefano"));
    assertThat(weight("en", "Smith"))
        .isGreaterThan(weight("en", "Jones"))
        .isGreaterThan(weight("en", "O'Brien"));
  }

  @Test
  void givenNamesFollowTheYearsTheyWereGivenIn() {
    var random = new Random(1);
    Map<String, Long> born1935 = draw(random, 1935);
    Map<String, Long> born2015 = draw(random, 2015);
    assertThat(born1935).containsKeys("Marie", "Jacqueline", "Monique");
    assertThat(born2015).containsKeys("Jade", "Louise", "Emma");
    // Old names come back now and then, but far less often than in their years.
    assertThat(born1935.get("Monique")).isGreaterThan(10 * born2015.getOrDefault("Monique", 0L));
    assertThat(born2015.get("Jade")).isGreaterThan(10 * born1935.getOrDefault("Jade", 0L));
  }

  @Test
  void nicknamesAreThoseAFrontDeskHears() {
    assertThat(names.nicknamesOf("en", "William")).contains("Bill");
    assertThat(names.nicknamesOf("en", "Robert")).contains("Bob");
    assertThat(names.nicknamesOf("en", "Elizabeth")).contains("Liz");
    assertThat(names.nicknamesOf("en", "Catherine")).contains("Cathy");
    assertThat(names.nicknamesOf("fr", "Catherine")).contains("Cathy");
    assertThat(names.nicknamesOf("it", "Giuseppe")).contains("Beppe", "Peppe", "Pino");
    assertThat(names.nicknamesOf("it", "Francesco")).contains("Checco");
    assertThat(names.nicknamesOf("it", "Alessandro")).contains("Sandro");
    assertThat(names.nicknamesOf("it", "Giovanni")).contains("Gianni");
    assertThat(names.nicknamesOf("fr", "Jean-Baptiste")).contains("JB");
    assertThat(names.nicknamesOf("fr", "Marie-Thérèse")).contains("Maïté");
    assertThat(names.nicknamesOf("fr", "Bill")).isEmpty();
  }

  @Test
  void twinNamesAndNicknamesNameOnlyListedGivenNames() {
    for (String language : NameLists.LANGUAGES) {
      Set<String> listed =
          names.givenNames(language).stream()
              .map(n -> n.name() + "|" + n.sex())
              .collect(Collectors.toSet());
      for (NameLists.TwinNames pair : names.twinNames(language)) {
        assertThat(listed)
            .contains(pair.first() + "|" + pair.firstSex(), pair.second() + "|" + pair.secondSex());
      }
    }
  }

  @Test
  void dictatedSpellingsSoundLikeTheName() {
    assertThat(names.spellingsLike("fr", "Matthieu")).contains("Mathieu");
    assertThat(names.spellingsLike("fr", "Philippe")).contains("Filipe");
    assertThat(names.spellingsLike("en", "Catherine")).contains("Katherine");
    assertThat(names.spellingsLike("it", "Rossi")).contains("Rosi");
  }

  private Map<String, Long> draw(Random random, int year) {
    return random
        .ints(5_000)
        .mapToObj(i -> names.givenName(random, "fr", "female", year))
        .collect(Collectors.groupingBy(name -> name, Collectors.counting()));
  }

  private List<String> given(String language) {
    return names.givenNames(language).stream().map(NameLists.GivenName::name).toList();
  }

  private List<String> family(String language) {
    return names.familyNames(language).stream().map(NameLists.FamilyName::name).toList();
  }

  private double weight(String language, String family) {
    return names.familyNames(language).stream()
        .filter(n -> n.name().equals(family))
        .findFirst()
        .orElseThrow()
        .weight();
  }

  private static boolean isName(String name) {
    return PersonNames.isName(PersonNames.normalized(name), 100);
  }
}
