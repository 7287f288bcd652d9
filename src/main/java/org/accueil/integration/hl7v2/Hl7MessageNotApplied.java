package org.accueil.integration.hl7v2;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Published when a peer's message was received and acknowledged but could not be applied (the time
 * is taken here, a provider is not mapped): the message is kept, failed, for staff to resolve.
 *
 * @param inboxId the row of {@code hl7v2_inbox}
 * @param fillerId the peer's appointment or block id (SCH-2)
 * @param appointment ours, when the message was about one we know
 */
public record Hl7MessageNotApplied(
    long inboxId,
    String sendingApplication,
    String event,
    String fillerId,
    @Nullable UUID appointment,
    String reason) {}
