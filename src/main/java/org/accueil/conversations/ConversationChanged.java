package org.accueil.conversations;

import java.util.UUID;

/**
 * A conversation's state, priority or assignment changed (staff, the assistant or the patient):
 * published in the transaction that changed it.
 */
public record ConversationChanged(UUID conversation, ConversationState state, Priority priority) {}
