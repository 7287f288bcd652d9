package org.accueil.patients.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Set;
import org.accueil.patients.Sex;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The scorer's decisions on the pairs a front desk meets, each explained field by field. */
class ScorerTests {

  final Scorer scorer = new Scorer(GivenNames.standard(), Weights.standard());

  @Test
  void theSamePersonWithTheSamePhoneIsAMatch() {
    var c =
        scorer.compare(
            person("Jeanne", "Martin", "1980-05-17", "+33612345678"),
            person("JEANNE", "martin", "1980-05-17", "+33612345678"));

    assertThat(c.band()).isEqualTo(Band.MATCH);
    assertThat(c.agreementOf(Field.GIVEN_NAME)).isEqualTo(Agreement.EXACT);
    assertThat(c.agreementOf(Field.PHONE)).isEqualTo(Agreement.EXACT);
  }

  @Test
  void accentsHyphensAndCaseDoNotCount() {
    var c =
        scorer.compare(
            person("Jean-François", "Lefèvre", "1962-01-30", "+33612345678"),
            person("jean francois", "LEFEVRE", "1962-01-30", "+33612345678"));

    assertThat(c.band()).isEqualTo(Band.MATCH);
    assertThat(c.agreementOf(Field.FAMILY_NAME)).isEqualTo(Agreement.EXACT);
  }

  @Test
  void aNicknameIsAVariantOfTheGivenName() {
    var c =
        scorer.compare(
            person("Beppe", "Esposito", "1958-03-19", "+393471234567"),
            person("Giuseppe", "Esposito", "1958-03-19", "+393471234567"));

    assertThat(c.band()).isEqualTo(Band.MATCH);
    assertThat(c.agreementOf(Field.GIVEN_NAME)).isEqualTo(Agreement.VARIANT);
  }

  @Test
  void aTypoInTheFamilyNameIsStillTheSamePerson() {
    var c =
        scorer.compare(
            person("Marco", "Scognamiglio", "1985-12-10", "+393471234567"),
            person("Marco", "Scognamilio", "1985-12-10", "+393471234567"));

    assertThat(c.band()).isEqualTo(Band.MATCH);
    assertThat(c.agreementOf(Field.FAMILY_NAME)).isIn(Agreement.SOUND, Agreement.TYPO);
  }

  @Test
  void aMaidenNameFindsAMarriedWoman() {
    var married =
        new Traits(
            "Claire",
            "Dubois",
            "Lambert",
            date("1979-06-06"),
            Sex.FEMALE,
            Set.of("+33698765432"),
            Set.of(),
            Set.of());
    var asBorn = person("Claire", "Lambert", "1979-06-06", "+33698765432");

    var c = scorer.compare(asBorn, married);

    assertThat(c.band()).isEqualTo(Band.MATCH);
    assertThat(c.notes()).contains(Note.BIRTH_FAMILY_NAME);
  }

  @Test
  void twinsSharingEverythingButTheirGivenNamesAreNeverLinked() {
    for (String[] twins :
        new String[][] {
          {"Louis", "Louise"}, {"Lucas", "Thomas"}, {"Francesco", "Francesca"}, {"Jean", "Jeanne"}
        }) {
      var c =
          scorer.compare(
              person(twins[0], "Bernard", "2015-04-21", "+33612345678"),
              person(twins[1], "Bernard", "2015-04-21", "+33612345678"));

      assertThat(c.band()).as(twins[0] + " / " + twins[1]).isNotEqualTo(Band.MATCH);
      assertThat(c.notes()).as(twins[0] + " / " + twins[1]).contains(Note.KNOWN_GIVEN_NAMES_DIFFER);
    }
  }

  @Test
  void aParentAndAChildSharingAPhoneAreNone() {
    var c =
        scorer.compare(
            person("Sophie", "Bernard", "1982-09-30", "+33612345678"),
            person("Lucas", "Bernard", "2016-01-12", "+33612345678"));

    assertThat(c.band()).isEqualTo(Band.NONE);
  }

  @Test
  void namesAndBirthDateAloneAreOnlyPossible() {
    var c =
        scorer.compare(
            person("Giulia", "Romano", "1990-06-15", null),
            person("Giulia", "Romano", "1990-06-15", "+393471234567"));

    assertThat(c.band()).isEqualTo(Band.POSSIBLE);
    assertThat(c.notes()).contains(Note.NOT_CORROBORATED);
  }

  @Test
  void dayAndMonthExchangedAreRecognised() {
    var c =
        scorer.compare(
            person("Emma", "Taylor", "1991-04-07", "+447700900123"),
            person("Emma", "Taylor", "1991-07-04", "+447700900123"));

    assertThat(c.agreementOf(Field.BIRTH_DATE)).isEqualTo(Agreement.SWAPPED);
    assertThat(c.band()).isEqualTo(Band.MATCH);
  }

  @Test
  void namesInEachOthersPlaceAreReadSwapped() {
    var c =
        scorer.compare(
            person("Rossi", "Mario", "1985-12-10", "+393471234567"),
            person("Mario", "Rossi", "1985-12-10", "+393471234567"));

    assertThat(c.band()).isEqualTo(Band.MATCH);
    assertThat(c.notes()).contains(Note.NAMES_SWAPPED);
  }

  @Test
  void twoDifferentInsNumbersAreTwoPeopleWhateverElseAgrees() {
    var a =
        new Traits(
            "Paul",
            "Durand",
            null,
            date("1950-01-01"),
            null,
            Set.of("+33612345678"),
            Set.of(),
            Set.of("ins|150017512345678"));
    var b =
        new Traits(
            "Paul",
            "Durand",
            null,
            date("1950-01-01"),
            null,
            Set.of("+33612345678"),
            Set.of(),
            Set.of("ins|150017512345999"));

    var c = scorer.compare(a, b);

    assertThat(c.band()).isEqualTo(Band.NONE);
    assertThat(c.notes()).contains(Note.IDENTIFIER_CONFLICT);
  }

  @Test
  void aSharedIdentifierCorroboratesLikeAPhone() {
    var a =
        new Traits(
            "Paul",
            "Durand",
            null,
            date("1950-01-01"),
            null,
            Set.of(),
            Set.of(),
            Set.of("mrn|A-1"));
    var b =
        new Traits(
            "Paul",
            "Durant",
            null,
            date("1950-01-01"),
            null,
            Set.of(),
            Set.of(),
            Set.of("mrn|A-1"));

    assertThat(scorer.compare(a, b).band()).isEqualTo(Band.MATCH);
  }

  @Test
  void twoCandidatesThatWouldBothMatchMakeTheDecisionPossible() {
    var probe = person("Anne", "Roux", "1970-01-01", "+33612345678");
    var one = scorer.compare(probe, person("Anne", "Roux", "1970-01-01", "+33612345678"));
    var two = scorer.compare(probe, person("Anne", "Roux", "1970-01-01", "+33612345678"));

    var decision =
        Decision.of(
            java.util.List.of(new Decision.Scored<>("a", one), new Decision.Scored<>("b", two)), 5);

    assertThat(decision.band()).isEqualTo(Band.POSSIBLE);
    assertThat(decision.candidates())
        .allSatisfy(s -> assertThat(s.comparison().notes()).contains(Note.AMBIGUOUS));
  }

  @Test
  void typosAreOneEditApartInShortNamesAndTwoInLongOnes() {
    assertThat(Typos.close("martin", "matrin")).isTrue();
    assertThat(Typos.close("martin", "marti")).isTrue();
    assertThat(Typos.close("lea", "leo")).isFalse();
    assertThat(Typos.close("scognamiglio", "scognamilgo")).isTrue();
    assertThat(Typos.close("bernard", "renard")).isFalse();
  }

  private static Traits person(String given, String family, String birth, @Nullable String phone) {
    return new Traits(
        given,
        family,
        null,
        date(birth),
        null,
        phone == null ? Set.of() : Set.of(phone),
        Set.of(),
        Set.of());
  }

  private static LocalDate date(String iso) {
    return LocalDate.parse(iso);
  }
}
