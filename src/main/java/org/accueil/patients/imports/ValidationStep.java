package org.accueil.patients.imports;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.accueil.patients.imports.RowPlanner.Plan;
import org.accueil.patients.imports.StepResult.End;
import org.accueil.patients.internal.Matcher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The first step of every import: each row checked and matched, in file order, nothing written to
 * the registry. Its counts are what the import would do, which is all a dry run does; its refused
 * rows are the report. A run that stops in this step starts it again from the first row: the file
 * index that finds a row's earlier twins lives in memory.
 */
@Component
class ValidationStep {

  /** Rows between two progress reports: a progress bar moves at least every second or so. */
  static final int BATCH = 200;

  private final ImportStore store;
  private final RowSources sources;
  private final RowPlanner planner;
  private final Matcher matcher;
  private final TransactionTemplate transactions;
  private final TransactionTemplate reads;

  ValidationStep(
      ImportStore store,
      RowSources sources,
      RowPlanner planner,
      Matcher matcher,
      PlatformTransactionManager transactionManager) {
    this.store = store;
    this.sources = sources;
    this.planner = planner;
    this.matcher = matcher;
    this.transactions = new TransactionTemplate(transactionManager);
    this.reads = new TransactionTemplate(transactionManager);
    reads.setReadOnly(true);
  }

  StepResult run(PatientImport patientImport, int run, BooleanSupplier stopping) {
    UUID id = patientImport.id();
    boolean current =
        Boolean.TRUE.equals(
            transactions.execute(
                status -> {
                  store.clearBadRows(id);
                  return store.step(id, run, ImportStatus.VALIDATING);
                }));
    if (!current) {
      return StepResult.ended(End.SUPERSEDED);
    }
    FileIndex file = new FileIndex(matcher);
    Counts counts = Counts.NONE;
    int processed = 0;
    try (RowSource rows = sources.open(patientImport)) {
      while (rows.hasNext()) {
        if (stopping.getAsBoolean()) {
          return StepResult.ended(End.INTERRUPTED);
        }
        List<ImportRow> batch = rows.next(BATCH);
        List<Plan> plans = reads.execute(status -> plan(batch, file));
        List<BadRow> bad = new ArrayList<>();
        for (Plan plan : plans) {
          counts = counts.plus(plan.outcome());
          if (plan.bad() != null) {
            bad.add(plan.bad());
          }
        }
        processed += batch.size();
        if (!report(id, run, processed, counts, bad)) {
          return StepResult.ended(End.SUPERSEDED);
        }
      }
    }
    return new StepResult(End.FINISHED, counts);
  }

  private List<Plan> plan(List<ImportRow> batch, FileIndex file) {
    List<Plan> plans = new ArrayList<>(batch.size());
    for (ImportRow row : batch) {
      plans.add(planner.plan(row, file));
    }
    return plans;
  }

  private boolean report(UUID id, int run, int processed, Counts counts, List<BadRow> bad) {
    return Boolean.TRUE.equals(
        transactions.execute(
            status -> {
              store.addBadRows(id, bad);
              if (!store.progress(id, run, processed, counts)) {
                status.setRollbackOnly();
                return false;
              }
              return true;
            }));
  }
}
