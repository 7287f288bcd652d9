package org.accueil.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Names as people write them, in any script, pass; code, symbols and tricks do not. */
class PersonNamesTests {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Jeanne",
        "O'Brien",
        "O’Brien-Łukasiewicz",
        "Jean-Pierre de la Tour",
        "Nguyễn Thị Minh Khai",
        "Dr.",
        "St. John",
        "'t Hooft",
        "محمد",
        "דוד",
        "张伟",
        "Ålesund",
        "Zoë",
        "e\u0301lodie", // e + combining acute: letters and marks, stored composed
        "علی\u200Cرضا", // Persian, with the zero-width non-joiner its spelling needs
        "क्\u200Dष", // Devanagari with a zero-width joiner between letters
        "Ἀλέξανδρος",
        "Ꙩ"
      })
  void namesInAnyScriptPass(String name) {
    assertThat(PersonNames.isName(PersonNames.normalized(name), 100)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " ",
        "'; DROP TABLE patient;--",
        "1 OR 1=1",
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "Robert'); DROP TABLE",
        "Jeanne\u0000",
        "Jeanne\u202Eenaej", // right-to-left override: shows another name than it is
        "\u200DJeanne", // a joiner with nothing to join
        "Jeanne\u200B", // zero-width space hides a difference between two names
        "Jeanne 😀",
        "R2-D2",
        "\u0301Jeanne", // a combining mark with no letter to sit on
        "- . '",
        "Jeanne_Doe",
        "Jeanne\tDoe"
      })
  void codeSymbolsAndTricksDoNot(String name) {
    assertThat(PersonNames.isName(PersonNames.normalized(name), 100)).isFalse();
  }

  @org.junit.jupiter.api.Test
  void theLengthIsCountedInCharactersAsPeopleSeeThem() {
    assertThat(PersonNames.isName("a".repeat(100), 100)).isTrue();
    assertThat(PersonNames.isName("a".repeat(101), 100)).isFalse();
    // 100 letters outside the Basic Multilingual Plane: 200 UTF-16 units, 100 characters.
    assertThat(PersonNames.isName("𠀀".repeat(100), 100)).isTrue();
    assertThat(PersonNames.normalized("  e\u0301lodie ")).isEqualTo("élodie");
  }
}
