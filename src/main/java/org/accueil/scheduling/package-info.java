/**
 * The system of record for appointments: free slots ({@link org.accueil.scheduling.Availability}),
 * holds, booking, rescheduling, cancelling and the visit's progress ({@link
 * org.accueil.scheduling.Appointments}). The database guarantees that no provider, room or patient
 * is ever booked twice at once; the rules live in {@code model}, free of Spring.
 */
@ApplicationModule(
    displayName = "Scheduling",
    allowedDependencies = {"platform", "practice", "patients", "security"})
@NullMarked
package org.accueil.scheduling;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
