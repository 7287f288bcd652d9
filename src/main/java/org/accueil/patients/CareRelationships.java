package org.accueil.patients;

import java.util.Collection;
import java.util.Set;
import java.util.UUID;

/**
 * Which patients are booked with a provider: what a clinician may see of the registry. Scheduling
 * knows the appointments and implements it; the registry only asks.
 */
public interface CareRelationships {

  /** The subset of {@code patients} who have (or had) an appointment with {@code provider}. */
  Set<UUID> bookedWith(UUID provider, Collection<UUID> patients);
}
