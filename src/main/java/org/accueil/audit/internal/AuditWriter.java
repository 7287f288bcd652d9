package org.accueil.audit.internal;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.accueil.audit.AuditEvent;
import org.accueil.platform.AuditRecord;
import org.accueil.platform.ProblemException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionExecution;
import org.springframework.transaction.TransactionExecutionListener;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns every {@link AuditRecord} into a row of the chain, in the publisher's transaction: the
 * action and its audit row commit together or not at all.
 *
 * <p>It follows every transaction from its start (Spring Boot registers {@link
 * TransactionExecutionListener} beans with the transaction manager), so it knows when one has
 * reached its commit: a record published from then on (an after-commit callback) can no longer join
 * it and is written on its own instead of being lost with a transaction that has ended.
 *
 * <p>Inside a read-write transaction, records are kept until the transaction commits and written in
 * its {@code beforeCommit}: the head's lock, which serialises every append, is then held only for
 * the commit itself, not for the whole transaction. A failure there rolls the transaction back and
 * reaches the caller as a 503: the action does not happen.
 *
 * <p>Written at once, in a transaction of their own, with a failure thrown to the publisher:
 * records published outside a transaction (reads, failed logins), inside a read-only one, and
 * records of refusals and failures ({@code denied}, {@code failed}), which stay true even when the
 * transaction around them rolls back, as it usually does after a refusal.
 */
@Component
class AuditWriter implements TransactionExecutionListener {

  private static final Logger log = LoggerFactory.getLogger(AuditWriter.class);

  private final AuditRepository repository;
  private final Clock clock;
  // The transaction manager is built with this listener, so it can only be looked up later.
  private final ObjectProvider<PlatformTransactionManager> transactions;
  private volatile @Nullable TransactionTemplate ownTransaction;

  AuditWriter(
      AuditRepository repository,
      Clock clock,
      ObjectProvider<PlatformTransactionManager> transactions) {
    this.repository = repository;
    this.clock = clock;
    this.transactions = transactions;
  }

  @Override
  public void afterBegin(TransactionExecution transaction, @Nullable Throwable beginFailure) {
    if (beginFailure == null
        && transaction.isNewTransaction()
        && !transaction.isReadOnly()
        && TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new Pending());
    }
  }

  @EventListener
  void record(AuditRecord record) {
    AuditEvent event = AuditRows.unchained(record, clock.instant().truncatedTo(ChronoUnit.MICROS));
    Pending pending = pendingInThisTransaction();
    if (pending != null && pending.state == State.FLUSHED) {
      // Published by another synchronization after ours wrote: this transaction holds the head's
      // lock and has not committed; a transaction of its own would wait on that lock forever.
      write(() -> repository.append(List.of(event)));
    } else if (pending != null
        && pending.state == State.OPEN
        && record.outcome() == AuditRecord.Outcome.SUCCESS) {
      pending.add(event);
    } else if (pending == null && mayWaitForCommit(record)) {
      // A transaction manager this listener was not given to: join on first use instead.
      Pending created = new Pending();
      created.add(event);
      TransactionSynchronizationManager.registerSynchronization(created);
    } else {
      write(() -> ownTransaction().executeWithoutResult(s -> repository.append(List.of(event))));
    }
  }

  private static boolean mayWaitForCommit(AuditRecord record) {
    return record.outcome() == AuditRecord.Outcome.SUCCESS
        && TransactionSynchronizationManager.isActualTransactionActive()
        && TransactionSynchronizationManager.isSynchronizationActive()
        && !TransactionSynchronizationManager.isCurrentTransactionReadOnly();
  }

  private TransactionTemplate ownTransaction() {
    TransactionTemplate template = ownTransaction;
    if (template == null) {
      template = new TransactionTemplate(transactions.getObject());
      template.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
      ownTransaction = template;
    }
    return template;
  }

  private @Nullable Pending pendingInThisTransaction() {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      return null;
    }
    for (TransactionSynchronization sync :
        TransactionSynchronizationManager.getSynchronizations()) {
      if (sync instanceof Pending pending && pending.writer() == this) {
        return pending;
      }
    }
    return null;
  }

  /** Runs an append; a failure becomes the 503 that refuses the action it was to record. */
  private static void write(Runnable append) {
    try {
      append.run();
    } catch (RuntimeException e) {
      String incident = UUID.randomUUID().toString();
      log.error(
          "Could not write to the audit trail (incident {}); the action is refused", incident, e);
      throw ProblemException.of(HttpStatus.SERVICE_UNAVAILABLE, "audit-unavailable")
          .detail(
              "This was not done because the audit trail could not record it. Try again in a"
                  + " moment; if it keeps failing, quote incident {0} to your administrator.",
              incident)
          .with("incident", incident)
          .cause(e)
          .build();
    }
  }

  private enum State {
    /** Collecting the transaction's records. */
    OPEN,
    /** Written in beforeCommit; the head's lock is held until the transaction ends. */
    FLUSHED,
    /** Rolling back, or ended: later records are written on their own. */
    CLOSED
  }

  /**
   * The records of one transaction. First in order, so that its after-commit callback runs before
   * any other: a record published by another synchronization's afterCommit then finds this one
   * CLOSED and is written in a transaction of its own, instead of on a connection whose transaction
   * has already committed, where it would be lost.
   */
  private final class Pending implements TransactionSynchronization {
    private final List<AuditEvent> events = new ArrayList<>();
    private State state = State.OPEN;

    AuditWriter writer() {
      return AuditWriter.this;
    }

    void add(AuditEvent event) {
      events.add(event);
    }

    @Override
    public int getOrder() {
      return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public void beforeCommit(boolean readOnly) {
      if (!events.isEmpty()) {
        write(() -> repository.append(events));
        events.clear();
      }
      state = State.FLUSHED;
    }

    @Override
    public void beforeCompletion() {
      // Not written by now: beforeCommit was skipped, so the transaction is rolling back.
      if (state == State.OPEN) {
        events.clear();
        state = State.CLOSED;
      }
    }

    @Override
    public void afterCommit() {
      state = State.CLOSED;
    }

    @Override
    public void afterCompletion(int status) {
      events.clear();
      state = State.CLOSED;
    }
  }
}
