package org.accueil.scheduling;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.accueil.patients.CareRelationships;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A patient is "booked with" a provider once they have had any appointment with them, cancelled
 * ones included: a clinician may need the record of a patient who cancelled. Holds have no patient.
 */
@Component
class ProviderPatients implements CareRelationships {

  private final JdbcClient jdbc;

  ProviderPatients(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Set<UUID> bookedWith(UUID provider, Collection<UUID> patients) {
    if (patients.isEmpty()) {
      return Set.of();
    }
    return new HashSet<>(
        jdbc.sql(
                """
                SELECT DISTINCT patient_id FROM appointment
                 WHERE provider_id = :provider AND patient_id = ANY(:patients)
                """)
            .param("provider", provider)
            .param("patients", patients.toArray(UUID[]::new))
            .query(UUID.class)
            .list());
  }
}
