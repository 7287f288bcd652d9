package org.accueil.patients.web;

import static org.accueil.testing.ProblemAssert.assertThatProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.accueil.platform.crypto.FieldCipher;
import org.accueil.testing.AccueilTest;
import org.accueil.testing.Api;
import org.accueil.testing.Tags;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Registering patients as the front desk and a booking page do. Every patient of a test has the
 * test's tag in their family name, so searches and counts see only that test's people.
 */
@AccueilTest
class PatientsApiTests {

  @Autowired Api api;
  @Autowired JdbcClient jdbc;
  @Autowired FieldCipher cipher;

  final String tag = Tags.letters();
  final String family = "Martin" + tag;

  /** Numbers written without their country code belong to the practice's country. */
  @BeforeEach
  void thePracticeIsInFrance() {
    List<String> countries = new ArrayList<>();
    api.get("/api/v1/locations")
        .body()
        .forEach(
            l -> {
              if (l.get("active").asBoolean()) {
                countries.add(l.get("address").get("country").asString());
              }
            });
    if (countries.isEmpty()) {
      var site =
          api.post(
              "/api/v1/locations",
              Map.of(
                  "name",
                  "Cabinet " + tag,
                  "timeZone",
                  "Europe/Paris",
                  "address",
                  Map.of(
                      "line",
                      "1 rue " + tag,
                      "postalCode",
                      "75001",
                      "city",
                      "Paris",
                      "country",
                      "FR")));
      assertThat(site.status()).as(site.toString()).isEqualTo(201);
    } else {
      assertThat(countries).as("the shared database's active locations").containsOnly("FR");
    }
  }

  @Test
  void aFrenchNationalNumberIsStoredInInternationalForm() {
    var registered = register(patient("Jeanne", family, "1980-05-17", "06 12 34 56 78", null));

    assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
    String id = registered.string("id");
    assertThat(registered.header("Location")).isEqualTo("/api/v1/patients/" + id);
    assertThat(registered.string("phone")).isEqualTo("+33612345678");
    var read = api.get("/api/v1/patients/" + id);
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.body()).isEqualTo(registered.body());
    assertThat(cipher.decrypt(stored("phone_ciphertext", id), "patient.phone"))
        .isEqualTo("+33612345678");
  }

  @Test
  void aNumberThatCannotBeReachedIsRefusedAndNoPatientIsWritten() {
    var refused = register(patient("Jeanne", family, "1980-05-17", "12 34", null));

    assertThatProblem(refused)
        .is(400, "invalid-phone")
        .naming("phone")
        .titled("Invalid phone number")
        .withDetailContaining("\"12 34\"", "country code");
    assertThat(patientsTagged()).isZero();
  }

  @Test
  void anUnreachableNumberIsExplainedInFrenchAndItalian() {
    var french =
        api.with("Accept-Language", "fr")
            .post("/api/v1/patients", patient("Jeanne", family, "1980-05-17", "abc", null));
    var italian =
        api.with("Accept-Language", "it")
            .post("/api/v1/patients", patient("Jeanne", family, "1980-05-17", "abc", null));

    assertThatProblem(french)
        .is(400, "invalid-phone")
        .titled("Numéro de téléphone invalide")
        .withDetailContaining("« abc » n'est pas un numéro joignable");
    assertThatProblem(italian)
        .is(400, "invalid-phone")
        .titled("Numero di telefono non valido")
        .withDetailContaining("«abc» non è un numero raggiungibile");
    assertThat(patientsTagged()).isZero();
  }

  @Test
  void theSamePersonWithTheSamePhoneIsTheSamePatient() {
    var first = register(patient("Jeanne", family, "1980-05-17", "06 12 34 56 78", null));

    var again =
        register(patient("JEANNE", family.toLowerCase(), "1980-05-17", "+33 6 12 34 56 78", null));

    assertThat(first.status()).as(first.toString()).isEqualTo(201);
    assertThat(again.status()).as("found again, not created").isEqualTo(200);
    assertThat(again.header("Location")).isEqualTo(first.header("Location"));
    assertThat(again.string("id")).isEqualTo(first.string("id"));
    assertThat(patientsTagged()).isEqualTo(1);
  }

  @Test
  void theSamePersonWithTheSameEmailIsTheSamePatient() {
    var first =
        register(patient("Jeanne", family, "1980-05-17", null, "jeanne." + tag + "@example.org"));

    var again =
        register(
            patient(
                "Jeanne",
                family,
                "1980-05-17",
                "06 98 76 54 32",
                "Jeanne." + tag.toUpperCase() + "@Example.org"));

    assertThat(first.status()).as(first.toString()).isEqualTo(201);
    assertThat(again.status()).as("found again, not created").isEqualTo(200);
    assertThat(again.header("Location")).isEqualTo(first.header("Location"));
    assertThat(again.string("id")).isEqualTo(first.string("id"));
    assertThat(patientsTagged()).isEqualTo(1);
  }

  @Test
  void namesAndBirthDateAloneNeverMakeTwoPeopleOne() {
    var first = register(patient("Jeanne", family, "1980-05-17", null, null));

    var namesake = register(patient("Jeanne", family, "1980-05-17", null, null));

    assertThat(first.status()).as(first.toString()).isEqualTo(201);
    assertThat(namesake.status()).as(namesake.toString()).isEqualTo(201);
    assertThat(namesake.string("id")).isNotEqualTo(first.string("id"));
    assertThat(patientsTagged()).isEqualTo(2);
  }

  @Test
  void aNamesakeWithAnotherPhoneIsAnotherPatient() {
    var first = register(patient("Jeanne", family, "1980-05-17", "06 12 34 56 78", null));

    var namesake = register(patient("Jeanne", family, "1980-05-17", "06 98 76 54 32", null));

    assertThat(namesake.string("id")).isNotEqualTo(first.string("id"));
    assertThat(patientsTagged()).isEqualTo(2);
  }

  @Test
  void staffFindPatientsByTheStartOfTheirFamilyNameAndTheirBirthDate() {
    String jeanne =
        register(patient("Jeanne", family + "-Durand", "1980-05-17", null, null)).string("id");
    String paul = register(patient("Paul", family + "eau", "1990-01-02", null, null)).string("id");
    register(patient("Lucie", "Other" + tag, "1980-05-17", null, null));

    var byName = api.get("/api/v1/patients?familyName=" + family.toLowerCase());
    var byNameAndBirth = api.get("/api/v1/patients?familyName=" + family + "&birthDate=1980-05-17");

    assertThat(byName.status()).as(byName.toString()).isEqualTo(200);
    assertThat(ids(byName.body())).containsExactlyInAnyOrder(jeanne, paul);
    assertThat(ids(byNameAndBirth.body())).containsExactly(jeanne);
  }

  @Test
  void staffFindPatientsByTheirPhoneAsTheyWouldDialIt() {
    // A number of this test's own: with a number other tests use, the registry would rightly
    // find the Jeanne born the same day who has it (another family name: a married name).
    String digits = String.valueOf(10_000_000 + (int) (Math.random() * 89_999_999));
    var registered =
        register(
            patient(
                "Jeanne",
                family,
                "1980-05-17",
                "+33 6 " + digits.replaceAll("(\\d{2})(?=\\d)", "$1 "),
                null));
    assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
    String jeanne = registered.string("id");

    var found = api.get("/api/v1/patients?familyName=" + family + "&phone=06" + digits);

    assertThat(ids(found.body())).containsExactly(jeanne);
  }

  @Test
  void aSearchTakesPercentAndUnderscoreLiterally() {
    register(patient("Jeanne", family + "x", "1980-05-17", null, null));

    var underscore = api.get("/api/v1/patients?familyName=" + family + "_");
    var percent = api.get("/api/v1/patients?familyName=" + family + "%25");

    assertThat(ids(underscore.body())).isEmpty();
    assertThat(ids(percent.body())).isEmpty();
  }

  @Test
  void anUnknownPatientIsNotFound() {
    String unknown = UUID.randomUUID().toString();

    assertThatProblem(api.get("/api/v1/patients/" + unknown))
        .is(404, "not-found")
        .withDetailContaining(unknown);
  }

  @Test
  void aPatientWithoutABirthDateIsRefusedNamingIt() {
    var refused = register(patient("Jeanne", family, null, "06 12 34 56 78", null));

    assertThatProblem(refused).is(400, "invalid-request").naming("birthDate");
    assertThat(patientsTagged()).isZero();
  }

  @Test
  void patientsNeedAKey() {
    assertThatProblem(
            api.anonymous()
                .post("/api/v1/patients", patient("Jeanne", family, "1980-05-17", null, null)))
        .is(401, "unauthorized");
    assertThatProblem(api.anonymous().get("/api/v1/patients?familyName=" + family))
        .is(401, "unauthorized");
    assertThat(patientsTagged()).isZero();
  }

  // ------------------------------------------------------------------------------- fixtures

  private Api.Response register(Map<String, Object> patient) {
    return api.post("/api/v1/patients", patient);
  }

  private static Map<String, Object> patient(
      String given, String family, String birthDate, String phone, String email) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("givenName", given);
    body.put("familyName", family);
    body.put("birthDate", birthDate);
    body.put("phone", phone);
    body.put("email", email);
    return body;
  }

  private static List<String> ids(JsonNode list) {
    List<String> out = new ArrayList<>();
    list.forEach(n -> out.add(n.get("id").asString()));
    return out;
  }

  private byte[] stored(String column, String id) {
    return jdbc.sql("SELECT " + column + " FROM patient WHERE id = ?::uuid")
        .params(id)
        .query(byte[].class)
        .single();
  }

  private int patientsTagged() {
    return jdbc.sql("SELECT count(*) FROM patient WHERE family_name ILIKE ?")
        .params("%" + tag + "%")
        .query(Integer.class)
        .single();
  }
}
