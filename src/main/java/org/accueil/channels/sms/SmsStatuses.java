package org.accueil.channels.sms;

import java.util.Optional;
import org.accueil.channels.DeliveryStatus;

/**
 * Twilio's {@code MessageStatus} values as delivery statuses
 * (https://www.twilio.com/docs/messaging/guides/outbound-message-status-in-status-callbacks).
 */
final class SmsStatuses {

  private SmsStatuses() {}

  static Optional<DeliveryStatus> of(String messageStatus) {
    return switch (messageStatus) {
      // Twilio has it, and is passing it on to the carrier.
      case "accepted", "scheduled", "queued", "sending", "sent" -> Optional.of(DeliveryStatus.SENT);
      case "delivered" -> Optional.of(DeliveryStatus.DELIVERED);
      case "read" -> Optional.of(DeliveryStatus.READ);
      // A scheduled message canceled will not go: as failed, so its sender may try another way.
      case "undelivered", "failed", "canceled" -> Optional.of(DeliveryStatus.FAILED);
      default -> Optional.empty();
    };
  }
}
