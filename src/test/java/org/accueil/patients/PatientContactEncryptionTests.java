package org.accueil.patients;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.accueil.platform.crypto.BlindIndex;
import org.accueil.testing.AccueilTest;
import org.accueil.testing.Api;
import org.accueil.testing.Tags;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Phones and e-mails are sealed in the database, and still found by exact lookups. */
@AccueilTest
class PatientContactEncryptionTests {

  @Autowired Api api;
  @Autowired JdbcClient jdbc;
  @Autowired Patients patients;
  @Autowired BlindIndex index;

  final String tag = Tags.letters();
  final String nationalNumber =
      "612" + String.format(Locale.ROOT, "%06d", ThreadLocalRandom.current().nextInt(1_000_000));
  final String phone = "+33" + nationalNumber;
  final String email = "jeanne." + tag + "@example.org";

  @Test
  void theDatabaseHoldsNoPlaintextPhoneOrEmail() {
    var registered =
        api.with("Idempotency-Key", "register-" + tag)
            .post(
                "/api/v1/patients",
                Map.of(
                    "givenName", "Jeanne",
                    "familyName", "Sealed" + tag,
                    "birthDate", "1980-05-17",
                    "phone", "0" + nationalNumber,
                    "email", "Jeanne." + tag + "@Example.org"));
    assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
    assertThat(registered.string("phone")).isEqualTo(phone);
    assertThat(registered.string("email")).isEqualTo(email);

    assertThat(StoredContactDetails.tablesHolding(jdbc, "Sealed" + tag))
        .as("names stay in clear: the search sees what is stored")
        .contains("patient");
    for (String value : new String[] {phone, nationalNumber, email, "jeanne." + tag}) {
      assertThat(StoredContactDetails.tablesHolding(jdbc, value))
          .as("tables holding %s", value)
          .isEmpty();
    }
    assertThat(
            jdbc.sql(
                    "SELECT encode(phone_ciphertext, 'escape') || encode(email_ciphertext, 'escape')"
                        + " FROM patient WHERE id = :id::uuid")
                .param("id", registered.string("id"))
                .query(String.class)
                .single())
        .doesNotContain(nationalNumber)
        .doesNotContain(tag);
    assertThat(
            jdbc.sql(
                    "SELECT column_name FROM information_schema.columns"
                        + " WHERE table_name = 'patient'")
                .query(String.class)
                .list())
        .doesNotContain("phone", "email")
        .contains("phone_ciphertext", "phone_index", "email_ciphertext", "email_index");
  }

  @Test
  void aReplayedRegistrationAnswersFromTheSealedResponse() {
    Api keyed = api.with("Idempotency-Key", "replay-" + tag);
    Map<String, String> details =
        Map.of(
            "givenName",
            "Paul",
            "familyName",
            "Replayed" + tag,
            "birthDate",
            "1975-01-02",
            "phone",
            phone);

    var first = keyed.post("/api/v1/patients", details);
    var replayed = keyed.post("/api/v1/patients", details);

    assertThat(first.status()).isEqualTo(201);
    assertThat(replayed.status()).isEqualTo(201);
    assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(replayed.body()).isEqualTo(first.body());
  }

  @Test
  void patientsAreFoundByPhoneThroughTheBlindIndexWhicheverWayItIsWritten() {
    Patient jeanne = patients.register(details("Jeanne", "0" + nationalNumber, null));
    Patient sibling = patients.register(details("Marc", phone, null));
    patients.register(details("Other", "+33" + otherNumber(), null));

    for (String written :
        new String[] {phone, "0" + nationalNumber, "+33 " + spaced(nationalNumber)}) {
      assertThat(patients.search(null, null, written, 10))
          .as("search by %s", written)
          .extracting(Patient::id)
          .containsExactlyInAnyOrder(jeanne.id(), sibling.id());
    }
    assertThat(
            jdbc.sql("SELECT count(*) FROM patient WHERE phone_index = :index")
                .param("index", index.of("patient.phone", phone))
                .query(Long.class)
                .single())
        .isEqualTo(2);
  }

  @Test
  void theSamePersonIsRecognisedByEmailWhateverItsCase() {
    Patient first = patients.register(details("Claire", null, email));

    Patients.Registration again =
        patients.registration(
            details("CLAIRE", "+33" + otherNumber(), email.toUpperCase(Locale.ROOT)));

    assertThat(again.created()).isFalse();
    assertThat(again.patient().id()).isEqualTo(first.id());
    assertThat(again.patient().email()).isEqualTo(email);
  }

  private PatientDetails details(String given, String phone, String email) {
    return new PatientDetails(given, "Indexed" + tag, LocalDate.of(1990, 3, 4), phone, email);
  }

  private String otherNumber() {
    return "613" + nationalNumber.substring(3);
  }

  private static String spaced(String digits) {
    return digits.replaceAll("(\\d)(\\d{2})(\\d{2})(\\d{2})(\\d{2})", "$1 $2 $3 $4 $5");
  }
}
