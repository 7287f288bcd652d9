package org.accueil.integration.fhir;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Our ids and the EHR's, one pair per resource: Patient (our patient), Practitioner (our provider),
 * Location, Appointment, AppointmentType (the EHR's {@code system|code}), Schedule (our provider)
 * and Slot (the time off it became).
 *
 * <p>The minimal port the connector needs of {@code integration.mapping}'s {@code
 * IntegrationLinks}, which is built alongside; {@link JdbcEhrLinks} reads the same table until it
 * is merged, and then becomes an adapter over it.
 */
public interface EhrLinks {

  /**
   * @param version the EHR's {@code meta.versionId} we last wrote or read, when it has one
   */
  record Link(
      String resourceType,
      UUID localId,
      String remoteId,
      @Nullable String version,
      Instant lastSynced) {}

  Optional<Link> byLocal(String resourceType, UUID localId);

  Optional<Link> byRemote(String resourceType, String remoteId);

  /** Records the pair (replacing what either side was linked to) and the version seen. */
  void link(String resourceType, UUID localId, String remoteId, @Nullable String version);

  /** Forgets the pair of this local id. */
  void unlink(String resourceType, UUID localId);
}
