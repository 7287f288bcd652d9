package org.accueil.patients.imports;

import static org.accueil.testing.ProblemAssert.assertThatProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.accueil.patients.PatientId;
import org.accueil.patients.Patients;
import org.accueil.patients.fhir.FhirPatients;
import org.accueil.testing.AccueilTest;
import org.accueil.testing.Api;
import org.accueil.testing.AuditEvents;
import org.accueil.testing.Tags;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * The registry's export: every live record, as CSV in the import's columns or as a FHIR R4 Bundle;
 * read back by the import, every row is a record already. The context is the resume tests', whose
 * registry holds only what these tests register (the scheduler off: the test runs imports itself).
 */
@AccueilTest
@TestPropertySource(
    properties = {"db-scheduler.enabled=false", "accueil.patients.import-max-size=2MB"})
class RegistryExportTests {

  @Autowired Api api;
  @Autowired ImportRuns runs;
  @Autowired ImportStore store;
  @Autowired Patients patients;
  @Autowired JdbcClient jdbc;
  @Autowired AuditEvents audit;

  String tag;
  String withIdentifiers;
  String ins;

  @BeforeEach
  void registry() {
    tag = Tags.letters();
    ins = PatientFiles.ins('1', 1962, 11);
    withIdentifiers =
        register(
            Map.ofEntries(
                Map.entry("givenName", "Jean-Luc"),
                Map.entry("familyName", "Lefèvre-" + tag),
                Map.entry("birthFamilyName", "Morin"),
                Map.entry("birthDate", "1962-11-30"),
                Map.entry("sex", "male"),
                Map.entry("phone", PatientFiles.mobile()),
                Map.entry("email", "jl." + tag + "@example.org"),
                Map.entry(
                    "address",
                    Map.of(
                        "line", "=HYPERLINK(\"http://x\"), 4 place du Marché",
                        "postalCode", "13001",
                        "city", "Marseille",
                        "country", "FR")),
                Map.entry("preferredLanguage", "fr"),
                Map.entry("preferredChannel", "sms"),
                Map.entry(
                    "identifiers",
                    List.of(
                        Map.of("system", "mrn", "value", "X-" + tag),
                        Map.of("system", "ins", "value", ins),
                        Map.of("system", "urn:oid:1.2.250.1.71.4.2.7", "value", "EHR-" + tag)))));
    // Names and a birth date only: nothing but its own id can find this record again.
    register(
        Map.of("givenName", "Odile", "familyName", "Sansrien-" + tag, "birthDate", "1931-02-03"));
    String survivor = register(person("Marie", "Twin-" + tag, "1980-01-01"));
    String duplicate = register(person("Marie", "Twin-" + tag, "1980-01-02"));
    var merged =
        api.post(
            "/api/v1/patients/merges",
            Map.of("survivorId", survivor, "duplicateId", duplicate, "reason", "Registered twice"));
    assertThat(merged.status()).as(merged.toString()).isEqualTo(201);
    String erased = register(person("Eric", "Gone-" + tag, "1950-05-05"));
    patients.erase(PatientId.of(UUID.fromString(erased)));
  }

  @Test
  void theCsvExportHoldsEveryLiveRecordInTheImportsColumns() throws Exception {
    var export = api.get("/api/v1/patients/export?format=csv");

    assertThat(export.status()).isEqualTo(200);
    assertThat(export.header("Content-Type")).startsWith("text/csv");
    assertThat(export.header("Content-Disposition")).startsWith("attachment; filename=\"patients-");
    assertThat(export.text()).startsWith("\uFEFFid,givenName,familyName,birthFamilyName,birthDate");
    List<CSVRecord> rows = csv(export.text());
    assertThat(rows.getFirst().toList()).contains("identifier:urn:oid:1.2.250.1.71.4.2.7");
    assertThat(rows).hasSize(1 + live());
    assertThat(rows).noneMatch(r -> r.toList().toString().contains("Gone-" + tag));
    assertThat(rows.stream().filter(r -> r.toList().toString().contains("Twin-" + tag))).hasSize(1);
    CSVRecord jeanLuc =
        rows.stream().filter(r -> r.get(0).equals(withIdentifiers)).findFirst().orElseThrow();
    Map<String, String> cells = new java.util.HashMap<>();
    for (int i = 0; i < rows.getFirst().size(); i++) {
      cells.put(rows.getFirst().get(i), jeanLuc.get(i));
    }
    assertThat(cells)
        .containsEntry("birthFamilyName", "Morin")
        .containsEntry("ins", ins)
        .containsEntry("mrn", "X-" + tag)
        .containsEntry("identifier:urn:oid:1.2.250.1.71.4.2.7", "EHR-" + tag)
        .containsEntry("preferredChannel", "sms")
        // A cell a spreadsheet would run as a formula is written as text.
        .containsEntry("addressLine", "'=HYPERLINK(\"http://x\"), 4 place du Marché");
    assertThat(cells.get("phone")).startsWith("'+33");
    assertThat(audit.of("patient.export.bulk", null).getLast().refs())
        .containsEntry("format", "csv")
        .containsEntry("count", String.valueOf(live()));
  }

  @Test
  void theFhirExportIsABundleHapiParses() {
    var export = api.get("/api/v1/patients/export?format=fhir");

    assertThat(export.status()).isEqualTo(200);
    assertThat(export.header("Content-Type")).startsWith("application/fhir+json");
    Bundle bundle =
        FhirPatients.context().newJsonParser().parseResource(Bundle.class, export.text());
    assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.COLLECTION);
    assertThat(bundle.getEntry()).hasSize(live());
    Patient jeanLuc =
        bundle.getEntry().stream()
            .filter(e -> e.getFullUrl().equals("urn:uuid:" + withIdentifiers))
            .map(e -> (Patient) e.getResource())
            .findFirst()
            .orElseThrow();
    assertThat(jeanLuc.getIdentifier())
        .extracting(i -> i.getSystem() + "|" + i.getValue())
        .contains(
            "urn:ietf:rfc:3986|urn:uuid:" + withIdentifiers,
            FhirPatients.INS_SYSTEM + "|" + ins,
            FhirPatients.NAMING_SYSTEM + "mrn|X-" + tag);
    assertThat(jeanLuc.getName())
        .extracting(n -> n.getUse().toCode() + " " + n.getFamily())
        .containsExactly("official Lefèvre-" + tag, "maiden Morin");
  }

  @Test
  void anExportReadBackByTheImportLinksEveryRowAndCreatesNone() {
    for (String format : List.of("csv", "fhir")) {
      var export = api.get("/api/v1/patients/export?format=" + format);
      int exported = live();
      var accepted =
          api.post(
              "/api/v1/patients/imports?onError=reject",
              format.equals("csv") ? "text/csv" : "application/fhir+json",
              export.text().getBytes(StandardCharsets.UTF_8));
      assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
      UUID id = UUID.fromString(accepted.string("id"));

      runs.run(id, () -> false);

      PatientImport done = store.find(id).orElseThrow();
      assertThat(done.status()).as(format).isEqualTo(ImportStatus.COMPLETED);
      assertThat(done.counts()).as(format).isEqualTo(new Counts(0, exported, 0, 0));
      assertThat(live()).isEqualTo(exported);
    }
  }

  @Test
  void anExportNeedsItsFormat() {
    assertThatProblem(api.get("/api/v1/patients/export?format=xml"))
        .is(400, "invalid-value")
        .naming("format");
    assertThatProblem(api.get("/api/v1/patients/export")).is(400, "missing-parameter");
  }

  private int live() {
    return jdbc.sql("SELECT count(*) FROM patient WHERE status <> 'merged' AND erased_at IS NULL")
        .query(Integer.class)
        .single();
  }

  private static List<CSVRecord> csv(String text) throws java.io.IOException {
    return CSVFormat.RFC4180.parse(new StringReader(text.substring(1))).getRecords();
  }

  private static Map<String, Object> person(String given, String family, String birthDate) {
    return Map.of(
        "givenName",
        given,
        "familyName",
        family,
        "birthDate",
        birthDate,
        "phone",
        PatientFiles.mobile());
  }

  private String register(Map<String, Object> details) {
    var created = api.post("/api/v1/patients", details);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.string("id");
  }

  static List<String> list(CSVRecord record) {
    return new ArrayList<>(record.toList());
  }
}
