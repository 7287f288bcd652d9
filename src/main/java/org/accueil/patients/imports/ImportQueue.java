package org.accueil.patients.imports;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Puts an import's task in db-scheduler's table, in the transaction that stores the import. */
@Component
class ImportQueue {

  private final SchedulerClient client;
  private final ObjectProvider<Scheduler> scheduler;

  ImportQueue(
      DataSource dataSource,
      ObjectProvider<Scheduler> scheduler,
      @Value("${db-scheduler.table-name:scheduled_tasks}") String table) {
    // A client of its own rather than this node's scheduler: a node whose scheduler is turned off
    // (db-scheduler.enabled=false) still takes uploads, and a node whose scheduler is on runs
    // them. Transaction-aware, so the task is scheduled if and only if the import is stored.
    this.client =
        SchedulerClient.Builder.create(new TransactionAwareDataSourceProxy(dataSource))
            .tableName(table)
            .build();
    this.scheduler = scheduler;
  }

  /** Must run in the transaction that stores the import. */
  void enqueue(UUID id) {
    // db-scheduler's own clock is the system's, whatever the application's says "now" is.
    client.scheduleIfNotExists(
        new TaskInstance<Void>(ImportConfiguration.TASK, id.toString()), Instant.now());
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            // Due now: this node's scheduler, if it runs, looks at once instead of at its next
            // poll (up to db-scheduler.polling-interval away).
            scheduler.ifAvailable(Scheduler::triggerCheckForDueExecutions);
          }
        });
  }
}
