package org.accueil.scheduling;

import java.util.UUID;

/**
 * An offer closed without being accepted; the time passes to the next patient waiting.
 *
 * @param why {@code expired}, {@code declined} or {@code withdrawn} (the patient left the list)
 */
public record WaitlistOfferLapsed(UUID offer, String why) {}
