package org.accueil.patients.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class GivenNamesTests {

  private static final GivenNames NAMES = GivenNames.standard();

  /**
   * Pairs of a man's and a woman's name of one root, often given to twins; several sound alike in
   * French (Daniel/Danielle, Michel/Michelle, Noël/Noëlle).
   */
  private static final List<List<String>> TWINS =
      List.of(
          List.of("Jean", "Jeanne"),
          List.of("Louis", "Louise"),
          List.of("Francesco", "Francesca"),
          List.of("Daniel", "Danielle"),
          List.of("Giulio", "Giulia"),
          List.of("Michel", "Michelle"),
          List.of("Michel", "Michèle"),
          List.of("Gabriel", "Gabrielle"),
          List.of("Pascal", "Pascale"),
          List.of("Frédéric", "Frédérique"),
          List.of("René", "Renée"),
          List.of("André", "Andrée"),
          List.of("Noël", "Noëlle"),
          List.of("Joël", "Joëlle"),
          List.of("Emmanuel", "Emmanuelle"),
          List.of("Raphaël", "Raphaëlle"),
          List.of("Marcel", "Marcelle"),
          List.of("Julien", "Julienne"),
          List.of("Jules", "Julie"),
          List.of("François", "Françoise"),
          List.of("Denis", "Denise"),
          List.of("Lucien", "Lucienne"),
          List.of("Antonio", "Antonia"),
          List.of("Mario", "Maria"),
          List.of("Paolo", "Paola"),
          List.of("Roberto", "Roberta"),
          List.of("Alessandro", "Alessandra"),
          List.of("Giovanni", "Giovanna"),
          List.of("Giuseppe", "Giuseppina"),
          List.of("Francis", "Frances"),
          List.of("Patrick", "Patricia"),
          List.of("Joseph", "Josephine"),
          List.of("Robert", "Roberta"));

  /**
   * Names borne by men in one language and women in another, or shortening a man's name and a
   * woman's: the only names that may be on lines of both sexes.
   */
  private static final Set<String> NAMES_OF_BOTH_SEXES_ACROSS_LANGUAGES =
      Set.of(
          "ali", // a man's name; Alison's nickname
          "andrea", // a man in Italy, a woman in England
          "charlie", // Charles and Charlotte
          "daniele", // Italian Daniele; French Danièle
          "jacky", // Jacques and Jacqueline
          "laurence", // a woman in France, a man in England
          "lilian", // a man in France, a woman in England
          "lou", // a woman in France; Louis's nickname in English
          "michele", // Italian Michele; French Michèle
          "nicola", // a man in Italy, a woman in Britain
          "simone"); // a man in Italy, a woman in France

  @Test
  void theFileLoadsInWellUnderASecondAndOnlyOnce() throws IOException {
    List<String> lines = resourceLines();
    long start = System.nanoTime();
    GivenNames parsed = GivenNames.parse(lines);
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertThat(millis).isLessThan(1_000);
    assertThat(parsed.registeredCount("fr")).isEqualTo(NAMES.registeredCount("fr"));
    assertThat(GivenNames.standard()).isSameAs(NAMES);
  }

  @Test
  void eachLanguageRegistersAtLeastTwoHundredFiftyNames() {
    assertThat(NAMES.registeredCount("fr")).isGreaterThanOrEqualTo(250);
    assertThat(NAMES.registeredCount("it")).isGreaterThanOrEqualTo(250);
    assertThat(NAMES.registeredCount("en")).isGreaterThanOrEqualTo(250);
  }

  @Test
  void twinsNamesAreNeverVariantsAndEachIsKnownWithItsSex() {
    for (List<String> twins : TWINS) {
      String man = twins.get(0);
      String woman = twins.get(1);
      assertThat(variants(man, woman)).as(man + " / " + woman).isFalse();
      assertThat(variants(woman, man)).as(woman + " / " + man).isFalse();
      assertThat(NAMES.sexOf(NameKeys.key(man))).as(man).isEqualTo(NameSex.MALE);
      assertThat(NAMES.sexOf(NameKeys.key(woman))).as(woman).isIn(NameSex.FEMALE, NameSex.EITHER);
    }
    assertThat(sex("Jeanne")).isEqualTo(NameSex.FEMALE);
    assertThat(sex("Danielle")).isEqualTo(NameSex.FEMALE);
    assertThat(sex("Giulia")).isEqualTo(NameSex.FEMALE);
    assertThat(sex("Louise")).isEqualTo(NameSex.FEMALE);
    assertThat(sex("Francesca")).isEqualTo(NameSex.FEMALE);
  }

  @Test
  void anUnlistedSpellingIsTakenOnlyForTheNameThatSoundsAndEndsLikeIt() {
    assertThat(variants("Danyel", "Daniel")).isTrue();
    assertThat(variants("Stefanie", "Stéphanie")).isTrue();
    assertThat(variants("Danyel", "Danielle")).isFalse();
    assertThat(variants("Danyelle", "Daniel")).isFalse();
    // Italian Daniele (a man) also sounds and ends like Danyelle: no sex can be inferred.
    assertThat(variants("Danyelle", "Danielle")).isFalse();
    assertThat(variants("Bobbie", "Bobby")).isFalse();
  }

  @Test
  void noLineOfOneSexListsANameRegisteredForTheOtherUnlessItIsBorneByBoth() throws IOException {
    Map<String, Set<String>> registeredSexes = new HashMap<>();
    List<String[]> lines = new ArrayList<>();
    for (String line : resourceLines()) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] fields = line.strip().split("\\s+", 3);
      lines.add(fields);
      String first = NameKeys.compact(NameKeys.key(fields[2].split(",")[0]));
      registeredSexes.computeIfAbsent(first, name -> new HashSet<>()).add(fields[1]);
    }
    Set<String> crossing = new TreeSet<>();
    for (String[] fields : lines) {
      String otherSex = fields[1].equals("m") ? "f" : fields[1].equals("f") ? "m" : null;
      for (String name : fields[2].split(",")) {
        String compact = NameKeys.compact(NameKeys.key(name));
        if (otherSex != null
            && registeredSexes.getOrDefault(compact, Set.of()).contains(otherSex)) {
          crossing.add(compact);
        }
      }
    }
    assertThat(crossing).isSubsetOf(NAMES_OF_BOTH_SEXES_ACROSS_LANGUAGES);
  }

  @Test
  void namesOfBothSexesAreEither() {
    for (String name :
        new String[] {"Camille", "Dominique", "Claude", "Andrea", "Sasha", "Sacha", "Alex"}) {
      assertThat(sex(name)).as(name).isEqualTo(NameSex.EITHER);
    }
  }

  @Test
  void listedNamesHaveTheirSex() {
    for (String man : new String[] {"Jean-Pierre", "Giuseppe", "William", "Beppe", "Bill", "JB"}) {
      assertThat(sex(man)).as(man).isEqualTo(NameSex.MALE);
    }
    for (String woman : new String[] {"Marie-Thérèse", "Maïté", "Margaret", "Peggy", "Grazia"}) {
      assertThat(sex(woman)).as(woman).isEqualTo(NameSex.FEMALE);
    }
    assertThat(sex("Xyzzy")).isEqualTo(NameSex.UNKNOWN);
  }

  @Test
  void anUnlistedCompoundOfKnownNamesHasTheSexOfItsFirstName() {
    assertThat(NAMES.isKnown(NameKeys.key("Paul-Henri"))).isTrue();
    assertThat(sex("Paul-Henri")).isEqualTo(NameSex.MALE);
    assertThat(sex("Jean-Marie")).isEqualTo(NameSex.MALE);
    assertThat(sex("Marie-Jean")).isEqualTo(NameSex.FEMALE);
  }

  @Test
  void compoundsAreKnownInAnySpellingAndSoAreTheirWords() {
    assertThat(NAMES.isKnown("jean pierre")).isTrue();
    assertThat(NAMES.isKnown("jeanpierre")).isTrue();
    assertThat(NAMES.isKnown("Jean-Pierre")).isTrue();
    assertThat(NAMES.isKnown("jean")).isTrue();
    assertThat(NAMES.isKnown("pierre")).isTrue();
    assertThat(NAMES.isKnown("mariagrazia")).isTrue();
    assertThat(NAMES.isKnown("jean xyzzy")).isFalse();
    assertThat(NAMES.isKnown("xyzzy")).isFalse();
    assertThat(NAMES.isKnown("")).isFalse();
  }

  @Test
  void nicknamesAndDiminutivesAreVariants() {
    assertAllVariants("Giuseppe", "Beppe", "Peppe", "Pino", "Peppino");
    assertAllVariants("Francesco", "Checco", "Cecco");
    assertAllVariants("William", "Bill", "Billy", "Will", "Liam");
    assertAllVariants("Robert", "Bob", "Bobby", "Rob");
    assertAllVariants("Margaret", "Maggie", "Peggy", "Meg");
    assertAllVariants("Elizabeth", "Liz", "Beth", "Betty");
    assertAllVariants("Jean-Baptiste", "JB", "Baptiste");
    assertAllVariants("Marie-Thérèse", "Maïté");
    assertAllVariants("Catherine", "Cathy", "Kathy");
    assertAllVariants("Alessandro", "Sandro", "Ale");
    assertAllVariants("Giovanni", "Gianni", "Vanni");
    assertAllVariants("Maria Grazia", "Mariagrazia", "Grazia");
  }

  @Test
  void spellingsOfOneNameAreVariants() {
    assertThat(variants("Mathieu", "Matthieu")).isTrue();
    assertThat(variants("Stéphane", "Stefane")).isTrue();
    assertThat(variants("Catherine", "Katherine")).isTrue();
    assertThat(variants("Philippe", "Philipe")).isTrue();
    assertThat(variants("Jean-Baptiste", "Jean-Batiste")).isTrue();
    assertThat(variants("Jean-Pierre", "Jeanpierre")).isTrue();
  }

  @Test
  void namesOfTheirOwnAreNotVariantsOfTheNameTheyCameFrom() {
    assertThat(variants("Francesco", "Franco")).isFalse();
    assertThat(variants("Elizabeth", "Lisa")).isFalse();
    assertThat(variants("John", "Jack")).isFalse();
  }

  @Test
  void sharingANicknameDoesNotMakeTwoNamesVariants() {
    assertThat(variants("Elizabeth", "Beth")).isTrue();
    assertThat(variants("Bethany", "Beth")).isTrue();
    assertThat(variants("Elizabeth", "Bethany")).isFalse();
    assertThat(variants("Alexandre", "Alexandra")).isFalse();
  }

  @Test
  void shortNamesThatSoundAlikeAreNotVariantsUnlessListed() {
    assertThat(variants("Al", "Hal")).isFalse();
    assertThat(variants("Jack", "Jake")).isFalse();
    assertThat(variants("Agnès", "Annie")).isFalse();
    assertThat(variants("Elaine", "Hélène")).isFalse();
  }

  @Test
  void aNameIsAVariantOfItselfEvenWhenUnknown() {
    assertThat(variants("Xyzzy", "xyzzy")).isTrue();
    assertThat(variants("Camille", "CAMILLE")).isTrue();
    assertThat(NAMES.areVariants("", "")).isFalse();
  }

  @Test
  void variantsAreSymmetric() {
    List<String> sample = new ArrayList<>(new TreeSet<>(NAMES.listedNames())).subList(0, 200);
    List<String> names = new ArrayList<>(sample);
    names.addAll(List.of("stefane", "danyel", "jeanbatiste", "mattis", "bobbie"));
    for (String a : names) {
      for (String b : names) {
        assertThat(NAMES.areVariants(a, b)).as(a + " / " + b).isEqualTo(NAMES.areVariants(b, a));
      }
    }
  }

  @Test
  void aMalformedLineIsReportedWithItsNumber() {
    assertThatThrownBy(() -> GivenNames.parse(List.of("# names", "de m Hans")))
        .hasMessageContaining("line 2");
    assertThatThrownBy(() -> GivenNames.parse(List.of("fr q Jean"))).hasMessageContaining("line 1");
    assertThatThrownBy(() -> GivenNames.parse(List.of("fr m"))).hasMessageContaining("line 1");
  }

  private static void assertAllVariants(String... forms) {
    for (String a : forms) {
      for (String b : forms) {
        assertThat(variants(a, b)).as(a + " / " + b).isTrue();
      }
    }
  }

  private static boolean variants(String a, String b) {
    return NAMES.areVariants(NameKeys.key(a), NameKeys.key(b));
  }

  private static NameSex sex(String name) {
    return NAMES.sexOf(NameKeys.key(name));
  }

  private static List<String> resourceLines() throws IOException {
    try (InputStream in = GivenNames.class.getResourceAsStream("given-names.txt")) {
      assertThat(in).isNotNull();
      return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList();
    }
  }
}
