package org.accueil.conversations;

import org.accueil.patients.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * The assistant handed a conversation over to staff: it waits for a person, urgent ones first.
 * Published in the transaction that handed it over. It carries no reason: the assistant's reason
 * may name a symptom ("red flag: chest pain"), and listeners outside the inbox must not see it.
 *
 * @param patient null while the sender on a shared address has not said who they are
 */
public record ConversationHandedOver(
    java.util.UUID conversation, @Nullable PatientId patient, boolean urgent) {}
