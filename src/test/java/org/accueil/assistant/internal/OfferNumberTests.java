package org.accueil.assistant.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The number of a held time in a short answer, and what is not one. */
class OfferNumberTests {

  @Test
  void aBareDigitInAShortAnswerIsTheChoice() {
    assertThat(Dialogue.offerNumber("1", 3)).hasValue(1);
    assertThat(Dialogue.offerNumber("Va bene il 1, grazie", 3)).hasValue(1);
    assertThat(Dialogue.offerNumber("le 2 svp", 3)).hasValue(2);
    assertThat(Dialogue.offerNumber("3.", 3)).hasValue(3);
  }

  @Test
  void timesDatesOtherNumbersAndLongMessagesAreNot() {
    assertThat(Dialogue.offerNumber("4", 3)).isEmpty();
    assertThat(Dialogue.offerNumber("à 9h", 3)).isEmpty();
    assertThat(Dialogue.offerNumber("demain à 2 heures", 3)).isEmpty();
    assertThat(Dialogue.offerNumber("alle 3 pm", 3)).isEmpty();
    assertThat(Dialogue.offerNumber("14:30", 3)).isEmpty();
    assertThat(Dialogue.offerNumber("le 3/5", 3)).isEmpty();
    assertThat(Dialogue.offerNumber("Can I come on the 3rd?", 3)).isEmpty();
    assertThat(Dialogue.offerNumber("1 ou 2", 3)).as("two numbers: no choice").isEmpty();
    assertThat(
            Dialogue.offerNumber(
                "I could do 2 but only if my sister can drive me there that day", 3))
        .isEqualTo(OptionalInt.empty());
  }
}
