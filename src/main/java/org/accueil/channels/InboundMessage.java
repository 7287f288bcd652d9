package org.accueil.channels;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.accueil.patients.Channel;
import org.jspecify.annotations.Nullable;

/**
 * A message a patient sent, as its adapter understood the provider's payload.
 *
 * @param providerId the provider's id of the message (wamid, MessageSid, Message-ID, the call's
 *     CallSid and turn, the web chat client's message id)
 * @param from the sender's address: a phone number (E.164 or as the provider writes it), an e-mail
 *     address, a web chat visitor token
 * @param senderName the name the provider shows (a WhatsApp profile name, an e-mail display name);
 *     never proof of who writes
 * @param text what they wrote or said, null for an attachment alone
 * @param choice the id of the reply button or list row they tapped, if they tapped one
 * @param sentAt when the provider says it was sent
 * @param thread the conversation token the message answers (an e-mail reply address, a web chat
 *     conversation), if the channel carries one
 * @param verifiedPatient for web chat, the practice site's identifier of a signed-in patient whose
 *     HMAC was checked; null otherwise
 * @param language the language the channel already knows (a call's language), if any
 */
public record InboundMessage(
    Channel channel,
    String providerId,
    String from,
    @Nullable String senderName,
    @Nullable String text,
    @Nullable String choice,
    List<Attachment> attachments,
    Instant sentAt,
    @Nullable String thread,
    @Nullable String verifiedPatient,
    @Nullable Locale language)
    implements Inbound {

  public InboundMessage {
    attachments = List.copyOf(attachments);
  }

  /** A plain text message, the common case. */
  public static InboundMessage text(
      Channel channel, String providerId, String from, String text, Instant sentAt) {
    return new InboundMessage(
        channel, providerId, from, null, text, null, List.of(), sentAt, null, null, null);
  }

  @Override
  public String deduplicationKey() {
    return providerId;
  }

  /**
   * A file the patient sent, kept at the provider until fetched.
   *
   * @param reference the provider's media id or URL
   */
  public record Attachment(String contentType, @Nullable String name, String reference) {}
}
