package org.accueil.patients.matching;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ItalianPhoneticTests {

  @Test
  void doubleConsonantsAreSingle() {
    assertSameCode("Rossi", "Rosi");
    assertSameCode("Ciccone", "Cicone");
    assertSameCode("Giuseppe", "Giusepe");
    assertSameCode("Mazza", "Maza");
    assertSameCode("Cappelletti", "Capelletti");
    assertSameCode("Sciarra", "Sciara");
  }

  @Test
  void gliIsSaidLi() {
    assertSameCode("Scognamiglio", "Scognamilio");
    assertSameCode("Figlioli", "Filioli");
  }

  @Test
  void chAndKAreOneHardSound() {
    assertSameCode("Bianchi", "Bianki");
    assertSameCode("Chiara", "Kiara");
  }

  @Test
  void anIThatOnlySoftensTheConsonantIsNotSaid() {
    assertThat(italian("Giorgio")).isEqualTo("JORJO");
    assertThat(italian("Sciascia")).isEqualTo("XAXA");
    assertThat(italian("Giulia")).isEqualTo("JULIA");
  }

  @Test
  void jIsTheOldSpellingOfI() {
    assertSameCode("Jacopo", "Iacopo");
  }

  @Test
  void ghezziIsAHardGAndGezziASoftOne() {
    assertDifferentCodes("Ghezzi", "Gezzi");
  }

  @Test
  void rossiIsNotRusso() {
    assertDifferentCodes("Rossi", "Russo");
  }

  @Test
  void ricciIsNotRizziBecauseCiAndZziAreTwoSounds() {
    assertDifferentCodes("Ricci", "Rizzi");
  }

  @Test
  void theFinalVowelIsKeptBecauseItTellsGalloFromGalliAndGiulioFromGiulia() {
    assertDifferentCodes("Gallo", "Galli");
    assertDifferentCodes("Giulio", "Giulia");
    assertDifferentCodes("Francesco", "Francesca");
    assertDifferentCodes("Luca", "Lucia");
  }

  @Test
  void theCodeIsUpperCaseLettersAndAtMostTenLong() {
    for (String name : new String[] {"Scognamiglio", "Dell'Acquaviva", "Hh", "Xu"}) {
      assertThat(italian(name)).as(name).matches("[A-Z]{1,10}");
    }
  }

  private static void assertSameCode(String a, String b) {
    assertThat(italian(a)).as(a + " / " + b).isEqualTo(italian(b));
  }

  private static void assertDifferentCodes(String a, String b) {
    assertThat(italian(a)).as(a + " / " + b).isNotEqualTo(italian(b));
  }

  private static String italian(String name) {
    return ItalianPhonetic.encode(NameKeys.key(name));
  }
}
