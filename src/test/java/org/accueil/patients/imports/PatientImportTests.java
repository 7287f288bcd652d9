package org.accueil.patients.imports;

import static org.accueil.testing.ProblemAssert.assertThatProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.accueil.testing.AccueilTest;
import org.accueil.testing.Api;
import org.accueil.testing.AuditEvents;
import org.accueil.testing.Tags;
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
