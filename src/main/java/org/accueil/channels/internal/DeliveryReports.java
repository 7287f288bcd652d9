package org.accueil.channels.internal;

import org.accueil.channels.DeliveryChanged;
import org.accueil.channels.DeliveryStatus;
import org.accueil.channels.DeliveryUpdate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/** Applies a provider's delivery report to the message it is about, forward only. */
@Component
class DeliveryReports {

  private static final Logger log = LoggerFactory.getLogger(DeliveryReports.class);

  /** Tries before a report about a message we cannot find is let go: about 4 minutes. */
  private static final int UNKNOWN_MESSAGE_TRIES = 4;

  private final OutboundStore outbound;
  private final ApplicationEventPublisher events;

  DeliveryReports(OutboundStore outbound, ApplicationEventPublisher events) {
    this.outbound = outbound;
    this.events = events;
  }

  void apply(DeliveryUpdate report, int attempts) {
    var sent = outbound.sentByProviderId(report.channel(), report.providerId());
    if (sent.isEmpty()) {
      if (attempts < UNKNOWN_MESSAGE_TRIES) {
        // The report can outrun the provider's answer to our send, whose id is not yet stored:
        // fail this try so the dispatcher comes back to it.
        throw new IllegalStateException("No message sent with this provider id yet");
      }
      // Sent from outside Accueil (the WhatsApp Business app on the same number): not ours.
      log.info("Delivery report on {} for a message Accueil did not send", report.channel());
      return;
    }
    OutboundStore.Sent message = sent.get();
    if (!message.status().canMoveTo(report.status())) {
      // 0 rows to change: an older report arrived after a newer one; the newer one stands.
      return;
    }
    outbound.moveTo(message.id(), report.status(), report.errorCode(), report.errorTitle());
    events.publishEvent(
        new DeliveryChanged(
            message.reference(),
            report.channel(),
            report.status(),
            report.at(),
            report.errorCode(),
            report.errorTitle(),
            report.status() == DeliveryStatus.FAILED
                ? FailureCodes.fallbackFor(report.channel(), report.errorCode())
                : DeliveryChanged.Fallback.NONE));
  }
}
