package org.accueil.channels.whatsapp.web;

import io.swagger.v3.oas.annotations.Hidden;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.accueil.channels.ChannelInbox;
import org.accueil.channels.ChannelInbox.Receipt;
import org.accueil.channels.Inbound;
import org.accueil.channels.whatsapp.WebhookSignature;
import org.accueil.channels.whatsapp.WhatsAppSettings;
import org.accueil.channels.whatsapp.WhatsAppWebhookReader;
import org.accueil.channels.whatsapp.WhatsAppWebhookReader.Reading;
import org.accueil.platform.ProblemException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Meta's webhook: the handshake when the practice registers it, then every message and status. The
 * signature is checked on the raw bytes before anything is read, and what arrived is stored before
 * Meta gets its 200: Meta retries anything else for days, and the store drops redeliveries.
 */
@RestController
@RequestMapping("/channels/whatsapp/webhook")
@Hidden
class WhatsAppWebhookController {

  private static final Logger log = LoggerFactory.getLogger(WhatsAppWebhookController.class);

  private final WhatsAppSettings settings;
  private final WhatsAppWebhookReader reader;
  private final ChannelInbox inbox;

  WhatsAppWebhookController(
      WhatsAppSettings settings, WhatsAppWebhookReader reader, ChannelInbox inbox) {
    this.settings = settings;
    this.reader = reader;
    this.inbox = inbox;
  }

  /** Meta's verification request: echo the challenge when the token is ours. */
  @GetMapping
  ResponseEntity<String> verify(
      @RequestParam(name = "hub.mode", required = false) @Nullable String mode,
      @RequestParam(name = "hub.verify_token", required = false) @Nullable String token,
      @RequestParam(name = "hub.challenge", required = false) @Nullable String challenge) {
    String expected = settings.verifyToken();
    boolean ours =
        !expected.isEmpty()
            && token != null
            && MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
    if (!"subscribe".equals(mode) || !ours || challenge == null) {
      log.warn("WhatsApp webhook verification refused: wrong mode or verify token");
      throw ProblemException.of(HttpStatus.FORBIDDEN, "whatsapp-verification-refused")
          .detail(
              "The verify token is not the one configured for WhatsApp"
                  + " (accueil.channels.whatsapp.verify-token).")
          .build();
    }
    return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(challenge);
  }

  @PostMapping
  ResponseEntity<Void> receive(
      @RequestHeader(name = WebhookSignature.HEADER, required = false) @Nullable String signature,
      @RequestBody(required = false) byte @Nullable [] body) {
    byte[] raw = body == null ? new byte[0] : body;
    if (signature == null || signature.isBlank()) {
      log.warn("WhatsApp webhook call without {}; refused", WebhookSignature.HEADER);
      throw ProblemException.of(HttpStatus.UNAUTHORIZED, "whatsapp-signature-missing")
          .detail(
              "A WhatsApp webhook call must be signed: the X-Hub-Signature-256 header is missing.")
          .build();
    }
    if (!WebhookSignature.matches(settings.appSecret(), raw, signature)) {
      log.warn(
          settings.appSecret().isEmpty()
              ? "WhatsApp webhook call refused: accueil.channels.whatsapp.app-secret is not set"
              : "WhatsApp webhook call with a wrong signature; refused");
      throw ProblemException.of(HttpStatus.FORBIDDEN, "whatsapp-signature-invalid")
          .detail(
              "The X-Hub-Signature-256 header does not sign this body with the app secret"
                  + " configured for WhatsApp.")
          .build();
    }
    return switch (reader.read(raw, settings.phoneNumberId())) {
      case Reading.Unreadable unreadable -> {
        // Meta does not retry a 4xx: this call is lost, and the log is where it shows.
        log.error("Signed WhatsApp webhook call that is not Meta's JSON: {}", unreadable.reason());
        throw ProblemException.of(HttpStatus.BAD_REQUEST, "whatsapp-webhook-unreadable")
            .detail("The webhook body is not a WhatsApp notification: {0}.", unreadable.reason())
            .build();
      }
      case Reading.Items items -> {
        store(items.items());
        yield ResponseEntity.ok().build();
      }
    };
  }

  private void store(List<Inbound> items) {
    if (items.isEmpty()) {
      return;
    }
    List<Receipt> receipts = inbox.storeAll(items);
    long duplicates = receipts.stream().filter(r -> r == Receipt.DUPLICATE).count();
    if (duplicates > 0) {
      log.debug("WhatsApp redelivered {} of {} items; stored once", duplicates, items.size());
    }
  }
}
