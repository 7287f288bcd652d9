package org.accueil.integration.fhir;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.accueil.integration.fhir.Conflicts.Flag;
import org.accueil.platform.Actor;
import org.accueil.platform.Worker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies what the inbox holds, one change per transaction, as the EHR actor: the change is marked
 * applied in the transaction that applied it, so it is applied once; a failure rolls the work back
 * and the change is tried again with backoff, then left for staff as a {@code not-applied}
 * conflict. Woken by each store on this node; looks every {@code inbound.poll-interval} for what
 * other nodes stored.
 */
@Component
class InboxWorker extends Worker {

  private static final Logger log = LoggerFactory.getLogger(InboxWorker.class);

  /** Who applies the EHR's changes, as the audit trail and "cancelled by" name it. */
  static final Actor EHR =
      new Actor(
          Actor.Kind.EHR,
          FhirConnectorProperties.SYSTEM,
          "EHR (FHIR)",
          Set.of(),
          Set.of(),
          null,
          null);

  private final FhirInbox inbox;
  private final EhrChanges changes;
  private final Conflicts conflicts;
  private final FhirConnectorProperties properties;
  private final Clock clock;
  private final TransactionTemplate transactions;
  private final TransactionTemplate savepoint;

  InboxWorker(
      FhirInbox inbox,
      EhrChanges changes,
      Conflicts conflicts,
      FhirConnectorProperties properties,
      Clock clock,
      PlatformTransactionManager transactions) {
    super("fhir-inbox", 1, properties.inbound().pollInterval());
    this.inbox = inbox;
    this.changes = changes;
    this.conflicts = conflicts;
    this.properties = properties;
    this.clock = clock;
    this.transactions = new TransactionTemplate(transactions);
    this.savepoint = new TransactionTemplate(transactions);
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
  }

  /** Applies every change due now, on the calling thread; returns how many were applied. */
  @Override
  public int drain() {
    int applied = 0;
    while (true) {
      Boolean done = asEhr(() -> transactions.execute(status -> applyNext()));
      if (done == null) {
        return applied;
      }
      if (done) {
        applied++;
      }
    }
  }

  /** True when a change was applied, false when one failed, null when none is due. */
  private Boolean applyNext() {
    var next = inbox.claimNext();
    if (next.isEmpty()) {
      return null;
    }
    FhirInbox.Item item = next.get();
    try {
      String outcome = savepoint.execute(nested -> changes.apply(item));
      inbox.applied(item.id(), outcome);
      return true;
    } catch (RuntimeException e) {
      int attempt = item.attempts() + 1;
      log.warn(
          "EHR change {} ({}/{}) failed, try {}: {}",
          item.id(),
          item.resourceType(),
          item.resourceId(),
          attempt,
          e.toString(),
          attempt == 1 ? e : null);
      if (attempt >= properties.inbound().attempts()) {
        inbox.applied(item.id(), "failed");
        conflicts.flag(
            new Flag(
                Conflict.NOT_APPLIED,
                null,
                null,
                item.resourceType(),
                item.resourceId(),
                item.versionId(),
                null,
                null,
                "This change from the EHR could not be applied after "
                    + attempt
                    + " tries: "
                    + e.getMessage()));
      } else {
        inbox.failed(item.id(), clock.instant().plus(backoff(attempt)), e.toString());
      }
      return false;
    }
  }

  /** 1 s doubling, capped at 10 minutes: 8 tries take about 4 minutes. */
  static Duration backoff(int attempt) {
    Duration wait = Duration.ofSeconds(1L << Math.min(Math.max(attempt - 1, 0), 16));
    return wait.compareTo(Duration.ofMinutes(10)) > 0 ? Duration.ofMinutes(10) : wait;
  }

  static <T> T asEhr(Supplier<T> work) {
    SecurityContext before = SecurityContextHolder.getContext();
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(
        UsernamePasswordAuthenticationToken.authenticated(EHR, null, List.of()));
    SecurityContextHolder.setContext(context);
    try {
      return work.get();
    } finally {
      SecurityContextHolder.setContext(before);
    }
  }

  /** Runs only while the connector is on. */
  @Override
  public synchronized void start() {
    if (properties.active()) {
      super.start();
    }
  }
}
