package org.accueil.channels.sms.web;

import jakarta.servlet.http.HttpServletRequest;
import org.accueil.channels.sms.SmsInbox;
import org.accueil.channels.twilio.TwilioWebhooks;
import org.accueil.channels.twilio.Twiml;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Twilio's SMS webhooks. Each answers 200 only once what it delivered is committed: a failure
 * answers 5xx, and what Twilio sends again is stored once.
 */
@RestController
@RequestMapping("/channels/twilio/sms")
class SmsWebhookController {

  private final TwilioWebhooks webhooks;
  private final SmsInbox inbox;

  SmsWebhookController(TwilioWebhooks webhooks, SmsInbox inbox) {
    this.webhooks = webhooks;
    this.inbox = inbox;
  }

  /** A patient's text (https://www.twilio.com/docs/messaging/guides/webhook-request). */
  @PostMapping
  ResponseEntity<String> received(HttpServletRequest request) {
    String twiml = inbox.receive(webhooks.verify(request));
    return ResponseEntity.ok().header("Content-Type", Twiml.CONTENT_TYPE).body(twiml);
  }

  /** What became of a message we sent: its {@code StatusCallback}. */
  @PostMapping("/status")
  ResponseEntity<String> status(HttpServletRequest request) {
    inbox.report(webhooks.verify(request));
    return ResponseEntity.ok().header("Content-Type", Twiml.CONTENT_TYPE).body(Twiml.empty());
  }
}
