package org.accueil.channels.internal;

import java.time.Clock;
import org.accueil.channels.CallSummary;
import org.accueil.channels.ChannelsProperties;
import org.accueil.channels.DeliveryUpdate;
import org.accueil.channels.InboundHandler;
import org.accueil.channels.InboundMessage;
import org.accueil.platform.Worker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hands what was stored to the conversations, one item per transaction: the item is marked handled
 * in the transaction that handled it, so it is handled once; a failure rolls both back and the item
 * is tried again later, with backoff. Nothing is ever dropped: an item that keeps failing stays
 * stored, is retried every hour and shows in {@code ChannelInbox#pending}.
 */
@Component
public class InboundDispatcher extends Worker {

  private static final Logger log = LoggerFactory.getLogger(InboundDispatcher.class);

  private final InboundStore store;
  private final ObjectProvider<InboundHandler> handler;
  private final DeliveryReports deliveries;
  private final TransactionTemplate transactions;
  private final TransactionTemplate savepoint;
  private final ChannelsProperties properties;
  private final Clock clock;

  InboundDispatcher(
      InboundStore store,
      ObjectProvider<InboundHandler> handler,
      DeliveryReports deliveries,
      PlatformTransactionManager transactions,
      ChannelsProperties properties,
      Clock clock) {
    super("channel-inbound", properties.workers(), properties.pollInterval());
    this.store = store;
    this.handler = handler;
    this.deliveries = deliveries;
    this.transactions = new TransactionTemplate(transactions);
    this.savepoint = new TransactionTemplate(transactions);
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    this.properties = properties;
    this.clock = clock;
  }

  /** Handles every item due now; returns how many were handled. */
  @Override
  public int drain() {
    int handled = 0;
    while (true) {
      Boolean more = transactions.execute(status -> handleNext());
      if (more == null) {
        return handled;
      }
      if (more) {
        handled++;
      }
    }
  }

  /**
   * @return true when an item was handled, false when one failed, null when none is due
   */
  private Boolean handleNext() {
    var next = store.claimNext();
    if (next.isEmpty()) {
      return null;
    }
    InboundStore.Stored stored = next.get();
    try {
      savepoint.executeWithoutResult(
          nested -> {
            switch (stored.item()) {
              case InboundMessage m -> handler.getObject().handle(m);
              case CallSummary c -> handler.getObject().handle(c);
              case DeliveryUpdate d -> deliveries.apply(d, stored.attempts());
            }
          });
      store.handled(stored.id());
      return true;
    } catch (RuntimeException e) {
      // The handler's work is rolled back to the savepoint; the row stays claimed by this
      // transaction while its failure is recorded, so no other worker takes it meanwhile.
      int attempt = stored.attempts() + 1;
      log.warn(
          "Inbound item {} ({}) failed, try {}: {}",
          stored.id(),
          stored.item().channel().code(),
          attempt,
          e.toString(),
          attempt == 1 ? e : null);
      store.failed(stored.id(), clock.instant().plus(properties.backoff(attempt)), e.toString());
      return false;
    }
  }
}
