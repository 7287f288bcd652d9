package org.accueil.patients.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class InsNumberTests {

  @Test
  void publishedExamplesAreValid() {
    // The examples of python-stdnum's stdnum/fr/nir.py documentation.
    assertThat(InsNumber.isValid("2 95 10 99 126 111 93")).isTrue();
    assertThat(InsNumber.isValid("253072B07300470")).isTrue();
    assertThat(InsNumber.isValid("253072A07300443")).isTrue();
    assertThat(InsNumber.isValid("295109912611199")).isFalse();
  }

  @Test
  void numbersWithTheKeyComputedHereAreValid() {
    for (String first13 :
        new String[] {
          "1850575123456",
          "2690549588157",
          "1821099217040",
          "8761099300012",
          "7990275056123",
          "3010113055001",
          "4121233444555"
        }) {
      assertThat(InsNumber.isValid(first13 + key(first13))).as(first13).isTrue();
    }
  }

  @Test
  void anyOtherKeyIsRejected() {
    String first13 = "1850575123456";
    int key = Integer.parseInt(key(first13));
    for (int wrong = 0; wrong <= 99; wrong++) {
      if (wrong != key) {
        assertThat(InsNumber.isValid(first13 + "%02d".formatted(wrong))).as("" + wrong).isFalse();
      }
    }
  }

  @Test
  void corsicanDepartmentsCountAsNineteenAndEighteenInTheKey() {
    assertThat(InsNumber.isValid("253072A073004" + key("2530719073004"))).isTrue();
    assertThat(InsNumber.isValid("253072B073004" + key("2530718073004"))).isTrue();
    assertThat(InsNumber.isValid("253072C07300443")).isFalse();
  }

  @Test
  void theFirstDigitMustBeOneOfTheSixKindsOfHolder() {
    for (char kind : "123478".toCharArray()) {
      String first13 = kind + "850575123456";
      assertThat(InsNumber.isValid(first13 + key(first13))).as("" + kind).isTrue();
    }
    for (char kind : "0569".toCharArray()) {
      String first13 = kind + "850575123456";
      assertThat(InsNumber.isValid(first13 + key(first13))).as("" + kind).isFalse();
    }
  }

  @Test
  void spacesAndCaseAreIgnored() {
    assertThat(InsNumber.isValid(" 2 53 07 2a 073 004 43 ")).isTrue();
    assertThat(InsNumber.normalized(" 2 53 07 2a 073 004 43 ")).isEqualTo("253072A07300443");
  }

  @Test
  void numbersOfTheWrongShapeAreRejected() {
    assertThat(InsNumber.isValid("")).isFalse();
    assertThat(InsNumber.isValid("29510991261119")).isFalse();
    assertThat(InsNumber.isValid("2951099126111933")).isFalse();
    assertThat(InsNumber.isValid("29510X9912611193")).isFalse();
    assertThat(InsNumber.isValid("2951099126111-93")).isFalse();
  }

  /** The key computed independently of the class under test, with arbitrary precision. */
  private static String key(String first13) {
    String digits = first13.replace("2A", "19").replace("2B", "18");
    int remainder = new BigInteger(digits).mod(BigInteger.valueOf(97)).intValue();
    return "%02d".formatted(97 - remainder);
  }
}
