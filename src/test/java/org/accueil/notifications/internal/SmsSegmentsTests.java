package org.accueil.notifications.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.accueil.notifications.NotificationKind;
import org.junit.jupiter.api.Test;

class SmsSegmentsTests {

  @Test
  void gsmTextTakes160ThenParts153() {
    assertThat(SmsSegments.count("a".repeat(160))).isEqualTo(1);
    assertThat(SmsSegments.count("a".repeat(161))).isEqualTo(2);
    assertThat(SmsSegments.count("a".repeat(306))).isEqualTo(2);
    assertThat(SmsSegments.count("a".repeat(307))).isEqualTo(3);
    // é, è, à, ù are in the GSM alphabet; € counts twice.
    assertThat(SmsSegments.isGsm("Rappel : RDV déplacé à 10:00, où ?")).isTrue();
    assertThat(SmsSegments.count("€".repeat(80))).isEqualTo(1);
    assertThat(SmsSegments.count("€".repeat(81))).isEqualTo(2);
  }

  @Test
  void oneCharacterOutsideTheAlphabetMakesItUcs2() {
    assertThat(SmsSegments.isGsm("plus tôt")).isFalse();
    assertThat(SmsSegments.count("ô" + "a".repeat(69))).isEqualTo(1);
    assertThat(SmsSegments.count("ô" + "a".repeat(70))).isEqualTo(2);
    assertThat(SmsSegments.count("ô" + "a".repeat(133))).isEqualTo(2);
    assertThat(SmsSegments.count("ô" + "a".repeat(134))).isEqualTo(3);
  }

  /** Accueil's own texts, filled with long real values, stay within two parts by SMS. */
  @Test
  void everyStandardTextMessageFitsInTwoParts() {
    Wording wording = new Wording(null, null);
    for (String language : Wording.LANGUAGES) {
      Locale locale = Locale.forLanguageTag(language);
      var start = LocalDateTime.of(2027, 9, 15, 10, 30).atZone(ZoneId.of("Europe/Paris"));
      Map<String, String> values = new HashMap<>();
      values.put("name", "Jean-Baptiste");
      values.put("when", Composer.when(start, locale));
      values.put("date", "15 septembre 2027");
      values.put("time", Composer.time(start, locale));
      values.put("practice", "Cabinet médical du Parc");
      values.put("address", "12 rue de la République, 69002 Lyon");
      values.put("provider", "Dr Marie-Hélène Lefebvre");
      values.put(
          "link",
          "https://accueil.cabinet-du-parc.fr/p/pl_AaJIxfvcfU-pTJF2EfzZgwAAAABruOtoAQ.wCSKSZ4QnuQOMWX9nRqlDQ");
      values.put("text", "Pensez à prendre rendez-vous pour votre contrôle post-opératoire.");
      values.put("expires", "11:00");
      values.put("form", "Questionnaire nouveau patient");
      values.put("portal", "https://portail.cabinet-du-parc.fr/resultats");
      // Three held times, two of them with a colleague, as a disruption offers them.
      values.put(
          "options",
          String.join(
              "\n",
              "1) " + org.accueil.platform.PatientDates.shortWhen(start.plusHours(2), locale),
              "2) "
                  + org.accueil.platform.PatientDates.shortWhen(start.plusHours(3), locale)
                  + " - Dr Delacroix-Lefebvre",
              "3) "
                  + org.accueil.platform.PatientDates.shortWhen(start.plusDays(1), locale)
                  + " - Dr Delacroix-Lefebvre"));
      for (NotificationKind kind : NotificationKind.values()) {
        String sms = Wording.fill(wording.standardSms(kind, language), values);
        assertThat(SmsSegments.count(sms))
            .as(language + " " + kind + ": " + sms)
            .isLessThanOrEqualTo(2);
      }
    }
  }
}
