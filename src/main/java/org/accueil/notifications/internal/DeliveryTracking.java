package org.accueil.notifications.internal;

import java.time.Clock;
import java.util.UUID;
import org.accueil.conversations.MessageDeliveryChanged;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** What the channels said of each notification sent: the delivery and failure rates count it. */
@Component
class DeliveryTracking {

  private final NotificationStore store;
  private final Clock clock;

  DeliveryTracking(NotificationStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  @EventListener
  void on(MessageDeliveryChanged change) {
    if (!(change.data().get("notification") instanceof String id)) {
      return;
    }
    var now = clock.instant();
    store.attemptChanged(change.entry(), change.status().code(), change.error(), now);
    if (change.resentAs() != null && change.resentAs().channel() != null) {
      UUID notification = UUID.fromString(id);
      store.attempt(
          notification, change.resentAs().id(), change.resentAs().channel(), "queued", now);
      store.resentOn(notification, change.resentAs().channel(), now);
    }
  }
}
