package org.accueil.patients.imports;

import static org.accueil.testing.ProblemAssert.assertThatProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.accueil.patients.fhir.FhirPatients;
import org.accueil.testing.AccueilTest;
import org.accueil.testing.Api;
import org.accueil.testing.AuditEvents;
import org.accueil.testing.Tags;
import org.accueil.testing.TestClock;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A practice's CSV file imported through the API: good rows, a patient already registered, one who
 * may be, a row repeated, and bad rows; with onError=reject, onError=skip, and as a dry run. Every
 * person's family name carries the test's tag, so no other test's patients count.
 */
@AccueilTest
class PatientImportTests {

  static final List<String> HEADER =
      List.of(
          "givenName",
          "familyName",
          "birthDate",
          "sex",
          "phone",
          "email",
          "addressLine",
          "postalCode",
          "city",
          "country",
          "mrn",
          "ins",
          "codiceFiscale");

  @Autowired Api api;
  @Autowired JdbcClient jdbc;
  @Autowired AuditEvents audit;
  @Autowired TestClock clock;

  /** Imports time their steps with the application's clock: the real one, here. */
  @BeforeEach
  void realTime() {
    clock.reset();
  }

  /** The registry before the import, and the file: nine rows, four of them bad. */
  final class Practice {
    final String tag = Tags.letters();
    final String helenePhone = PatientFiles.mobile();
    final String helene;
    final String marc;
    final String aliceIns = PatientFiles.ins('2', 1980, 5);
    final byte[] file;

    Practice() {
      helene = register("Hélène", "Durand-" + tag, "1971-03-08", helenePhone);
      marc = register("Marc", "Petit-" + tag, "1965-04-12", PatientFiles.mobile());
      String alicePhone = PatientFiles.mobile();
      List<String> alice =
          List.of(
              "Alice",
              "Martin-" + tag,
              "1980-05-17",
              "F",
              alicePhone,
              "alice." + tag + "@example.org",
              "3 rue des Lilas",
              "69003",
              "Lyon",
              "France",
              "M-" + tag + "-1",
              aliceIns,
              "");
      List<List<String>> rows = new ArrayList<>();
      rows.add(alice);
      rows.add(
          List.of(
              "Bruno",
              "Rossi-" + tag,
              "12/07/1975",
              "male",
              "+39 312 345 6789",
              "",
              "Via Roma 12; scala B",
              "00184",
              "Roma",
              "IT",
              "M-" + tag + "-2",
              "",
              PatientFiles.codiceFiscale()));
      // Already registered: the same names, birth date and phone.
      rows.add(
          List.of(
              "Hélène",
              "Durand-" + tag,
              "08/03/1971",
              "",
              helenePhone.replace("+33", "0"),
              "",
              "",
              "",
              "",
              "",
              "M-" + tag + "-3",
              "",
              ""));
      // Perhaps registered: the same names and birth date, another phone.
      rows.add(
          List.of(
              "Marc",
              "Petit-" + tag,
              "1965-04-12",
              "M",
              PatientFiles.mobile(),
              "",
              "",
              "",
              "",
              "",
              "",
              "",
              ""));
      rows.add(alice);
      rows.add(
          bad("Claire", "1990-01-01", "", PatientFiles.wrongKey(PatientFiles.ins('2', 1990, 1))));
      rows.add(bad("Denis", "2099-01-01", "", ""));
      rows.add(bad("Eve2", "1992-02-02", "", ""));
      rows.add(bad("Fabien", "1993-03-03", "12345", ""));
      file = PatientFiles.csv(';', HEADER, rows);
    }

    private List<String> bad(String given, String birthDate, String phone, String ins) {
      return List.of(given, "Bad-" + tag, birthDate, "", phone, "", "", "", "", "", "", ins, "");
    }

    int patients() {
      return jdbc.sql("SELECT count(*) FROM patient WHERE family_name LIKE :tag")
          .param("tag", "%-" + tag)
          .query(Integer.class)
          .single();
    }

    List<String> identifiersOf(String patient) {
      return jdbc.sql("SELECT system FROM patient_identifier WHERE patient_id = CAST(:id AS uuid)")
          .param("id", patient)
          .query(String.class)
          .list();
    }

    int reviewsOf(String patient) {
      return jdbc.sql(
              "SELECT count(*) FROM patient_duplicate WHERE candidate_id = CAST(:id AS uuid)")
          .param("id", patient)
          .query(Integer.class)
          .single();
    }
  }

  @Test
  void rejectModeImportsNothingAndReportsEveryBadRow() {
    Practice practice = new Practice();

    JsonNode done = importFile("?onError=reject", "text/csv", practice.file);

    assertThat(done.path("status").asString()).isEqualTo("rejected");
    assertThat(counts(done)).containsExactly(2, 2, 1, 4);
    assertThat(done.path("badRowsTotal").asInt()).isEqualTo(4);
    assertThat(badRows(done)).containsExactly("6 ins", "7 birthDate", "8 givenName", "9 phone");
    assertThat(done.path("badRows").get(0).path("line").asInt()).isEqualTo(7);
    assertThat(practice.patients()).isEqualTo(2);
    assertThat(practice.identifiersOf(practice.helene)).isEmpty();
    assertThat(practice.reviewsOf(practice.marc)).isZero();
  }

  @Test
  void skipModeImportsExactlyTheGoodRows() {
    Practice practice = new Practice();

    JsonNode done = importFile("?onError=skip", "text/csv", practice.file);

    assertThat(done.path("status").asString()).isEqualTo("completed");
    assertThat(done.path("processedRows").asInt()).isEqualTo(9);
    // Alice and Bruno created; Hélène found again, Alice's repeat is Alice; Marc perhaps.
    assertThat(counts(done)).containsExactly(2, 2, 1, 4);
    assertThat(badRows(done)).containsExactly("6 ins", "7 birthDate", "8 givenName", "9 phone");
    assertThat(practice.patients()).isEqualTo(2 + 3);
    assertThat(practice.identifiersOf(practice.helene)).containsExactly("mrn");
    assertThat(practice.reviewsOf(practice.marc)).isEqualTo(1);
    String alice =
        jdbc.sql("SELECT CAST(id AS text) FROM patient WHERE family_name = :name")
            .param("name", "Martin-" + practice.tag)
            .query(String.class)
            .single();
    var record = api.get("/api/v1/patients/" + alice);
    assertThat(record.string("origin")).isEqualTo("import");
    assertThat(record.body().path("address").path("country").asString()).isEqualTo("FR");
    assertThat(practice.identifiersOf(alice)).containsExactlyInAnyOrder("mrn", "ins");
    assertThat(audit.of("patient.import", done.path("id").asString()).getFirst().refs())
        .containsEntry("created", "2")
        .containsEntry("linked", "2")
        .containsEntry("possibleDuplicates", "1")
        .containsEntry("invalid", "4");
  }

  @Test
  void aDryRunReportsWhatItWouldDoAndWritesNoPatient() {
    Practice practice = new Practice();

    JsonNode done = importFile("?dryRun=true&onError=skip", "text/csv", practice.file);

    assertThat(done.path("status").asString()).isEqualTo("completed");
    assertThat(done.path("dryRun").asBoolean()).isTrue();
    assertThat(counts(done)).containsExactly(2, 2, 1, 4);
    assertThat(practice.patients()).isEqualTo(2);
    assertThat(practice.identifiersOf(practice.helene)).isEmpty();
    assertThat(practice.reviewsOf(practice.marc)).isZero();
    assertThat(rowsOf(done)).isZero();
  }

  @Test
  void theReportSpeaksTheReadersLanguage() {
    Practice practice = new Practice();
    JsonNode done = importFile("?dryRun=true", "text/csv", practice.file);

    var french = api.with("Accept-Language", "fr").get("/api/v1/patients/imports/" + id(done));
    var italian = api.with("Accept-Language", "it").get("/api/v1/patients/imports/" + id(done));

    assertThat(message(french.body(), "ins")).contains("n'est pas un INS valide");
    assertThat(message(italian.body(), "ins")).contains("non è un INS valido");
    assertThat(message(french.body(), "phone")).contains("n'est pas un numéro joignable");
  }

  @Test
  void theFileIsStoredSealedAndForgottenOnceImported() {
    Practice practice = new Practice();
    var accepted = api.post("/api/v1/patients/imports?dryRun=true", "text/csv", practice.file);
    String id = accepted.string("id");

    assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
    assertThat(accepted.header("Location")).isEqualTo("/api/v1/patients/imports/" + id);
    assertThat(
            jdbc.sql(
                    "SELECT count(*) FROM patient_import_chunk WHERE import_id = CAST(:id AS uuid)"
                        + " AND strpos(encode(content_sealed, 'escape'), :name) > 0")
                .param("id", id)
                .param("name", "Durand-" + practice.tag)
                .query(Integer.class)
                .single())
        .isZero();
    await(id);
    assertThat(
            jdbc.sql(
                    "SELECT count(*) FROM patient_import_chunk WHERE import_id = CAST(:id AS uuid)")
                .param("id", id)
                .query(Integer.class)
                .single())
        .isZero();
  }

  @Test
  void aFhirBundleImportsLikeTheCsvFileAndMapsNamesIdentifiersAndTelecoms() {
    Practice practice = new Practice();
    String tag = practice.tag;
    String alicePhone = PatientFiles.mobile();
    String codiceFiscale = PatientFiles.codiceFiscale();
    var bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
    Patient alice = new Patient();
    alice.addName().setUse(HumanName.NameUse.USUAL).setFamily("Dupont-" + tag).addGiven("Alice");
    alice.addName().setUse(HumanName.NameUse.OFFICIAL).setFamily("Martin-" + tag).addGiven("Alice");
    alice.setBirthDateElement(new DateType("1980-05-17"));
    alice.setGender(Enumerations.AdministrativeGender.FEMALE);
    alice
        .addTelecom()
        .setSystem(ContactPoint.ContactPointSystem.EMAIL)
        .setValue("Alice@Example.org");
    alice.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue("0112345678");
    alice
        .addTelecom()
        .setSystem(ContactPoint.ContactPointSystem.PHONE)
        .setUse(ContactPoint.ContactPointUse.MOBILE)
        .setValue(alicePhone);
    alice.addIdentifier().setSystem(FhirPatients.INS_SYSTEM).setValue(practice.aliceIns);
    alice.addIdentifier().setSystem("urn:oid:1.2.3.4.5." + tag.length()).setValue("EHR-" + tag);
    alice
        .addAddress()
        .addLine("3 rue des Lilas")
        .setPostalCode("69003")
        .setCity("Lyon")
        .setCountry("FRA");
    alice
        .addCommunication()
        .setLanguage(new CodeableConcept(new Coding("urn:ietf:bcp:47", "fr-FR", null)));
    Patient bruno = new Patient();
    bruno.addName().setFamily("Rossi-" + tag).addGiven("Bruno").addGiven("Maria");
    bruno.setBirthDateElement(new DateType("1985-12-10"));
    bruno.addIdentifier().setSystem(FhirPatients.CODICE_FISCALE_SYSTEM).setValue(codiceFiscale);
    Patient helene = new Patient();
    helene.addName().setFamily("Durand-" + tag).addGiven("Hélène");
    helene.setBirthDateElement(new DateType("1971-03-08"));
    helene
        .addTelecom()
        .setSystem(ContactPoint.ContactPointSystem.PHONE)
        .setValue(practice.helenePhone);
    helene.addIdentifier().setSystem("urn:oid:1.2.3.4.5." + tag.length()).setValue("EHR-H-" + tag);
    Patient marc = new Patient();
    marc.addName().setFamily("Petit-" + tag).addGiven("Marc");
    marc.setBirthDateElement(new DateType("1965-04-12"));
    marc.addTelecom()
        .setSystem(ContactPoint.ContactPointSystem.PHONE)
        .setValue(PatientFiles.mobile());
    Patient badKey = badPatient("Claire", tag, "1990-01-01");
    badKey
        .addIdentifier()
        .setSystem(FhirPatients.INS_SYSTEM)
        .setValue(PatientFiles.wrongKey(PatientFiles.ins('2', 1990, 1)));
    Patient future = badPatient("Denis", tag, "2099-01-01");
    Patient digits = badPatient("Eve2", tag, "1992-02-02");
    Patient unreachable = badPatient("Fabien", tag, "1993-03-03");
    unreachable.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue("12345");
    Practitioner doctor = new Practitioner();
    doctor.addName().setFamily("Phillips").addGiven("Sam");
    for (Resource resource :
        List.<Resource>of(alice, bruno, helene, marc, alice, doctor, badKey, future)) {
      bundle.addEntry().setResource(resource);
    }
    bundle.addEntry().setResource(digits);
    bundle.addEntry().setResource(unreachable);
    byte[] file =
        FhirPatients.context()
            .newJsonParser()
            .setPrettyPrint(true)
            .encodeResourceToString(bundle)
            .getBytes(StandardCharsets.UTF_8);

    JsonNode done = importFile("?onError=skip", "application/fhir+json", file);

    assertThat(done.path("status").asString()).isEqualTo("completed");
    assertThat(done.path("format").asString()).isEqualTo("fhir");
    assertThat(done.path("totalRows").asInt()).isEqualTo(9);
    assertThat(done.path("ignoredEntries").asInt()).isEqualTo(1);
    assertThat(counts(done)).containsExactly(2, 2, 1, 4);
    assertThat(badRows(done))
        .containsExactly(
            "6 identifier[0].value", "7 birthDate", "8 name[0].given", "9 telecom[0].value");
    assertThat(practice.identifiersOf(practice.helene)).containsExactly("urn:oid:1.2.3.4.5.8");
    assertThat(practice.reviewsOf(practice.marc)).isEqualTo(1);
    var found = api.get("/api/v1/patients?identifier=ins%7C" + practice.aliceIns);
    assertThat(found.body()).hasSize(1);
    JsonNode record = found.body().get(0);
    assertThat(record.path("familyName").asString()).isEqualTo("Dupont-" + tag);
    assertThat(record.path("birthFamilyName").asString()).isEqualTo("Martin-" + tag);
    assertThat(record.path("phone").asString()).isEqualTo(alicePhone);
    assertThat(record.path("email").asString()).isEqualTo("alice@example.org");
    assertThat(record.path("sex").asString()).isEqualTo("female");
    assertThat(record.path("preferredLanguage").asString()).isEqualTo("fr");
    assertThat(record.path("address").path("country").asString()).isEqualTo("FR");
    var italian = api.get("/api/v1/patients?identifier=codice-fiscale%7C" + codiceFiscale);
    assertThat(italian.body().get(0).path("givenName").asString()).isEqualTo("Bruno Maria");
  }

  private static Patient badPatient(String given, String tag, String birthDate) {
    Patient patient = new Patient();
    patient.addName().setFamily("Bad-" + tag).addGiven(given);
    patient.setBirthDateElement(new DateType(birthDate));
    return patient;
  }

  @Test
  void aFileOfFiveThousandPatientsReportsItsProgressAndFinishes() {
    String tag = Tags.letters();
    List<String> given =
        List.of("Jeanne", "Louis", "Giulia", "Marco", "Sophie", "Thomas", "Chiara");
    List<List<String>> rows = new ArrayList<>();
    int base = java.util.concurrent.ThreadLocalRandom.current().nextInt(1_000_000);
    for (int i = 0; i < 5000; i++) {
      rows.add(
          List.of(
              given.get(i % given.size()),
              familyName(i),
              java.time.LocalDate.of(1930, 1, 1).plusDays(i * 5L).toString(),
              i % 2 == 0 ? "female" : "male",
              "+3361" + "%07d".formatted((base + i) % 10_000_000),
              "bulk" + i + "." + tag + "@example.org",
              i + " avenue de la République",
              "75011",
              "Paris",
              "FR",
              "B-" + tag + "-" + i,
              "",
              ""));
    }
    byte[] file = PatientFiles.csv(',', HEADER, rows);
    assertThat(file.length).as("larger than the API's 256 KB").isGreaterThan(256 * 1024);

    Progress dryRun = watch(importStart("?dryRun=true", file));
    Progress real = watch(importStart("", file));

    for (Progress progress : List.of(dryRun, real)) {
      assertThat(progress.report().path("status").asString()).isEqualTo("completed");
      assertThat(counts(progress.report())).containsExactly(5000, 0, 0, 0);
      assertThat(progress.seen())
          .as("progress between the first and the last row")
          .anySatisfy(p -> assertThat(p).isBetween(1, 4999));
    }
    assertThat(rowsOf(real.report())).isEqualTo(5000);
    System.out.printf(
        "Import of 5,000 CSV rows: dry run %.1f s (%.0f rows/s), real %.1f s (%.0f rows/s)%n",
        dryRun.seconds(), 5000 / dryRun.seconds(), real.seconds(), 5000 / real.seconds());
  }

  private static final List<String> SYLLABLES =
      List.of(
          "Ber", "Mar", "Lam", "Dur", "Fon", "Gar", "Rol", "Vin", "Tos", "Bel", "Cor", "Del", "Fer",
          "Gal", "Lor", "Mor", "Pel", "Ric", "San", "Val");

  private static final List<String> ENDINGS =
      List.of("and", "ier", "eau", "elli", "otti", "ard", "in", "on", "ez", "oni");

  /** A family name of its own for each of 8,000 people, as varied as a practice's. */
  static String familyName(int i) {
    return SYLLABLES.get(i % 20)
        + SYLLABLES.get(i / 20 % 20).toLowerCase(java.util.Locale.ROOT)
        + ENDINGS.get(i / 400 % 10);
  }

  /** What a progress bar saw of an import: the processed rows at each poll, and the end. */
  record Progress(List<Integer> seen, JsonNode report) {
    double seconds() {
      return Duration.between(
                  java.time.Instant.parse(report.path("startedAt").asString()),
                  java.time.Instant.parse(report.path("finishedAt").asString()))
              .toMillis()
          / 1000.0;
    }
  }

  String importStart(String query, byte[] file) {
    var accepted = api.post("/api/v1/patients/imports" + query, "text/csv", file);
    assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
    return accepted.string("id");
  }

  Progress watch(String id) {
    List<Integer> seen = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    while (System.nanoTime() < deadline) {
      var report = api.get("/api/v1/patients/imports/" + id);
      seen.add(report.body().path("processedRows").asInt());
      if (List.of("completed", "rejected", "failed").contains(report.string("status"))) {
        return new Progress(seen, report.body());
      }
      sleep(100);
    }
    throw new AssertionError("The import " + id + " did not finish");
  }

  @Test
  void aSinglePatientResourceIsAFileOfOne() {
    String tag = Tags.letters();
    String json =
        """
        {"birthDate": "1988-08-08", "name": [{"family": "Seule-%s", "given": ["Ines"]}],
         "telecom": [{"system": "phone", "value": "%s"}], "resourceType": "Patient"}
        """
            .formatted(tag, PatientFiles.mobile());

    JsonNode done = importFile("", "application/json", json.getBytes(StandardCharsets.UTF_8));

    assertThat(done.path("totalRows").asInt()).isEqualTo(1);
    assertThat(counts(done)).containsExactly(1, 0, 0, 0);
    assertThat(api.get("/api/v1/patients?familyName=Seule-" + tag).body()).hasSize(1);
  }

  @Test
  void aFileThatCannotBeImportedIsRefusedAndLeavesNoImport() {
    int before = imports();
    String tag = Tags.letters();
    byte[] csv =
        "givenName,familyName,birthDate\nAnna,Ok-%s,1980-01-01\n".formatted(tag).getBytes();

    assertThatProblem(api.post("/api/v1/patients/imports", "text/plain", csv))
        .is(415, "import-unsupported-type");
    assertThatProblem(api.post("/api/v1/patients/imports", "text/csv; charset=ISO-8859-1", csv))
        .is(415, "import-unsupported-type");
    assertThatProblem(api.post("/api/v1/patients/imports", null, csv))
        .is(415, "import-unsupported-type");
    assertThatProblem(api.post("/api/v1/patients/imports", "text/csv", new byte[0]))
        .is(400, "import-empty");
    assertThatProblem(
            api.post(
                "/api/v1/patients/imports",
                "text/csv",
                "givenName,familyName,birthDate\n".getBytes()))
        .is(400, "import-empty");
    assertThatProblem(
            api.post(
                "/api/v1/patients/imports",
                "text/csv",
                "givenName,familyName,birth,shoeSize\nAnna,Ok,1980-01-01,38\n".getBytes()))
        .is(400, "import-unknown-columns");
    assertThatProblem(
            api.post(
                "/api/v1/patients/imports",
                "text/csv",
                "givenName,familyName\nAnna,Ok\n".getBytes()))
        .is(400, "import-missing-columns");
    assertThatProblem(
            api.post(
                "/api/v1/patients/imports",
                "text/csv",
                "givenName,familyName,birthDate\n\"Anna,Ok,1980-01-01\n".getBytes()))
        .is(400, "import-malformed-csv");
    assertThatProblem(
            api.post(
                "/api/v1/patients/imports",
                "text/csv",
                "givenName,familyName,birthDate\nH\u00e9l\u00e8ne,Ok,1980-01-01\n"
                    .getBytes(StandardCharsets.ISO_8859_1)))
        .is(400, "import-not-utf8");
    assertThatProblem(
            api.post(
                "/api/v1/patients/imports",
                "application/fhir+json",
                "{\"resourceType\":".getBytes()))
        .is(400, "import-malformed-json");
    assertThatProblem(
            api.post(
                "/api/v1/patients/imports",
                "application/fhir+json",
                "{\"resourceType\":\"Observation\",\"status\":\"final\"}".getBytes()))
        .is(400, "import-not-patients");
    assertThatProblem(
            api.post(
                "/api/v1/patients/imports",
                "application/json",
                "{\"resourceType\":\"Bundle\",\"type\":\"history\",\"entry\":[{\"resource\":{\"resourceType\":\"Patient\"}}]}"
                    .getBytes()))
        .is(400, "import-bundle-type");
    assertThatProblem(
            api.post(
                "/api/v1/patients/imports",
                "application/json",
                "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[]} trailing"
                    .getBytes()))
        .is(400, "import-malformed-json");
    assertThatProblem(api.post("/api/v1/patients/imports?onError=later", "text/csv", csv))
        .is(400, "invalid-value");

    assertThat(imports()).isEqualTo(before);
    assertThat(jdbc.sql("SELECT count(*) FROM patient_import_chunk").query(Integer.class).single())
        .isZero();
  }

  @Test
  void anUnknownImportIsNotFound() {
    assertThatProblem(api.get("/api/v1/patients/imports/0193e8a4-5b7c-7d2e-9f10-1a2b3c4d5e6f"))
        .is(404, "not-found");
  }

  @Test
  void theLatestImportsAreListedNewestFirst() {
    Practice practice = new Practice();
    JsonNode first = importFile("?dryRun=true", "text/csv", practice.file);
    JsonNode second = importFile("?dryRun=true", "text/csv", practice.file);

    var listed = api.get("/api/v1/patients/imports?limit=2");

    assertThat(listed.status()).isEqualTo(200);
    assertThat(listed.body().get(0).path("id").asString()).isEqualTo(id(second));
    assertThat(listed.body().get(1).path("id").asString()).isEqualTo(id(first));
    assertThat(listed.body().get(0).has("badRows")).isFalse();
  }

  // ------------------------------------------------------------------------------- helpers

  JsonNode importFile(String query, String contentType, byte[] file) {
    var accepted = api.post("/api/v1/patients/imports" + query, contentType, file);
    assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
    assertThat(accepted.string("status")).isEqualTo("queued");
    return await(accepted.string("id"));
  }

  JsonNode await(String id) {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (System.nanoTime() < deadline) {
      var report = api.get("/api/v1/patients/imports/" + id);
      assertThat(report.status()).as(report.toString()).isEqualTo(200);
      if (List.of("completed", "rejected", "failed").contains(report.string("status"))) {
        return report.body();
      }
      sleep(50);
    }
    throw new AssertionError("The import " + id + " did not finish");
  }

  static List<Integer> counts(JsonNode report) {
    JsonNode counts = report.path("counts");
    return List.of(
        counts.path("created").asInt(),
        counts.path("linked").asInt(),
        counts.path("possibleDuplicates").asInt(),
        counts.path("invalid").asInt());
  }

  static List<String> badRows(JsonNode report) {
    List<String> rows = new ArrayList<>();
    for (JsonNode row : report.path("badRows")) {
      for (JsonNode error : row.path("errors")) {
        rows.add(row.path("row").asInt() + " " + error.path("field").asString());
      }
    }
    return rows;
  }

  static String message(JsonNode report, String field) {
    for (JsonNode row : report.path("badRows")) {
      for (JsonNode error : row.path("errors")) {
        if (error.path("field").asString().equals(field)) {
          return error.path("message").asString();
        }
      }
    }
    throw new AssertionError("No error on " + field + " in " + report);
  }

  int rowsOf(JsonNode report) {
    return jdbc.sql("SELECT count(*) FROM patient_import_row WHERE import_id = CAST(:id AS uuid)")
        .param("id", id(report))
        .query(Integer.class)
        .single();
  }

  int imports() {
    return jdbc.sql("SELECT count(*) FROM patient_import").query(Integer.class).single();
  }

  static String id(JsonNode report) {
    return report.path("id").asString();
  }

  String register(String given, String family, String birthDate, String phone) {
    var created =
        api.post(
            "/api/v1/patients",
            Map.of(
                "givenName", given, "familyName", family, "birthDate", birthDate, "phone", phone));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.string("id");
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
