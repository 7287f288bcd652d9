package org.accueil.patients.web;

import static org.accueil.testing.ProblemAssert.assertThatProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.accueil.testing.AccueilTest;
import org.accueil.testing.Api;
import org.accueil.testing.Tags;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The registry's contract as integrators use it: register, find by phone and by name with typos,
 * and ask whose record some details are. Every person's family name carries the test's tag, so no
 * other test's patients answer.
 */
@AccueilTest
class PatientIdentityApiTests {

  @Autowired Api api;
  @Autowired JdbcClient jdbc;

  final String tag = Tags.letters();
  final String family = "Lefebvre" + tag;

  @Test
  void registeringAPatientAnswersCreatedWithTheirId() {
    var created = register("Hélène", family, "1971-03-08", "+33 6 11 22 33 44", null);

    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(created.string("id")).isNotBlank();
    assertThat(created.string("status")).isEqualTo("active");
    assertThat(created.string("phone")).isEqualTo("+33611223344");
  }

  @Test
  void aPatientIsFoundByTheirPhoneEvenWithThePlusOfTheUrlUnencoded() {
    String phone = "+3361" + digits(7);
    String id = register("Hélène", family, "1971-03-08", phone, null).string("id");

    var raw = api.get("/api/v1/patients?phone=" + phone);
    var encoded = api.get("/api/v1/patients?phone=%2B" + phone.substring(1));
    var national = api.get("/api/v1/patients?phone=0" + phone.substring(3));

    for (var found : List.of(raw, encoded, national)) {
      assertThat(found.status()).as(found.toString()).isEqualTo(200);
      assertThat(ids(found.body())).containsExactly(id);
    }
  }

  @Test
  void aPatientIsFoundByTheirNameWithTyposAccentsDroppedAndWordsInAnyOrder() {
    String id = register("Hélène", family, "1971-03-08", null, null).string("id");
    String typo =
        family.substring(0, 3) + family.charAt(4) + family.charAt(3) + family.substring(5);

    for (String q :
        List.of(
            family,
            "helene " + family.toLowerCase(),
            family + " Helene",
            typo,
            "Helene " + typo,
            family.toUpperCase() + " 08/03/1971")) {
      var found = api.get("/api/v1/patients?q=" + q.replace(" ", "%20"));
      assertThat(found.status()).as(q + ": " + found).isEqualTo(200);
      assertThat(ids(found.body())).as(q).contains(id);
    }
  }

  @Test
  void aBirthDateInTheSearchTextNarrowsTheNames() {
    String born71 = register("Hélène", family, "1971-03-08", null, null).string("id");
    String born75 = register("Hélène", family, "1975-03-08", null, null).string("id");

    var found = api.get("/api/v1/patients?q=" + family + "%2008/03/1971");

    assertThat(ids(found.body())).contains(born71).doesNotContain(born75);
  }

  @Test
  void theSamePersonWrittenDifferentlyIsAMatchNamingTheirRecordFirst() {
    String phone = "+3361" + digits(7);
    String id = register("Jean-Baptiste", family, "1968-11-02", phone, null).string("id");

    var match =
        api.post(
            "/api/v1/patients/match",
            details("JB", family.toUpperCase(), "1968-11-02", "0" + phone.substring(3), null));

    assertThat(match.status()).as(match.toString()).isEqualTo(200);
    assertThat(match.string("decision")).isEqualTo("match");
    JsonNode best = match.body().get("candidates").get(0);
    assertThat(best.get("patientId").asString()).isEqualTo(id);
    assertThat(best.get("score").asDouble()).isGreaterThan(24);
    assertThat(fields(best)).containsEntry("givenName", "variant").containsEntry("phone", "exact");
  }

  @Test
  void namesAndBirthDateWithoutAContactInCommonAreOnlyAPossibleMatch() {
    String id = register("Giulia", family, "1990-06-15", "+3361" + digits(7), null).string("id");

    var match =
        api.post("/api/v1/patients/match", details("Giulia", family, "1990-06-15", null, null));

    assertThat(match.string("decision")).isEqualTo("possible");
    JsonNode best = match.body().get("candidates").get(0);
    assertThat(best.get("patientId").asString()).isEqualTo(id);
    assertThat(notes(best)).contains("not-corroborated");
  }

  @Test
  void aTwinSharingFamilyNameBirthDateAndPhoneIsNeverLinkedToTheOther() {
    String phone = "+3361" + digits(7);
    String louis = register("Louis", family, "2015-04-21", phone, null).string("id");

    var louise =
        api.post("/api/v1/patients/match", details("Louise", family, "2015-04-21", phone, null));
    var registered = register("Louise", family, "2015-04-21", phone, null);

    assertThat(louise.string("decision")).isNotEqualTo("match");
    assertThat(registered.status()).as("a record of her own").isEqualTo(201);
    assertThat(registered.string("id")).isNotEqualTo(louis);
  }

  @Test
  void aParentAndAChildSharingThePhoneAreTwoPeople() {
    String phone = "+3361" + digits(7);
    String mother = register("Sophie", family, "1982-09-30", phone, null).string("id");

    var child = register("Lucas", family, "2016-01-12", phone, null);
    var match =
        api.post("/api/v1/patients/match", details("Lucas", family, "2016-01-12", phone, null));

    assertThat(child.status()).isEqualTo(201);
    assertThat(child.string("id")).isNotEqualTo(mother);
    assertThat(match.string("decision")).isEqualTo("match");
    assertThat(match.body().get("candidates").get(0).get("patientId").asString())
        .isEqualTo(child.string("id"));
  }

  @Test
  void namesWrittenInEachOthersPlaceAndADayMonthSwapStillFindThePerson() {
    String email = tag + ".rossi@example.org";
    String id = register("Francesco", family, "1979-04-07", null, email).string("id");

    var match =
        api.post("/api/v1/patients/match", details(family, "Francesco", "1979-07-04", null, email));

    assertThat(match.string("decision")).isEqualTo("match");
    JsonNode best = match.body().get("candidates").get(0);
    assertThat(best.get("patientId").asString()).isEqualTo(id);
    assertThat(notes(best)).contains("names-swapped");
    assertThat(fields(best)).containsEntry("birthDate", "swapped");
  }

  @Test
  void someoneNobodyKnowsIsNone() {
    var match =
        api.post(
            "/api/v1/patients/match",
            details("Zénobie", "Quaglia" + tag, "1933-02-28", null, null));

    assertThat(match.status()).isEqualTo(200);
    assertThat(match.string("decision")).isEqualTo("none");
    assertThat(match.body().get("candidates").size()).isZero();
  }

  @Test
  void aRegistrationThatMayDuplicateSomeoneIsQueuedForReview() {
    String first =
        register("Martine", family, "1955-12-24", "+3361" + digits(7), null).string("id");

    var second = register("Martine", family, "1955-12-24", "+3361" + digits(7), null);
    var queue = api.get("/api/v1/patients/review?limit=200");

    assertThat(second.status()).isEqualTo(201);
    List<String> pairs = new ArrayList<>();
    queue
        .body()
        .get("duplicates")
        .forEach(
            d ->
                pairs.add(
                    d.get("patient").get("id").asString()
                        + "/"
                        + d.get("candidate").get("id").asString()));
    assertThat(pairs).contains(second.string("id") + "/" + first);
  }

  @Test
  void anInsWhoseKeyDoesNotCheckIsRefusedAndNothingIsWritten() {
    Map<String, Object> body = details("Hélène", family, "1971-03-08", null, null);
    body.put("identifiers", List.of(Map.of("system", "ins", "value", "2 71 03 75 056 123 45")));

    assertThatProblem(api.post("/api/v1/patients", body))
        .is(400, "invalid-identifier")
        .naming("identifiers[0].value");
    assertThat(
            jdbc.sql("SELECT count(*) FROM patient WHERE family_name = ?")
                .params(family)
                .query(Integer.class)
                .single())
        .isZero();
  }

  @Test
  void anIdentifierFindsItsPatientAndCannotBeGivenToAnother() {
    Map<String, Object> body = details("Hélène", family, "1971-03-08", null, null);
    body.put("identifiers", List.of(Map.of("system", "mrn", "value", "MRN-" + tag)));
    String id = api.post("/api/v1/patients", body).string("id");

    var found = api.get("/api/v1/patients?identifier=mrn%7CMRN-" + tag);
    var other = register("Paul", "Autre" + tag, "1960-01-01", null, null).string("id");
    var taken =
        api.post(
            "/api/v1/patients/" + other + "/identifiers",
            Map.of("system", "mrn", "value", "MRN-" + tag));

    assertThat(ids(found.body())).containsExactly(id);
    assertThatProblem(taken).is(409, "identifier-taken").withDetailContaining(id);
  }

  // ------------------------------------------------------------------------------- fixtures

  private Api.Response register(
      String given, String family, String birth, @Nullable String phone, @Nullable String email) {
    return api.post("/api/v1/patients", details(given, family, birth, phone, email));
  }

  static Map<String, Object> details(
      String given, String family, String birth, @Nullable String phone, @Nullable String email) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("givenName", given);
    body.put("familyName", family);
    body.put("birthDate", birth);
    body.put("phone", phone);
    body.put("email", email);
    return body;
  }

  static String digits(int n) {
    StringBuilder digits = new StringBuilder();
    for (int i = 0; i < n; i++) {
      digits.append(java.util.concurrent.ThreadLocalRandom.current().nextInt(10));
    }
    return digits.toString();
  }

  static List<String> ids(JsonNode list) {
    List<String> out = new ArrayList<>();
    list.forEach(n -> out.add(n.get("id").asString()));
    return out;
  }

  static Map<String, String> fields(JsonNode candidate) {
    Map<String, String> fields = new LinkedHashMap<>();
    candidate
        .get("fields")
        .forEach(f -> fields.put(f.get("field").asString(), f.get("agreement").asString()));
    return fields;
  }

  static List<String> notes(JsonNode candidate) {
    List<String> notes = new ArrayList<>();
    candidate.get("notes").forEach(n -> notes.add(n.asString()));
    return notes;
  }
}
