package org.accueil.platform;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs something once the current transaction has committed (and not at all if it rolls back); at
 * once when there is no transaction. What runs then and touches the database must open a
 * transaction of its own ({@code REQUIRES_NEW}): the committed one's resources are still bound.
 */
public final class AfterCommit {

  private AfterCommit() {}

  public static void run(Runnable work) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      work.run();
      return;
    }
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            work.run();
          }
        });
  }
}
