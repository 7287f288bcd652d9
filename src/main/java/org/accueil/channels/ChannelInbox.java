package org.accueil.channels;

import java.util.List;
import org.accueil.channels.internal.InboundDispatcher;
import org.accueil.channels.internal.InboundStore;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Where every adapter puts what its provider delivered, before it answers the provider. A webhook
 * that answered 2xx has its items committed here; the dispatcher then hands them on, at once and
 * again after a crash. Chatwoot answers Meta 200 before storing and loses messages when its queue
 * stalls; this is the other way round.
 */
@Service
public class ChannelInbox {

  private final InboundStore store;
  private final InboundDispatcher dispatcher;

  ChannelInbox(InboundStore store, InboundDispatcher dispatcher) {
    this.store = store;
    this.dispatcher = dispatcher;
  }

  /** What storing one item did. */
  public enum Receipt {
    STORED,
    /** The provider delivered it before; nothing was written. */
    DUPLICATE
  }

  /** Stores one item; {@link Receipt#DUPLICATE} when its provider key is known. */
  @Transactional
  public Receipt store(Inbound item) {
    return storeAll(List.of(item)).getFirst();
  }

  /** Stores a webhook's items together: all of them, or (on an error) none. */
  @Transactional
  public List<Receipt> storeAll(List<? extends Inbound> items) {
    List<Receipt> receipts =
        items.stream().map(i -> store.insert(i) ? Receipt.STORED : Receipt.DUPLICATE).toList();
    if (receipts.contains(Receipt.STORED)
        && TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              dispatcher.wake();
            }
          });
    }
    return receipts;
  }

  /**
   * Handles what is stored and due now, on the calling thread, and returns how many items were
   * handled. For a channel that answers within the same request (a phone call's next words), and
   * for tests.
   */
  public int handlePending() {
    return dispatcher.drain();
  }

  /**
   * Forgets what providers delivered under these keys (a patient's erasure): the raw copies go; a
   * redelivery of one of them afterwards would be stored again, as new.
   */
  @Transactional
  public int forget(org.accueil.patients.Channel channel, java.util.Collection<String> keys) {
    return store.forget(channel, keys);
  }

  /** How many stored items wait to be handled: the backlog a health check can watch. */
  public long pending() {
    return store.pending();
  }
}
