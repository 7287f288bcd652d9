package org.accueil.channels.internal;

import java.util.Optional;
import java.util.UUID;
import org.accueil.channels.DeliveryStatus;
import org.accueil.channels.OutboundMessage;
import org.springframework.stereotype.Component;

/** The outbound table as the channels' front door sees it. */
@Component
public class OutboundQueue {

  private final OutboundStore store;

  OutboundQueue(OutboundStore store) {
    this.store = store;
  }

  public boolean insert(OutboundMessage message) {
    return store.insert(message);
  }

  public int forget(java.util.Collection<UUID> references) {
    return store.forget(references);
  }

  public Optional<DeliveryStatus> statusOf(UUID reference) {
    return store.statusOf(reference);
  }
}
