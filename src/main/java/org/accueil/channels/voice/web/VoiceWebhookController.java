package org.accueil.channels.voice.web;

import jakarta.servlet.http.HttpServletRequest;
import org.accueil.channels.twilio.TwilioWebhooks;
import org.accueil.channels.twilio.Twiml;
import org.accueil.channels.voice.VoiceCalls;
import org.accueil.platform.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Twilio's voice webhooks, each signed; each answers TwiML once its work is committed. */
@RestController
@RequestMapping(VoiceCalls.PATH)
class VoiceWebhookController {

  private final TwilioWebhooks webhooks;
  private final VoiceCalls calls;

  VoiceWebhookController(TwilioWebhooks webhooks, VoiceCalls calls) {
    this.webhooks = webhooks;
    this.calls = calls;
  }

  /** A patient calls the practice's Twilio number. */
  @PostMapping
  ResponseEntity<String> incoming(HttpServletRequest request) {
    return twiml(calls.incoming(webhooks.verify(request)));
  }

  /** What the caller said, the {@code <Gather>}'s action. */
  @PostMapping("/gather")
  ResponseEntity<String> gather(
      HttpServletRequest request, @RequestParam(defaultValue = "1") String turn) {
    var form = webhooks.verify(request);
    return twiml(calls.turn(form, turnNumber(turn)));
  }

  /** How ringing the practice's line went, the {@code <Dial>}'s action. */
  @PostMapping("/dial-done")
  ResponseEntity<String> dialDone(HttpServletRequest request) {
    return twiml(calls.transferEnded(webhooks.verify(request)));
  }

  /** The call's status callback, set on the number. */
  @PostMapping("/status")
  ResponseEntity<String> status(HttpServletRequest request) {
    calls.statusChanged(webhooks.verify(request));
    return twiml(Twiml.empty());
  }

  private static int turnNumber(String turn) {
    try {
      int n = Integer.parseInt(turn);
      if (n >= 1 && n <= 10_000) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ProblemException.of(HttpStatus.BAD_REQUEST, "twilio-parameter-missing")
        .detail("The Twilio request has no {0} parameter.", "turn")
        .with("parameter", "turn")
        .build();
  }

  private static ResponseEntity<String> twiml(String twiml) {
    return ResponseEntity.ok().header("Content-Type", Twiml.CONTENT_TYPE).body(twiml);
  }
}
