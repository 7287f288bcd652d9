package org.accueil.conversations;

import java.time.Instant;
import java.util.UUID;
import org.accueil.patients.Channel;
import org.accueil.patients.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * A patient wrote or spoke: published in the transaction that put the message on the timeline. The
 * assistant answers it; until one does, the conversation waits for staff.
 *
 * @param patient null while the sender has not said who they are (a shared address)
 * @param urgent whether the message reads as an emergency (the conversation is then urgent)
 */
public record PatientMessageReceived(
    UUID conversation,
    @Nullable PatientId patient,
    UUID entry,
    Channel channel,
    Instant at,
    boolean urgent) {}
