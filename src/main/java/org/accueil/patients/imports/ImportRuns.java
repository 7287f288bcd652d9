package org.accueil.patients.imports;

import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.accueil.platform.Actor;
import org.accueil.platform.Audit;
import org.accueil.platform.AuditRecord;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs an import to its end, as the body of its db-scheduler task: validation, then (unless a dry
 * run, or a rejection) registration, then the result, audited as {@code patient.import}. A run
 * resumes where the import stands, so the task may be run again after a crash, a restart or on
 * another node. The work is done as the person who uploaded the file: the records created and the
 * audit trail name them.
 */
@Component
class ImportRuns {

  /** Whether the task is done with the import, or is to run it again (the node is stopping). */
  enum Ending {
    DONE,
    INTERRUPTED
  }

  private final ImportStore store;
  private final ValidationStep validation;
  private final RegistrationStep registration;
  private final TransactionTemplate transactions;
  private final Audit audit;
  private final Clock clock;

  ImportRuns(
      ImportStore store,
      ValidationStep validation,
      RegistrationStep registration,
      PlatformTransactionManager transactionManager,
      Audit audit,
      Clock clock) {
    this.store = store;
    this.validation = validation;
    this.registration = registration;
    this.transactions = new TransactionTemplate(transactionManager);
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * @param stopping true once the node is shutting down: the run stops between two batches
   */
  Ending run(UUID id, BooleanSupplier stopping) {
    PatientImport found = store.find(id).orElse(null);
    if (found == null || found.status().finished()) {
      return Ending.DONE;
    }
    Integer run = transactions.execute(status -> store.begin(id, clock.instant()));
    return as(found, () -> steps(found, run, stopping));
  }

  private Ending steps(PatientImport started, int run, BooleanSupplier stopping) {
    UUID id = started.id();
    if (started.status() == ImportStatus.QUEUED || started.status() == ImportStatus.VALIDATING) {
      StepResult validated = validation.run(started, run, stopping);
      if (!validated.finished()) {
        return ending(validated);
      }
      Counts plan = validated.counts();
      if (started.dryRun()) {
        finish(id, run, ImportStatus.COMPLETED);
        return Ending.DONE;
      }
      if (plan.invalid() > 0 && started.onError() == OnError.REJECT) {
        finish(id, run, ImportStatus.REJECTED);
        return Ending.DONE;
      }
      if (!Boolean.TRUE.equals(
          transactions.execute(status -> store.step(id, run, ImportStatus.IMPORTING)))) {
        return Ending.DONE;
      }
    }
    StepResult registered = registration.run(store.find(id).orElseThrow(), run, stopping);
    if (!registered.finished()) {
      return ending(registered);
    }
    finish(id, run, ImportStatus.COMPLETED);
    return Ending.DONE;
  }

  private static Ending ending(StepResult result) {
    // A superseded run leaves the import to the run that took over.
    return result.end() == StepResult.End.INTERRUPTED ? Ending.INTERRUPTED : Ending.DONE;
  }

  private void finish(UUID id, int run, ImportStatus status) {
    transactions.executeWithoutResult(
        tx -> {
          if (store.finish(id, run, status, null, clock.instant())) {
            audit.success(
                "patient.import", "patient-import", id, refs(store.find(id).orElseThrow()));
          }
        });
  }

  /** The task gave up on the import after its retries. */
  void fail(UUID id, String incident) {
    store
        .find(id)
        .ifPresent(
            found ->
                as(
                    found,
                    () -> {
                      transactions.executeWithoutResult(
                          tx -> {
                            if (store.finish(
                                id, null, ImportStatus.FAILED, incident, clock.instant())) {
                              Map<String, Object> refs = refs(store.find(id).orElseThrow());
                              refs.put("incident", incident);
                              audit.record(
                                  "patient.import",
                                  "patient-import",
                                  id,
                                  AuditRecord.Outcome.FAILED,
                                  refs);
                            }
                          });
                      return null;
                    }));
  }

  private static Map<String, Object> refs(PatientImport done) {
    Map<String, Object> refs = new LinkedHashMap<>();
    refs.put("status", done.status().code());
    refs.put("format", done.format().code());
    refs.put("dryRun", done.dryRun());
    refs.put("rows", done.totalRows());
    refs.put("created", done.counts().created());
    refs.put("linked", done.counts().linked());
    refs.put("possibleDuplicates", done.counts().possibleDuplicates());
    refs.put("invalid", done.counts().invalid());
    return refs;
  }

  /** Runs {@code work} as the person who uploaded the import. */
  private static <T> T as(PatientImport patientImport, Supplier<T> work) {
    SecurityContext before = SecurityContextHolder.getContext();
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(
        UsernamePasswordAuthenticationToken.authenticated(
            uploader(patientImport), null, List.of()));
    SecurityContextHolder.setContext(context);
    try {
      return work.get();
    } finally {
      SecurityContextHolder.setContext(before);
    }
  }

  /**
   * Who uploaded the import, as the audit trail and the records' "created by" name them. No roles
   * or scopes: nothing checks them in the task, and they could have changed since.
   */
  static Actor uploader(PatientImport patientImport) {
    String reference = patientImport.createdBy();
    int colon = reference.indexOf(':');
    String label = colon < 0 ? "system" : reference.substring(0, colon);
    Actor.Kind kind =
        Arrays.stream(Actor.Kind.values())
            .filter(k -> k.label().equals(label))
            .findFirst()
            .orElse(Actor.Kind.SYSTEM);
    return new Actor(
        kind,
        reference.substring(colon + 1),
        patientImport.createdByName(),
        Set.of(),
        Set.of(),
        null,
        null);
  }
}
