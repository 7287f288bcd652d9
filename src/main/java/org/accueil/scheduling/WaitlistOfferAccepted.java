package org.accueil.scheduling;

import java.util.UUID;

/**
 * The patient took the offered time: {@code appointment} is the new booking, or their earlier
 * appointment moved into that time. {@link AppointmentBooked} or {@link AppointmentRescheduled} is
 * published alongside.
 */
public record WaitlistOfferAccepted(UUID offer, AppointmentId appointment) {}
