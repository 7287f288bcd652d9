package org.accueil.patients.imports;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.accueil.patients.Origin;
import org.accueil.patients.PatientDetails;
import org.accueil.patients.imports.Counts.Outcome;
import org.accueil.patients.imports.ImportStore.RegisteredRow;
import org.accueil.patients.imports.StepResult.End;
import org.accueil.patients.internal.Registrar;
import org.accueil.patients.matching.Band;
import org.accueil.platform.ProblemException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The second step of a real import: the rows registered in file order, a batch per transaction.
 * Each row is registered in a savepoint of its own, so a row the registrar refuses leaves nothing
 * behind and its batch goes on; the batch commits its rows' records, identifiers and review entries
 * together with its counts, what each row became and how far the step is. A run that resumes after
 * a crash starts after the last committed batch: no row is registered twice.
 *
 * <p>Rows the validation refused are skipped; a row whose details repeat an earlier row's exactly
 * is that row's record again.
 */
@Component
class RegistrationStep {

  private final ImportStore store;
  private final RowSources sources;
  private final RowChecks checks;
  private final Registrar registrar;
  private final RegistryStatistics statistics;
  private final TransactionTemplate transactions;
  private final TransactionTemplate savepoint;

  RegistrationStep(
      ImportStore store,
      RowSources sources,
      RowChecks checks,
      Registrar registrar,
      RegistryStatistics statistics,
      PlatformTransactionManager transactionManager) {
    this.store = store;
    this.sources = sources;
    this.checks = checks;
    this.registrar = registrar;
    this.statistics = statistics;
    this.transactions = new TransactionTemplate(transactionManager);
    this.savepoint = new TransactionTemplate(transactionManager);
    savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
  }

  /** The rows of one run: what the validation refused, and the records of rows registered. */
  private record Rows(BitSet refused, Map<String, UUID> byFingerprint) {}

  /**
   * @param patientImport as it stands now: the step resumes at its processed rows
   */
  StepResult run(PatientImport patientImport, int run, BooleanSupplier stopping) {
    UUID id = patientImport.id();
    int cursor = patientImport.processedRows();
    Rows known = new Rows(store.badRowNumbers(id), new HashMap<>());
    int batches = 0;
    try (RowSource rows = sources.open(patientImport)) {
      if (cursor > 0) {
        resume(id, rows, cursor, known);
      }
      while (rows.hasNext()) {
        if (stopping.getAsBoolean()) {
          return StepResult.ended(End.INTERRUPTED);
        }
        List<ImportRow> batch = rows.next(ValidationStep.BATCH);
        int from = cursor;
        StepResult done = transactions.execute(status -> batch(id, run, from, batch, known));
        if (!done.finished()) {
          return done;
        }
        cursor += batch.size();
        batches++;
        if (Integer.bitCount(batches) == 1) {
          statistics.refresh();
        }
      }
    }
    return new StepResult(End.FINISHED, Counts.NONE);
  }

  /**
   * Reads again the rows an earlier run registered, for their fingerprints: a later row repeating
   * one of them is its record again.
   */
  private void resume(UUID id, RowSource rows, int cursor, Rows known) {
    Map<Integer, UUID> registered = store.patientsOf(id);
    for (int read = 0; read < cursor && rows.hasNext(); read++) {
      ImportRow row = rows.next();
      UUID patient = registered.get(row.number());
      if (patient != null && checks.check(row) instanceof RowChecks.Valid(PatientDetails clean)) {
        known.byFingerprint().putIfAbsent(Fingerprint.of(clean, row.recordId()), patient);
      }
    }
  }

  private StepResult batch(UUID id, int run, int from, List<ImportRow> batch, Rows known) {
    // The import's row stays locked until this batch commits: a run revived on another node
    // waits here, then finds this run's progress and its own number, and this run stops.
    PatientImport now = store.lock(id, run).orElse(null);
    if (now == null || now.status() != ImportStatus.IMPORTING || now.processedRows() != from) {
      return StepResult.ended(End.SUPERSEDED);
    }
    Counts counts = now.counts();
    List<BadRow> bad = new ArrayList<>();
    List<RegisteredRow> registered = new ArrayList<>();
    for (ImportRow row : batch) {
      counts = counts.plus(register(row, known, bad, registered));
    }
    store.addBadRows(id, bad);
    store.addRows(id, registered);
    store.progress(id, run, from + batch.size(), counts);
    return new StepResult(End.FINISHED, counts);
  }

  private Outcome register(
      ImportRow row, Rows known, List<BadRow> bad, List<RegisteredRow> registered) {
    if (known.refused().get(row.number())) {
      return Outcome.INVALID;
    }
    PatientDetails clean;
    switch (checks.check(row)) {
      case RowChecks.Invalid(List<BadRow.Error> errors) -> {
        bad.add(new BadRow(row.number(), row.line(), errors));
        return Outcome.INVALID;
      }
      case RowChecks.Valid(PatientDetails valid) -> clean = valid;
    }
    String fingerprint = Fingerprint.of(clean, row.recordId());
    UUID earlier = known.byFingerprint().get(fingerprint);
    if (earlier != null) {
      registered.add(new RegisteredRow(row.number(), Outcome.LINKED, earlier));
      return Outcome.LINKED;
    }
    Registrar.Registered done;
    try {
      done = savepoint.execute(status -> registrar.register(clean, Origin.IMPORT, row.recordId()));
    } catch (ProblemException e) {
      if (!e.getStatusCode().is4xxClientError()) {
        throw e;
      }
      bad.add(new BadRow(row.number(), row.line(), List.of(checks.error(field(row, e), e))));
      return Outcome.INVALID;
    } catch (DataIntegrityViolationException e) {
      // A rule of the database the checks did not foresee, or a race with another registration:
      // this row is refused, the others go on. Transient failures (a deadlock) fail the batch.
      bad.add(
          new BadRow(
              row.number(),
              row.line(),
              List.of(
                  checks.error(
                      ImportRow.WHOLE_ROW,
                      ProblemException.of(
                              org.springframework.http.HttpStatus.CONFLICT, "import-row-refused")
                          .detail(
                              "The registry refused this row: it conflicts with a record"
                                  + " registered meanwhile, or breaks one of the registry's"
                                  + " rules. Check it and import it again.")
                          .build()))));
      return Outcome.INVALID;
    }
    Outcome outcome =
        !done.created()
            ? Outcome.LINKED
            : done.match().decision() == Band.POSSIBLE
                ? Outcome.POSSIBLE_DUPLICATE
                : Outcome.CREATED;
    UUID patient = done.patient().id().value();
    known.byFingerprint().put(fingerprint, patient);
    registered.add(new RegisteredRow(row.number(), outcome, patient));
    return outcome;
  }

  private static String field(ImportRow row, ProblemException e) {
    var properties = e.getBody().getProperties();
    Object field = properties == null ? null : properties.get("field");
    return row.field(field == null ? ImportRow.WHOLE_ROW : field.toString());
  }
}
