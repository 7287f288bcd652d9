package org.accueil.conversations;

import java.time.Instant;
import java.util.UUID;
import org.accueil.patients.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * Staff resolved a conversation (its request is dealt with): published in the resolving
 * transaction, for what follows an episode's end (the satisfaction question). {@link
 * ConversationChanged} says the same of every state change, from wherever it comes.
 *
 * @param patient null for a sender nobody has identified
 * @param urgent whether it was urgent when resolved (an emergency, distress): nobody asks such a
 *     patient to rate the practice
 */
public record ConversationResolved(
    UUID conversation, @Nullable PatientId patient, Instant at, boolean urgent) {}
