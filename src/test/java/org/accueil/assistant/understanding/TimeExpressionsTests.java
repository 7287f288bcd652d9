package org.accueil.assistant.understanding;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class TimeExpressionsTests {

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final Locale FR = Locale.FRENCH;
  private static final Locale EN = Locale.ENGLISH;
  private static final Locale IT = Locale.ITALIAN;

  /** Tuesday 10 March 2026, 09:00 in Paris. */
  private static final ZonedDateTime TUESDAY = at("2026-03-10T09:00:00+01:00");

  private static ZonedDateTime at(String offsetDateTime) {
    return OffsetDateTime.parse(offsetDateTime).atZoneSameInstant(PARIS);
  }

  private static String when(String text, Locale language, ZonedDateTime now) {
    return TimeExpressionsCorpusTests.format(TimeExpressions.requested(text, language, now));
  }

  @Test
  void nextMeansTheComingDayInFrenchButNextWeekInEnglishAndItalian() {
    assertThat(when("vendredi prochain", FR, TUESDAY))
        .isEqualTo("2026-03-13T00:00+01:00/2026-03-14T00:00+01:00/day");
    assertThat(when("vendredi", FR, TUESDAY)).isEqualTo(when("vendredi prochain", FR, TUESDAY));
    assertThat(when("next Friday", EN, TUESDAY))
        .isEqualTo("2026-03-20T00:00+01:00/2026-03-21T00:00+01:00/day");
    assertThat(when("venerdì prossimo", IT, TUESDAY))
        .isEqualTo("2026-03-20T00:00+01:00/2026-03-21T00:00+01:00/day");
    assertThat(when("Friday", EN, TUESDAY))
        .isEqualTo("2026-03-13T00:00+01:00/2026-03-14T00:00+01:00/day");
    // a bare weekday is strictly after today; "this" includes today
    assertThat(when("mardi", FR, TUESDAY))
        .isEqualTo("2026-03-17T00:00+01:00/2026-03-18T00:00+01:00/day");
    assertThat(when("ce mardi", FR, TUESDAY))
        .isEqualTo("2026-03-10T00:00+01:00/2026-03-11T00:00+01:00/day");
    assertThat(when("this Monday", EN, TUESDAY))
        .isEqualTo("2026-03-16T00:00+01:00/2026-03-17T00:00+01:00/day");
    assertThat(when("lundi en huit", FR, TUESDAY))
        .isEqualTo("2026-03-23T00:00+01:00/2026-03-24T00:00+01:00/day");
    assertThat(when("jeudi en quinze", FR, TUESDAY))
        .isEqualTo("2026-03-26T00:00+01:00/2026-03-27T00:00+01:00/day");
  }

  @Test
  void daylightSavingTimeGivesEachDateItsOwnOffset() {
    ZonedDateTime friday = at("2026-03-27T16:00:00+01:00");
    assertThat(when("dimanche à 10h", FR, friday))
        .isEqualTo("2026-03-29T10:00+02:00/2026-03-29T11:00+02:00/hour");
    // the day the clocks go forward starts at +01:00 and ends at +02:00
    assertThat(when("Sunday", EN, friday))
        .isEqualTo("2026-03-29T00:00+01:00/2026-03-30T00:00+02:00/day");
    assertThat(when("questo fine settimana", IT, friday))
        .isEqualTo("2026-03-28T00:00+01:00/2026-03-30T00:00+02:00/day");
    assertThat(when("la semaine prochaine", FR, friday))
        .isEqualTo("2026-03-30T00:00+02:00/2026-04-06T00:00+02:00/week");
    // an hour from now is an hour of elapsed time
    assertThat(when("in an hour", EN, at("2026-03-29T01:30:00+01:00")))
        .isEqualTo("2026-03-29T03:30+02:00/2026-03-29T03:31+02:00/minute");
  }

  @Test
  void aDateAlreadyPastThisYearIsNextYears() {
    ZonedDateTime december = at("2026-12-18T11:00:00+01:00");
    assertThat(when("le 5 janvier", FR, december))
        .isEqualTo("2027-01-05T00:00+01:00/2027-01-06T00:00+01:00/day");
    assertThat(when("January 5th at 10am", EN, december))
        .isEqualTo("2027-01-05T10:00+01:00/2027-01-05T11:00+01:00/hour");
    assertThat(when("il 15", IT, december))
        .isEqualTo("2027-01-15T00:00+01:00/2027-01-16T00:00+01:00/day");
    assertThat(when("le 20", FR, december))
        .isEqualTo("2026-12-20T00:00+01:00/2026-12-21T00:00+01:00/day");
    assertThat(when("dans deux semaines", FR, december))
        .isEqualTo("2027-01-01T00:00+01:00/2027-01-02T00:00+01:00/day");
  }

  @Test
  void ofTwoDatesTheRequestedOneWins() {
    assertThat(when("Je voudrais déplacer mon rdv de vendredi à lundi", FR, TUESDAY))
        .startsWith("2026-03-16T00:00");
    assertThat(when("pas jeudi mais vendredi", FR, TUESDAY)).startsWith("2026-03-13T00:00");
    assertThat(when("Can I move Thursday's appointment to Friday at 2pm?", EN, TUESDAY))
        .startsWith("2026-03-13T14:00");
    assertThat(when("not Thursday but Friday", EN, TUESDAY)).startsWith("2026-03-13T00:00");
    assertThat(when("Could we do Thursday instead of Wednesday?", EN, TUESDAY))
        .startsWith("2026-03-12T00:00");
    assertThat(when("spostare da venerdì a lunedì", IT, TUESDAY)).startsWith("2026-03-16T00:00");
    assertThat(when("Martedì non posso, mercoledì invece?", IT, TUESDAY))
        .startsWith("2026-03-11T00:00");
    // a new time alone is on the day the message names
    assertThat(when("I can't come at 10 tomorrow, can we do 2pm?", EN, TUESDAY))
        .isEqualTo("2026-03-11T14:00+01:00/2026-03-11T15:00+01:00/hour");
    assertThat(when("Pas demain, mais ce soir à 18h", FR, TUESDAY)).startsWith("2026-03-10T18:00");
    // otherwise the first
    assertThat(when("vendredi ou lundi", FR, TUESDAY)).startsWith("2026-03-13T00:00");
  }

  @Test
  void aTimeOrPartWithoutADayIsTodaysIfStillAheadElseTomorrows() {
    assertThat(when("à 14h", FR, TUESDAY)).startsWith("2026-03-10T14:00");
    assertThat(when("at 8:30", EN, TUESDAY)).startsWith("2026-03-11T08:30");
    assertThat(when("la mattina", IT, TUESDAY)).startsWith("2026-03-10T08:00");
    assertThat(when("this morning", EN, at("2026-03-10T13:00:00+01:00")))
        .startsWith("2026-03-11T08:00");
    // hours 1 to 7 are the afternoon unless the morning is said
    assertThat(when("à 3h", FR, TUESDAY)).startsWith("2026-03-10T15:00");
    assertThat(when("demain à 7h du matin", FR, TUESDAY)).startsWith("2026-03-11T07:00");
    assertThat(when("ce soir à 8h", FR, TUESDAY)).startsWith("2026-03-10T20:00");
  }

  @Test
  void numbersThatAreNotTimesGiveNothing() {
    assertThat(when("j'ai 45 ans", FR, TUESDAY)).isEqualTo("-");
    assertThat(when("I have 2 kids", EN, TUESDAY)).isEqualTo("-");
    assertThat(when("May I ask something?", EN, TUESDAY)).isEqualTo("-");
    assertThat(when("non vengo mai", IT, TUESDAY)).isEqualTo("-");
    assertThat(when("ora", IT, TUESDAY)).isEqualTo("-");
    assertThat(when("tra un'ora", IT, TUESDAY)).startsWith("2026-03-10T10:00");
    assertThat(when("mars", FR, TUESDAY)).isEqualTo("-");
    assertThat(when("10 mg le soir", FR, TUESDAY)).isEqualTo("-");
  }

  @Test
  void explainsWhatItFound() {
    var found = TimeExpressions.all("Pas jeudi mais vendredi à 14h30 svp", FR, TUESDAY);
    assertThat(found)
        .extracting(TimeExpressions.Found::text)
        .containsExactly("jeudi", "vendredi à 14h30");
    assertThat(found.get(1).start()).isEqualTo(15);
  }

  @Test
  void isFast() {
    String text =
        "Bonjour, je voudrais décaler mon rendez-vous de jeudi 12 à 10h au vendredi 20 mars vers 14h30 svp";
    for (int i = 0; i < 1_000; i++) {
      TimeExpressions.requested(text, FR, TUESDAY);
    }
    long start = System.nanoTime();
    int runs = 1_000;
    for (int i = 0; i < runs; i++) {
      TimeExpressions.requested(text, FR, TUESDAY);
    }
    long micros = (System.nanoTime() - start) / 1000 / runs;
    System.out.println("TimeExpressions: " + micros + " µs a message");
    assertThat(micros).isLessThan(5_000);
  }
}
