package org.accueil.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a patient wrote, without what their mail client quoted of ours. */
class EmailQuotedReplyTests {

  @Test
  void anEnglishReplyLosesTheAttributionAndTheQuote() {
    assertThat(
            QuotedReply.strip(
                """
                Yes, 9:00 suits me.
                Thanks

                On Mon, 3 Mar 2025 at 10:00, Cabinet Martin <reply+abc@x.test> wrote:
                > Can you come on Tuesday at 9:00?
                >
                """))
        .isEqualTo("Yes, 9:00 suits me.\nThanks");
  }

  @Test
  void aFrenchReplyLosesTheAttributionAndTheQuote() {
    assertThat(
            QuotedReply.strip(
                """
                Oui, mardi me convient.

                Le lun. 3 mars 2025 à 10:00, Cabinet Martin <reply+abc@x.test> a écrit :
                > Pouvez-vous venir mardi à 9h ?
                """))
        .isEqualTo("Oui, mardi me convient.");
  }

  @Test
  void anItalianReplyLosesTheAttributionAndTheQuote() {
    assertThat(
            QuotedReply.strip(
                """
                Sì, martedì va bene.

                Il giorno lun 3 mar 2025 alle ore 10:00 Studio Rossi <reply+abc@x.test> ha scritto:
                > Può venire martedì alle 9?
                """))
        .isEqualTo("Sì, martedì va bene.");
  }

  @Test
  void anAttributionWrappedOverTwoLinesIsFound() {
    assertThat(
            QuotedReply.strip(
                """
                Fine by me.

                On Mon, 3 Mar 2025 at 10:00, Cabinet Martin with a very long name <reply+abc@x.test>
                wrote:
                > Hello
                """))
        .isEqualTo("Fine by me.");
  }

  @Test
  void anOutlookReplyLosesTheOriginalMessage() {
    assertThat(
            QuotedReply.strip(
                """
                D'accord.

                De : Cabinet Martin <reply+abc@x.test>
                Envoyé : lundi 3 mars 2025 10:00
                À : Anna
                Objet : Nouveau message
                """))
        .isEqualTo("D'accord.");
  }

  @Test
  void quotedLinesAndTheSignatureGoButInlineWordsStay() {
    assertThat(
            QuotedReply.strip(
                """
                > Can you come on Tuesday?
                Yes.
                > At 9:00?
                At 9:30 rather.
                --\s
                Anna Rossi
                +33 6 12 34 56 78
                """))
        .isEqualTo("Yes.\nAt 9:30 rather.");
  }

  @Test
  void aSentenceThatMentionsWritingIsKept() {
    assertThat(QuotedReply.strip("On the form I wrote my old address.\nCan you fix it?"))
        .isEqualTo("On the form I wrote my old address.\nCan you fix it?");
  }
}
