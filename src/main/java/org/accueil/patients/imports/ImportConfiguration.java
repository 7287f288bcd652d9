package org.accueil.patients.imports;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.UUID;
import org.accueil.patients.PatientsProperties;
import org.accueil.platform.LargeRequestBody;
import org.accueil.platform.crypto.EncryptedColumn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The import's task, the one call allowed a body larger than the API's limit, and the columns key
 * rotation must reseal.
 */
@Configuration(proxyBeanMethods = false)
class ImportConfiguration {

  static final String TASK = "patient-import";

  static final String UPLOAD_PATH = "/api/v1/patients/imports";

  private static final Logger log = LoggerFactory.getLogger(ImportConfiguration.class);

  /**
   * One execution per import, its instance id the import's id. db-scheduler runs it on one node at
   * a time, keeps its heartbeat, and revives it elsewhere if that node dies; the run then resumes
   * where the import stands.
   */
  @Bean
  CustomTask<Void> patientImportTask(ImportRuns runs) {
    return Tasks.custom(TASK, Void.class)
        .onDeadExecutionRevive()
        // 6 attempts, 30 s doubling: an import still failing after about 15 minutes (the
        // database gone, a bug) is marked failed, the incident logged, and the file forgotten.
        .onFailure(
            new FailureHandler.MaxRetriesFailureHandler<>(
                6,
                new FailureHandler.ExponentialBackoffFailureHandler<>(Duration.ofSeconds(30), 2),
                (complete, operations) -> {
                  String incident = UUID.randomUUID().toString();
                  log.error(
                      "Patient import {} failed for good, incident {}",
                      complete.getExecution().taskInstance.getId(),
                      incident,
                      complete.getCause().orElse(null));
                  runs.fail(
                      UUID.fromString(complete.getExecution().taskInstance.getId()), incident);
                  operations.remove();
                }))
        .execute(
            (instance, context) -> {
              ImportRuns.Ending ending =
                  runs.run(
                      UUID.fromString(instance.getId()),
                      () -> context.getSchedulerState().isShuttingDown());
              // Stopped for a shutdown between two batches: due again at once, for whichever
              // node's scheduler polls first.
              return ending == ImportRuns.Ending.INTERRUPTED
                  ? (CompletionHandler<Void>)
                      (complete, operations) -> operations.reschedule(complete, Instant.now())
                  : (complete, operations) -> operations.remove();
            });
  }

  /**
   * The API refuses bodies over {@code accueil.http.max-body-size} (256 KB); a practice's patient
   * file is megabytes. This call alone takes {@code accueil.patients.import-max-size}, and only
   * administrators may make it.
   */
  @Bean
  LargeRequestBody patientImportBody(PatientsProperties properties) {
    return new LargeRequestBody(
        "POST", UPLOAD_PATH, properties.importMaxSize(), "a patient file to import, CSV or FHIR");
  }

  /**
   * An import's report (its refused rows quote what the file said) and what each row became are
   * kept 90 days after it ended: long enough to fix a file and compare, then forgotten. The audit
   * trail keeps the import itself, with its counts, for good.
   */
  @Bean
  RecurringTask<Void> patientImportExpiry(ImportStore store, Clock clock) {
    return Tasks.recurring("patient-import-expiry", Schedules.daily(LocalTime.of(3, 15)))
        .execute(
            (instance, context) -> store.forgetFinishedBefore(clock.instant().minus(REPORTS_KEPT)));
  }

  static final Duration REPORTS_KEPT = Duration.ofDays(90);

  @Bean
  EncryptedColumn patientImportFileColumn() {
    return EncryptedColumn.of(
        "patient_import_chunk", "id", "content_sealed", ImportStore.CONTENT_CONTEXT);
  }

  @Bean
  EncryptedColumn patientImportProblemColumn() {
    return EncryptedColumn.of(
        "patient_import_problem", "id", "errors_sealed", ImportStore.ERRORS_CONTEXT);
  }
}
