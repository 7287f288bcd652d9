package org.accueil.patients.matching;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NameKeysTests {

  @Test
  void accentsAndCaseDoNotMatter() {
    assertThat(NameKeys.key("Hélène")).isEqualTo("helene");
    assertThat(NameKeys.key("HELENE")).isEqualTo("helene");
    assertThat(NameKeys.key("  hÉLÈNE ")).isEqualTo("helene");
    assertThat(NameKeys.key("Nuñez Çelik Åström")).isEqualTo("nunez celik astrom");
  }

  @Test
  void hyphensDotsAndCommasBecomeSingleSpaces() {
    assertThat(NameKeys.key("Jean-François")).isEqualTo("jean francois");
    assertThat(NameKeys.key("Jean  François")).isEqualTo("jean francois");
    assertThat(NameKeys.key("J.-F. Martin, Jr.")).isEqualTo("j f martin jr");
    assertThat(NameKeys.key("Anne--Marie\t")).isEqualTo("anne marie");
  }

  @Test
  void apostrophesJoinTheWordsAroundThem() {
    assertThat(NameKeys.key("O'Brien")).isEqualTo("obrien");
    assertThat(NameKeys.key("D’Angelo")).isEqualTo("dangelo");
    assertThat(NameKeys.key("Dʼ Alembert")).isEqualTo("d alembert");
    assertThat(NameKeys.key("D´Amico")).isEqualTo("damico");
  }

  @Test
  void ligaturesAndSpecialLettersAreFolded() {
    assertThat(NameKeys.key("Lætitia")).isEqualTo("laetitia");
    assertThat(NameKeys.key("Œuvray")).isEqualTo("oeuvray");
    assertThat(NameKeys.key("Groß")).isEqualTo("gross");
    assertThat(NameKeys.key("Søren Łukasz Đorđević")).isEqualTo("soren lukasz dordevic");
    assertThat(NameKeys.key("Þórður")).isEqualTo("thordur");
    assertThat(NameKeys.key("Yıldız İnce")).isEqualTo("yildiz ince");
    assertThat(NameKeys.key("ﬁlippi")).isEqualTo("filippi");
  }

  @Test
  void latinScriptKeysHoldOnlyLowerCaseLettersAndSingleSpaces() {
    for (String name :
        new String[] {
          "Hélène",
          "Jean-François",
          "O'Brien",
          "Lætitia",
          "Œuvray",
          "Müller-Lüdenscheidt",
          "De La Fontaine",
          "São João",
          "Dvořák",
          "Ævar Þór"
        }) {
      assertThat(NameKeys.key(name)).as(name).matches("[a-z]+( [a-z]+)*");
    }
  }

  @Test
  void lettersOfOtherScriptsAreKeptRatherThanDropped() {
    assertThat(NameKeys.key("Παπαδόπουλος")).isEqualTo("παπαδοπουλος");
    assertThat(NameKeys.key("Иванов-Петров")).isEqualTo("иванов петров");
  }

  @Test
  void aNonBlankNameNeverHasAnEmptyKey() {
    for (String name : new String[] {"X", "Œ", "Ø", "'", "123", "-", "王", "..."}) {
      assertThat(NameKeys.key(name)).as(name).isNotEmpty();
    }
    assertThat(NameKeys.key("  ")).isEmpty();
  }

  @Test
  void aKeyIsItsOwnKey() {
    for (String name : new String[] {"Hélène", "Jean-François", "D'Angelo", "Œuvray"}) {
      String key = NameKeys.key(name);
      assertThat(NameKeys.key(key)).isEqualTo(key);
    }
  }

  @Test
  void tokensAreTheWordsOfAKey() {
    assertThat(NameKeys.tokens("de la fontaine")).containsExactly("de", "la", "fontaine");
    assertThat(NameKeys.tokens("martin")).containsExactly("martin");
    assertThat(NameKeys.tokens("")).isEmpty();
  }

  @Test
  void compactKeysJoinCompoundsWrittenApartOrTogether() {
    assertThat(NameKeys.compact("de la fontaine")).isEqualTo("delafontaine");
    assertThat(NameKeys.compact(NameKeys.key("Jean-Pierre")))
        .isEqualTo(NameKeys.compact(NameKeys.key("Jeanpierre")));
  }

  @Test
  void theCoreDropsFrenchItalianDutchAndGermanParticles() {
    assertThat(NameKeys.core("de la fontaine")).isEqualTo("fontaine");
    assertThat(NameKeys.core("van der berg")).isEqualTo("berg");
    assertThat(NameKeys.core("di stefano")).isEqualTo("stefano");
    assertThat(NameKeys.core("della rovere")).isEqualTo("rovere");
    assertThat(NameKeys.core("von humboldt")).isEqualTo("humboldt");
    assertThat(NameKeys.core(NameKeys.key("D' Alembert"))).isEqualTo("alembert");
    assertThat(NameKeys.core("le goff")).isEqualTo("goff");
  }

  @Test
  void theCoreKeepsElidedParticlesThatAreNotWordsOfTheirOwn() {
    assertThat(NameKeys.core(NameKeys.key("D'Angelo"))).isEqualTo("dangelo");
    assertThat(NameKeys.core(NameKeys.key("L'Huillier"))).isEqualTo("lhuillier");
  }

  @Test
  void saintAndMacArePartOfTheName() {
    assertThat(NameKeys.core(NameKeys.key("Saint-Martin"))).isEqualTo("saintmartin");
    assertThat(NameKeys.core(NameKeys.key("Mac Donald"))).isEqualTo("macdonald");
    assertThat(NameKeys.core(NameKeys.key("Mc Bride"))).isEqualTo("mcbride");
  }

  @Test
  void aNameMadeOnlyOfParticlesKeepsThemAll() {
    assertThat(NameKeys.core(NameKeys.key("De La"))).isEqualTo("dela");
    assertThat(NameKeys.core("le")).isEqualTo("le");
  }
}
