package org.accueil.conversations;

import java.time.Instant;
import java.util.UUID;
import org.accueil.patients.Channel;
import org.accueil.patients.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * A patient's one conversation with the practice, whatever the channel.
 *
 * @param patient null only while the sender on a shared address has not said who they are
 * @param assignee the staff member's reference ({@code user:<id>}) who has it in hand
 * @param lastChannel where the patient last wrote: the default channel of a reply
 * @param whatsappWindowUntil until when WhatsApp accepts free text (24 hours after the patient's
 *     last WhatsApp message); null when it never opened
 * @param lastSeq the newest timeline entry's sequence number
 */
public record Conversation(
    UUID id,
    @Nullable PatientId patient,
    ConversationState state,
    Priority priority,
    @Nullable String assignee,
    @Nullable Instant snoozedUntil,
    @Nullable Channel lastChannel,
    @Nullable Instant lastInboundAt,
    @Nullable Instant whatsappWindowUntil,
    @Nullable Instant lastEntryAt,
    long lastSeq,
    Instant createdAt) {

  /** Whether WhatsApp takes a free-text message now, or only an approved template. */
  public boolean whatsappWindowOpen(Instant now) {
    return whatsappWindowUntil != null && now.isBefore(whatsappWindowUntil);
  }
}
