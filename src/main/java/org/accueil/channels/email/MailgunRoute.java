package org.accueil.channels.email;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.accueil.channels.ChannelInbox.Receipt;
import org.accueil.channels.ChannelSettings;
import org.accueil.patients.Channel;
import org.accueil.platform.ProblemException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Mail received through a Mailgun route ({@code
 * forward("https://<host>/channels/email/mailgun/mime")}): Mailgun posts the whole message as
 * {@code body-mime} (a route URL ending in {@code mime}), signed with {@code timestamp}, {@code
 * token} and {@code signature}. The signature is checked and the message stored, threaded as a mail
 * read from the mailbox, before the 200; Mailgun retries other answers for 8 hours, and stops on a
 * 406.
 */
@RestController
@EnableConfigurationProperties(MailgunProperties.class)
@Tag(name = "Channels")
class MailgunRoute {

  private static final Logger log = LoggerFactory.getLogger(MailgunRoute.class);

  private final MailgunProperties properties;
  private final ChannelSettings settings;
  private final MailSettings mail;
  private final Mailbox mailbox;
  private final Clock clock;

  MailgunRoute(
      MailgunProperties properties,
      ChannelSettings settings,
      MailSettings mail,
      Mailbox mailbox,
      Clock clock) {
    this.properties = properties;
    this.settings = settings;
    this.mail = mail;
    this.mailbox = mailbox;
    this.clock = clock;
  }

  @PostMapping(
      path = "/channels/email/mailgun/mime",
      consumes = {MediaType.APPLICATION_FORM_URLENCODED_VALUE, MediaType.MULTIPART_FORM_DATA_VALUE})
  @Operation(summary = "Mailgun's route: a received mail, signed by Mailgun")
  @Transactional
  ResponseEntity<Void> receive(
      @RequestParam(required = false) @Nullable String timestamp,
      @RequestParam(required = false) @Nullable String token,
      @RequestParam(required = false) @Nullable String signature,
      @RequestParam(name = "body-mime", required = false) @Nullable String bodyMime) {
    String key =
        settings.get(Channel.EMAIL, "mailgun.signing-key", orEmpty(properties.signingKey()));
    if (timestamp == null || token == null || signature == null) {
      throw refused(
          HttpStatus.UNAUTHORIZED,
          "mailgun-signature-missing",
          "The request carries no Mailgun signature (timestamp, token, signature).");
    }
    if (key.isEmpty() || !MailgunSignature.matches(key, timestamp, token, signature)) {
      throw refused(
          HttpStatus.FORBIDDEN,
          "mailgun-signature-invalid",
          "The Mailgun signature does not match the signing key configured for the practice.");
    }
    Instant now = clock.instant();
    if (!fresh(timestamp, now)) {
      throw refused(
          HttpStatus.FORBIDDEN,
          "mailgun-signature-stale",
          "The Mailgun signature is older than accepted: a replayed request is refused.");
    }
    if (bodyMime == null || bodyMime.isBlank()) {
      // 406 tells Mailgun to stop retrying: the route is not posting the raw message.
      throw refused(
          HttpStatus.NOT_ACCEPTABLE,
          "mailgun-body-mime-missing",
          "The request has no body-mime: the Mailgun route's URL must end in /mime.");
    }
    IncomingMail received;
    try {
      MimeMessage message =
          new MimeMessage(
              Session.getInstance(new Properties()),
              new ByteArrayInputStream(bodyMime.getBytes(StandardCharsets.UTF_8)));
      String replyDomain = mail.replyDomain();
      received = IncomingMail.read(message, replyDomain == null ? "" : replyDomain, now);
    } catch (MessagingException | IOException | RuntimeException e) {
      throw refused(
          HttpStatus.NOT_ACCEPTABLE,
          "mailgun-body-unreadable",
          "The message in body-mime could not be read as a mail.");
    }
    if (received.automatic() || received.from() == null) {
      log.info("Skipped an automatic mail {} from Mailgun", received.messageId());
      return ResponseEntity.ok().build();
    }
    Receipt receipt = mailbox.store(received, now);
    log.debug("Mailgun mail {}: {}", received.messageId(), receipt);
    return ResponseEntity.ok().build();
  }

  private boolean fresh(String timestamp, Instant now) {
    try {
      Instant signed = Instant.ofEpochSecond(Long.parseLong(timestamp.strip()));
      Duration age = Duration.between(signed, now).abs();
      return age.compareTo(properties.maxAge()) <= 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static String orEmpty(@Nullable String value) {
    return value == null ? "" : value;
  }

  private static ProblemException refused(HttpStatus status, String type, String detail) {
    return ProblemException.of(status, type).detail(detail).build();
  }
}
