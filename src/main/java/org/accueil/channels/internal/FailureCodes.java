package org.accueil.channels.internal;

import org.accueil.channels.DeliveryChanged.Fallback;
import org.accueil.patients.Channel;
import org.jspecify.annotations.Nullable;

/** What a provider's error code on a failed message says to try next. */
final class FailureCodes {

  private FailureCodes() {}

  static Fallback fallbackFor(Channel channel, @Nullable String code) {
    if (code == null) {
      return Fallback.NONE;
    }
    return switch (channel) {
      // Meta: 131047 re-engagement (outside the 24-hour window); 131026 undeliverable (not on
      // WhatsApp, terms not accepted, an old client).
      case WHATSAPP ->
          switch (code) {
            case "131047" -> Fallback.TEMPLATE;
            case "131026" -> Fallback.OTHER_CHANNEL;
            default -> Fallback.NONE;
          };
      // Twilio: 21610 the number replied STOP; 30003 unreachable; 30005 unknown number; 30006
      // landline or unreachable carrier.
      case SMS ->
          switch (code) {
            case "30003", "30005", "30006" -> Fallback.OTHER_CHANNEL;
            default -> Fallback.NONE;
          };
      default -> Fallback.NONE;
    };
  }
}
