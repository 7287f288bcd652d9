package org.accueil.channels.whatsapp;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.accueil.channels.DeliveryStatus;
import org.accueil.channels.DeliveryUpdate;
import org.accueil.channels.Inbound;
import org.accueil.channels.InboundMessage;
import org.accueil.channels.InboundMessage.Attachment;
import org.accueil.patients.Channel;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a webhook call of Meta's into what the channels store: messages patients sent and reports
 * on messages we sent. Only the {@code messages} field of our own business number is taken; a
 * message of a type Accueil does not show (a location, a reaction) is kept, without text, never
 * dropped. Never logs what patients wrote.
 */
@Component
public class WhatsAppWebhookReader {

  private static final Logger log = LoggerFactory.getLogger(WhatsAppWebhookReader.class);

  /** Media a message may carry, by the type's name, which is also its object's name. */
  private static final List<String> MEDIA =
      List.of("image", "document", "audio", "video", "sticker");

  private final JsonMapper json;
  private final Clock clock;

  WhatsAppWebhookReader(JsonMapper json, Clock clock) {
    this.json = json;
    this.clock = clock;
  }

  /** What a webhook call's body said. */
  public sealed interface Reading {
    record Items(List<Inbound> items) implements Reading {}

    /** Not Meta's JSON: nothing of it can be trusted to be complete. */
    record Unreadable(String reason) implements Reading {}
  }

  /**
   * @param phoneNumberId our business number's id: changes about other numbers are skipped
   */
  public Reading read(byte[] body, String phoneNumberId) {
    JsonNode root;
    try {
      root = json.readTree(body);
    } catch (JacksonException e) {
      return new Reading.Unreadable("not JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject() || !root.path("entry").isArray()) {
      return new Reading.Unreadable("not a webhook notification: no entry array");
    }
    List<Inbound> items = new ArrayList<>();
    for (JsonNode entry : root.path("entry")) {
      for (JsonNode change : entry.path("changes")) {
        if (!"messages".equals(change.path("field").asString(""))) {
          continue;
        }
        JsonNode value = change.path("value");
        String number = value.path("metadata").path("phone_number_id").asString("");
        if (phoneNumberId.isEmpty() || !number.equals(phoneNumberId)) {
          log.warn("WhatsApp webhook change for a business number that is not ours; skipped");
          continue;
        }
        Map<String, String> names = names(value.path("contacts"));
        for (JsonNode message : value.path("messages")) {
          message(message, names).ifPresent(items::add);
        }
        for (JsonNode status : value.path("statuses")) {
          status(status).ifPresent(items::add);
        }
      }
    }
    return new Reading.Items(items);
  }

  /** Profile names by {@code wa_id} and by {@code user_id} (BSUID). */
  private static Map<String, String> names(JsonNode contacts) {
    Map<String, String> names = new HashMap<>();
    for (JsonNode contact : contacts) {
      String name = text(contact.path("profile").path("name"));
      if (name == null) {
        continue;
      }
      for (String id : new String[] {text(contact.path("wa_id")), text(contact.path("user_id"))}) {
        if (id != null) {
          names.put(id, name);
        }
      }
    }
    return names;
  }

  private Optional<Inbound> message(JsonNode message, Map<String, String> names) {
    String wamid = text(message.path("id"));
    String phone = text(message.path("from"));
    // 2026: a user with a username may come with a business-scoped user id and no phone number.
    String from = phone != null ? address(phone) : text(message.path("from_user_id"));
    if (wamid == null || from == null) {
      log.warn("WhatsApp message without an id or a sender; it cannot be stored");
      return Optional.empty();
    }
    String senderName =
        names.getOrDefault(
            phone != null ? phone : from,
            names.size() == 1 ? names.values().iterator().next() : null);
    String type = message.path("type").asString("");
    String text = null;
    String choice = null;
    List<Attachment> attachments = new ArrayList<>();
    switch (type) {
      case "text" -> text = text(message.path("text").path("body"));
      case "interactive" -> {
        JsonNode interactive = message.path("interactive");
        JsonNode reply = interactive.path(interactive.path("type").asString(""));
        if (reply.isObject()) { // button_reply, list_reply
          choice = text(reply.path("id"));
          text = text(reply.path("title"));
        }
      }
      // A tap on a template's quick-reply button.
      case "button" -> {
        choice = text(message.path("button").path("payload"));
        text = text(message.path("button").path("text"));
      }
      default -> {
        if (MEDIA.contains(type)) {
          JsonNode media = message.path(type);
          String id = text(media.path("id"));
          if (id != null) {
            String mime = text(media.path("mime_type"));
            attachments.add(
                new Attachment(
                    mime == null ? "application/octet-stream" : mime,
                    text(media.path("filename")),
                    id));
          }
          text = text(media.path("caption"));
        }
      }
    }
    return Optional.of(
        new InboundMessage(
            Channel.WHATSAPP,
            wamid,
            from,
            senderName,
            text,
            choice,
            attachments,
            instant(message.path("timestamp")),
            null,
            null,
            null));
  }

  private Optional<Inbound> status(JsonNode status) {
    String wamid = text(status.path("id"));
    DeliveryStatus delivery =
        switch (status.path("status").asString("")) {
          case "sent" -> DeliveryStatus.SENT;
          case "delivered" -> DeliveryStatus.DELIVERED;
          // A voice message listened to: as far as the practice cares, read.
          case "read", "played" -> DeliveryStatus.READ;
          case "failed" -> DeliveryStatus.FAILED;
          default -> null;
        };
    if (wamid == null || delivery == null) {
      log.info("WhatsApp status {} not understood; skipped", status.path("status").asString(""));
      return Optional.empty();
    }
    JsonNode error = status.path("errors").path(0);
    return Optional.of(
        new DeliveryUpdate(
            Channel.WHATSAPP,
            wamid,
            delivery,
            instant(status.path("timestamp")),
            error.has("code") ? error.path("code").asString() : null,
            text(error.path("title"))));
  }

  /** Meta writes numbers as digits without the {@code +}; Accueil keeps them in E.164. */
  private static String address(String phone) {
    return phone.chars().allMatch(Character::isDigit) ? "+" + phone : phone;
  }

  private Instant instant(JsonNode timestamp) {
    try {
      return Instant.ofEpochSecond(Long.parseLong(timestamp.asString("")));
    } catch (NumberFormatException e) {
      return clock.instant();
    }
  }

  private static @Nullable String text(JsonNode node) {
    if (node.isMissingNode() || node.isNull() || node.isContainer()) {
      return null;
    }
    String text = node.asString();
    return text.isEmpty() ? null : text;
  }
}
