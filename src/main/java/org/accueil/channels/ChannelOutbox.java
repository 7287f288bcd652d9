package org.accueil.channels;

import java.util.Optional;
import java.util.UUID;
import org.accueil.channels.internal.OutboundDispatcher;
import org.accueil.channels.internal.OutboundQueue;
import org.accueil.patients.Channel;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Where a message to send is queued, in the transaction that decided to send it: it goes out once
 * that commits, is retried with backoff while the provider is away, and its fate comes back as
 * {@link DeliveryChanged}. Callers check consent ({@code Consents#permits}) before they enqueue.
 */
@Service
public class ChannelOutbox {

  private final OutboundQueue queue;
  private final OutboundDispatcher dispatcher;

  ChannelOutbox(OutboundQueue queue, OutboundDispatcher dispatcher) {
    this.queue = queue;
    this.dispatcher = dispatcher;
  }

  /**
   * Queues the message, once per {@link OutboundMessage#reference()}.
   *
   * @return false when that reference was queued before
   */
  @Transactional(propagation = Propagation.REQUIRED)
  public boolean enqueue(OutboundMessage message) {
    boolean queued = queue.insert(message);
    if (queued && TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              dispatcher.wake();
            }
          });
    }
    return queued;
  }

  /** Whether the channel is configured to send (its provider's credentials are set). */
  public boolean canSend(Channel channel) {
    return dispatcher.sends(channel);
  }

  /** Where the message is, as far as we know. */
  public Optional<DeliveryStatus> statusOf(UUID reference) {
    return queue.statusOf(reference);
  }

  /** Forgets these messages (a patient's erasure): whatever was still queued is not sent. */
  @Transactional
  public int forget(java.util.Collection<UUID> references) {
    return queue.forget(references);
  }

  /** Sends what is due now, on the calling thread; returns how many were tried. For tests. */
  public int sendPending() {
    return dispatcher.drain();
  }
}
