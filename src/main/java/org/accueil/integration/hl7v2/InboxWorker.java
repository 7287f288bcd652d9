package org.accueil.integration.hl7v2;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.parser.Parser;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.accueil.integration.hl7v2.Hl7Inbox.Claimed;
import org.accueil.integration.hl7v2.Hl7Inbox.State;
import org.accueil.integration.hl7v2.SiuApplier.Outcome;
import org.accueil.platform.Actor;
import org.accueil.platform.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies stored messages to the schedule, one at a time per appointment and in order: it claims
 * the oldest pending message of a key ({@code FOR UPDATE SKIP LOCKED}), applies it and records the
 * outcome in the same transaction, so a crash leaves the message pending and nothing half done.
 * Workers on several nodes share the inbox; each takes messages of different appointments.
 */
final class InboxWorker {

  private static final Logger log = LoggerFactory.getLogger(InboxWorker.class);

  /** An unexpected failure (a bug, a deadlock) is tried this many times before it is set aside. */
  private static final int ATTEMPTS_ON_ERROR = 5;

  private final Hl7Inbox inbox;
  private final SiuApplier applier;
  private final Parser parser;
  private final TransactionTemplate transactions;
  private final TransactionTemplate savepoint;
  private final ApplicationEventPublisher events;
  private final Clock clock;
  private final Hl7v2Properties.Inbound settings;
  private final Semaphore wakeups = new Semaphore(0);
  private volatile boolean running;
  private Thread thread;

  InboxWorker(
      Hl7Inbox inbox,
      SiuApplier applier,
      Parser parser,
      PlatformTransactionManager transactionManager,
      ApplicationEventPublisher events,
      Clock clock,
      Hl7v2Properties.Inbound settings) {
    this.inbox = inbox;
    this.applier = applier;
    this.parser = parser;
    this.transactions = new TransactionTemplate(transactionManager);
    this.savepoint = new TransactionTemplate(transactionManager);
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    this.events = events;
    this.clock = clock;
    this.settings = settings;
  }

  synchronized void start() {
    running = true;
    thread = Thread.ofPlatform().daemon().name("hl7v2-inbox").start(this::run);
  }

  synchronized void stop() throws InterruptedException {
    running = false;
    if (thread != null) {
      thread.interrupt();
      thread.join(10_000);
    }
  }

  /** A message was stored: look now rather than at the next poll. */
  void wake() {
    wakeups.release();
  }

  private void run() {
    while (running) {
      try {
        while (running && applyNext()) {
          // next
        }
      } catch (RuntimeException e) {
        log.warn("HL7 v2 inbox pass failed; trying again in {}", settings.pollInterval(), e);
      }
      try {
        wakeups.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        wakeups.drainPermits();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * Applies the next message, if any.
   *
   * @return whether there was one
   */
  boolean applyNext() {
    Boolean applied =
        transactions.execute(
            tx -> {
              var claimed = inbox.claimNext();
              claimed.ifPresent(this::process);
              return claimed.isPresent();
            });
    return Boolean.TRUE.equals(applied);
  }

  private void process(Claimed claimed) {
    Instant now = clock.instant();
    Header header = Header.of(claimed.message());
    Siu siu;
    try {
      Message message = parser.parse(claimed.message());
      if (!(SiuReader.read(message, header) instanceof SiuReader.Read(Siu read))) {
        throw new HL7Exception("no longer readable");
      }
      siu = read;
    } catch (HL7Exception e) {
      // Read when it arrived, so only a change of Accueil's reader gets here.
      inbox.finish(
          claimed.id(), State.FAILED, null, "Could not be read again: " + e.getMessage(), now);
      return;
    }
    Outcome outcome;
    try {
      outcome =
          savepoint.execute(
              s -> {
                Outcome out =
                    asPeer(
                        claimed.sendingApplication(),
                        () ->
                            InboundApplication.run(
                                () ->
                                    applier.apply(
                                        siu,
                                        claimed.sendingApplication(),
                                        claimed.orderedAt(),
                                        claimed.attempts(),
                                        now)));
                if (!(out instanceof Outcome.Applied)) {
                  // Nothing of a message that was not applied stays (a patient registered for a
                  // booking whose time was taken).
                  s.setRollbackOnly();
                }
                return out;
              });
    } catch (NotApplicable e) {
      outcome = new Outcome.Failed(e.getMessage());
    } catch (ProblemException e) {
      outcome = new Outcome.Failed(SiuApplier.describe(e));
    } catch (RuntimeException e) {
      if (claimed.attempts() + 1 < ATTEMPTS_ON_ERROR) {
        log.warn("HL7 v2 message {} failed; it will be tried again", claimed.id(), e);
        inbox.postpone(claimed.id(), claimed.attempts() + 1, "Error: " + SiuApplier.describe(e));
        return;
      }
      log.error("HL7 v2 message {} failed {} times; set aside", claimed.id(), ATTEMPTS_ON_ERROR, e);
      outcome = new Outcome.Failed("Error: " + SiuApplier.describe(e));
    }
    record(claimed, siu, outcome, now);
  }

  private void record(Claimed claimed, Siu siu, Outcome outcome, Instant now) {
    switch (outcome) {
      case Outcome.Applied(UUID appointment, String note) ->
          inbox.finish(claimed.id(), State.APPLIED, appointment, note, now);
      case Outcome.Superseded(String note) ->
          inbox.finish(claimed.id(), State.SUPERSEDED, null, note, now);
      case Outcome.Ignored(String note) ->
          inbox.finish(claimed.id(), State.IGNORED, null, note, now);
      case Outcome.Postponed(String note) ->
          inbox.postpone(claimed.id(), claimed.attempts() + 1, note);
      case Outcome.Failed(String reason) -> {
        inbox.finish(claimed.id(), State.FAILED, null, reason, now);
        log.warn(
            "HL7 v2 {} {} from {} not applied, kept for staff (inbox {}): {}",
            siu.event(),
            siu.fillerId(),
            claimed.sendingApplication(),
            claimed.id(),
            reason);
        events.publishEvent(
            new Hl7MessageNotApplied(
                claimed.id(),
                claimed.sendingApplication(),
                siu.event(),
                siu.fillerId(),
                null,
                reason));
      }
    }
  }

  /** The peer acts, as the audit trail and "created by" should say: the EHR, not Accueil. */
  private static <T> T asPeer(String app, Supplier<T> work) {
    SecurityContext before = SecurityContextHolder.getContext();
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    Actor peer = new Actor(Actor.Kind.EHR, "hl7v2:" + app, app, Set.of(), Set.of(), null, null);
    context.setAuthentication(
        UsernamePasswordAuthenticationToken.authenticated(peer, null, List.of()));
    SecurityContextHolder.setContext(context);
    try {
      return work.get();
    } finally {
      SecurityContextHolder.setContext(before);
    }
  }
}
