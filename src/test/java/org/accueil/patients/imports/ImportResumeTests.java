package org.accueil.patients.imports;

import static org.accueil.testing.ProblemAssert.assertThatProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.accueil.testing.AccueilTest;
import org.accueil.testing.Api;
import org.accueil.testing.Tags;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * An import whose run stops (a crash, a shutdown, a node lost) and is run again: it resumes after
 * its last committed batch, and no row is registered twice. The scheduler is off, so the test runs
 * the import's task itself, step by step; uploads still queue their task, for a node whose
 * scheduler is on.
 */
@AccueilTest
@TestPropertySource(
    properties = {"db-scheduler.enabled=false", "accueil.patients.import-max-size=2MB"})
class ImportResumeTests {

  @Autowired Api api;
  @Autowired ImportRuns runs;
  @Autowired ImportStore store;
  @Autowired RegistrationStep registration;
  @Autowired JdbcClient jdbc;

  final String tag = Tags.letters();

  /** 500 people; the last row repeats the tenth, two batches earlier. */
  byte[] file() {
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < 499; i++) {
      rows.add(
          List.of(
              "Paula",
              PatientImportTests.familyName(i) + "-" + tag,
              java.time.LocalDate.of(1940, 1, 1).plusDays(i * 7L).toString(),
              PatientFiles.mobile(),
              "R-" + tag + "-" + i));
    }
    rows.add(rows.get(9));
    return PatientFiles.csv(
        ',', List.of("givenName", "familyName", "birthDate", "phone", "mrn"), rows);
  }

  UUID upload(byte[] file) {
    var accepted = api.post("/api/v1/patients/imports", "text/csv", file);
    assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
    return UUID.fromString(accepted.string("id"));
  }

  /** Stops the run once the import is in {@code status} with rows processed: after a batch. */
  BooleanSupplier after(UUID id, ImportStatus status) {
    return () -> {
      PatientImport now = store.find(id).orElseThrow();
      return now.status() == status && now.processedRows() > 0;
    };
  }

  int patients() {
    return jdbc.sql("SELECT count(*) FROM patient WHERE family_name LIKE :tag")
        .param("tag", "%-" + tag)
        .query(Integer.class)
        .single();
  }

  @Test
  void anImportStoppedAfterABatchResumesThereAndRegistersNoRowTwice() {
    UUID id = upload(file());
    assertThat(store.find(id).orElseThrow().status()).isEqualTo(ImportStatus.QUEUED);

    assertThat(runs.run(id, after(id, ImportStatus.IMPORTING)))
        .isEqualTo(ImportRuns.Ending.INTERRUPTED);

    PatientImport stopped = store.find(id).orElseThrow();
    assertThat(stopped.status()).isEqualTo(ImportStatus.IMPORTING);
    assertThat(stopped.processedRows()).isEqualTo(ValidationStep.BATCH);
    assertThat(patients()).isEqualTo(ValidationStep.BATCH);

    assertThat(runs.run(id, () -> false)).isEqualTo(ImportRuns.Ending.DONE);

    PatientImport done = store.find(id).orElseThrow();
    assertThat(done.status()).isEqualTo(ImportStatus.COMPLETED);
    assertThat(done.processedRows()).isEqualTo(500);
    assertThat(done.counts()).isEqualTo(new Counts(499, 1, 0, 0));
    assertThat(patients()).isEqualTo(499);
    assertThat(store.patientsOf(id)).hasSize(500);
    assertThat(store.patientsOf(id).get(500)).isEqualTo(store.patientsOf(id).get(10));
    assertThat(
            jdbc.sql(
                    "SELECT count(*) FROM patient_duplicate d JOIN patient p ON p.id = d.patient_id"
                        + " WHERE p.family_name LIKE :tag")
                .param("tag", "%-" + tag)
                .query(Integer.class)
                .single())
        .isZero();
  }

  @Test
  void anImportStoppedWhileValidatingValidatesAgainFromItsFirstRow() {
    UUID id = upload(file());

    assertThat(runs.run(id, after(id, ImportStatus.VALIDATING)))
        .isEqualTo(ImportRuns.Ending.INTERRUPTED);
    assertThat(store.find(id).orElseThrow().processedRows()).isEqualTo(ValidationStep.BATCH);
    assertThat(patients()).isZero();

    runs.run(id, () -> false);

    PatientImport done = store.find(id).orElseThrow();
    assertThat(done.status()).isEqualTo(ImportStatus.COMPLETED);
    assertThat(done.counts()).isEqualTo(new Counts(499, 1, 0, 0));
    assertThat(patients()).isEqualTo(499);
  }

  @Test
  void aRunSupersededByAnotherWritesNothingMore() {
    UUID id = upload(file());
    runs.run(id, after(id, ImportStatus.IMPORTING));
    PatientImport asTheFirstRunSawIt = store.find(id).orElseThrow();

    // The first run's node missed its heartbeats: the task is revived elsewhere, whose run takes
    // the next number, while the first run, alive after all, goes on with its next batch.
    int revived = store.begin(id, java.time.Instant.now());
    StepResult late = registration.run(asTheFirstRunSawIt, revived - 1, () -> false);

    assertThat(late.end()).isEqualTo(StepResult.End.SUPERSEDED);
    assertThat(patients()).isEqualTo(ValidationStep.BATCH);
    assertThat(store.find(id).orElseThrow().processedRows()).isEqualTo(ValidationStep.BATCH);

    runs.run(id, () -> false);

    assertThat(patients()).isEqualTo(499);
    assertThat(store.find(id).orElseThrow().counts()).isEqualTo(new Counts(499, 1, 0, 0));
  }

  @Test
  void aReportIsForgottenNinetyDaysAfterItsImportEndedAndItsPatientsStay() {
    UUID id = upload(file());
    runs.run(id, () -> false);
    java.time.Instant ended = store.find(id).orElseThrow().finishedAt();

    store.forgetFinishedBefore(ended.minus(java.time.Duration.ofSeconds(1)));
    assertThat(store.find(id)).isPresent();
    store.forgetFinishedBefore(ended.plus(java.time.Duration.ofSeconds(1)));

    assertThat(store.find(id)).isEmpty();
    assertThat(store.patientsOf(id)).isEmpty();
    assertThat(patients()).isEqualTo(499);
  }

  @Test
  void aFileLargerThanTheImportLimitIsRefusedBeforeItIsStored() {
    int before = jdbc.sql("SELECT count(*) FROM patient_import").query(Integer.class).single();
    byte[] large = new byte[3 * 1024 * 1024];
    java.util.Arrays.fill(large, (byte) 'a');

    assertThatProblem(api.post("/api/v1/patients/imports", "text/csv", large))
        .is(413, "body-too-large");
    assertThat(jdbc.sql("SELECT count(*) FROM patient_import").query(Integer.class).single())
        .isEqualTo(before);
  }

  @Test
  void theImportLimitIsTheImportsAlone() {
    byte[] large = new byte[300 * 1024];
    java.util.Arrays.fill(large, (byte) 'a');

    assertThatProblem(api.post("/api/v1/patients/match", "application/json", large))
        .is(413, "body-too-large");
    assertThatProblem(api.post("/api/v1/patients/imports/", "text/csv", large))
        .is(413, "body-too-large");
  }
}
