package org.accueil.conversations;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.accueil.channels.DeliveryStatus;
import org.accueil.channels.InboundMessage.Attachment;
import org.accueil.channels.OutboundContent.Choice;
import org.accueil.patients.Channel;
import org.jspecify.annotations.Nullable;

/**
 * One entry of a patient's timeline.
 *
 * @param seq its place in the conversation (entries are shown by {@code at}, then {@code seq})
 * @param channel for messages, where it was written
 * @param direction for messages, {@code inbound} (from the patient) or {@code outbound}
 * @param authorRef the staff member's reference for staff messages and notes
 * @param event for events, what happened: {@code appointment.booked}, {@code call.summary}…
 * @param data for events, their ids and facts (never clinical text)
 * @param choices for outbound messages, the buttons offered
 * @param delivery for outbound messages, where they are
 */
public record TimelineEntry(
    UUID id,
    UUID conversation,
    long seq,
    Instant at,
    Kind kind,
    @Nullable Channel channel,
    @Nullable Direction direction,
    Author author,
    @Nullable String authorRef,
    @Nullable String text,
    @Nullable String event,
    Map<String, Object> data,
    List<Attachment> attachments,
    List<Choice> choices,
    @Nullable DeliveryStatus delivery,
    @Nullable String deliveryError) {

  public enum Kind {
    MESSAGE,
    EVENT,
    NOTE;

    @JsonValue
    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public enum Direction {
    INBOUND,
    OUTBOUND;

    @JsonValue
    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
