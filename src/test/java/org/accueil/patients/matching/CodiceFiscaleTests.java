package org.accueil.patients.matching;

import static org.assertj.core.api.Assertions.assertThat;

import org.accueil.patients.matching.CodiceFiscale.Decoded;
import org.junit.jupiter.api.Test;

class CodiceFiscaleTests {

  private static final String MARIO_ROSSI = "RSSMRA85T10A562S";

  /** The digit positions, right to left: the order in which omocodia replaces them. */
  private static final int[] DIGITS_FROM_THE_RIGHT = {14, 13, 12, 10, 9, 7, 6};

  @Test
  void theWidelyPublishedMarioRossiIsValid() {
    assertThat(CodiceFiscale.isValid(MARIO_ROSSI)).isTrue();
    assertThat(CodiceFiscale.decode(MARIO_ROSSI)).contains(new Decoded(85, 12, 10, false));
  }

  @Test
  void otherPublishedExamplesAreValid() {
    // The examples of python-stdnum's stdnum/it/codicefiscale.py documentation.
    assertThat(CodiceFiscale.decode("RCCMNL83S18D969H")).contains(new Decoded(83, 11, 18, false));
    assertThat(CodiceFiscale.decode("CNTCHR83T41D969D")).contains(new Decoded(83, 12, 1, true));
  }

  @Test
  void aWomansDayCarriesForty() {
    String code = withCheck("BNCLRA90A41H501");
    assertThat(CodiceFiscale.decode(code)).contains(new Decoded(90, 1, 1, true));
  }

  @Test
  void anyOtherCheckLetterIsRejected() {
    for (char check = 'A'; check <= 'Z'; check++) {
      if (check != 'S') {
        assertThat(CodiceFiscale.isValid(MARIO_ROSSI.substring(0, 15) + check)).isFalse();
      }
    }
  }

  @Test
  void omocodicCodesAreValidAndDecodeToTheSameBirth() {
    String code = MARIO_ROSSI.substring(0, 15);
    for (int position : DIGITS_FROM_THE_RIGHT) {
      code = omocodic(code, position);
      assertThat(CodiceFiscale.decode(withCheck(code)))
          .as(code)
          .contains(new Decoded(85, 12, 10, false));
    }
    assertThat(code).isEqualTo("RSSMRAURTMLARSN");
  }

  @Test
  void anySingleDigitMayBeReplacedNotOnlyFromTheRight() {
    for (int position : DIGITS_FROM_THE_RIGHT) {
      String code = withCheck(omocodic(MARIO_ROSSI.substring(0, 15), position));
      assertThat(CodiceFiscale.decode(code)).as(code).contains(new Decoded(85, 12, 10, false));
    }
  }

  @Test
  void daysThatTheMonthDoesNotHaveAreRejected() {
    assertThat(CodiceFiscale.isValid(withCheck("RSSMRA85D31A562"))).isFalse(); // 31 April
    assertThat(CodiceFiscale.isValid(withCheck("RSSMRA85B30A562"))).isFalse(); // 30 February
    assertThat(CodiceFiscale.isValid(withCheck("RSSMRA85B29A562")))
        .isTrue(); // the century is unknown
    assertThat(CodiceFiscale.isValid(withCheck("RSSMRA85T00A562"))).isFalse();
    assertThat(CodiceFiscale.isValid(withCheck("RSSMRA85T35A562"))).isFalse();
    assertThat(CodiceFiscale.isValid(withCheck("RSSMRA85T72A562"))).isFalse();
  }

  @Test
  void monthLettersOutsideTheTableAreRejected() {
    assertThat(CodiceFiscale.isValid(withCheck("RSSMRA85F10A562"))).isFalse();
    assertThat(CodiceFiscale.isValid(withCheck("RSSMRA85Z10A562"))).isFalse();
  }

  @Test
  void lettersOutsideTheOmocodiaTableAreRejectedInDigitPositions() {
    assertThat(CodiceFiscale.isValid(withCheck("RSSMRA85T10A56W"))).isFalse();
    assertThat(CodiceFiscale.isValid(withCheck("RSSMRA8AT10A562"))).isFalse();
  }

  @Test
  void spacesAndCaseAreIgnored() {
    assertThat(CodiceFiscale.isValid(" rss mra 85t10 a562s ")).isTrue();
    assertThat(CodiceFiscale.normalized(" rss mra 85t10 a562s ")).isEqualTo(MARIO_ROSSI);
  }

  @Test
  void codesOfTheWrongLengthAreRejected() {
    assertThat(CodiceFiscale.isValid("")).isFalse();
    assertThat(CodiceFiscale.isValid(MARIO_ROSSI.substring(0, 15))).isFalse();
    assertThat(CodiceFiscale.isValid(MARIO_ROSSI + "A")).isFalse();
    assertThat(CodiceFiscale.decode("00743110157")).isEmpty(); // a company's number
  }

  private static String omocodic(String code, int position) {
    char letter = "LMNPQRSTUV".charAt(code.charAt(position) - '0');
    return code.substring(0, position) + letter + code.substring(position + 1);
  }

  private static String withCheck(String first15) {
    return first15 + CodiceFiscale.checkCharacter(first15);
  }
}
