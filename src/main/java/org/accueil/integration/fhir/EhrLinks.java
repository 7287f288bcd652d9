package org.accueil.integration.fhir;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Our ids and the EHR's, one pair per record, under the system {@code fhir}: patients,
 * appointments, providers (the EHR's Practitioner), locations and appointment types (the EHR's
 * {@code system|code}).
 *
 * <p>The port the connector needs of {@code integration.mapping.IntegrationLinks}, built alongside
 * on the same table; the resource codes are {@code LinkedResource}'s. {@link JdbcEhrLinks} reads
 * the table until that is merged, and then becomes an adapter over it.
 */
public interface EhrLinks {

  String PATIENT = "patient";
  String APPOINTMENT = "appointment";
  String PROVIDER = "provider";
  String LOCATION = "location";
  String APPOINTMENT_TYPE = "appointment_type";

  /**
   * @param version the EHR's {@code meta.versionId} we last wrote or read, when it has one
   */
  record Link(
      String resource,
      UUID localId,
      String remoteId,
      @Nullable String version,
      Instant lastSynced) {}

  Optional<Link> byLocal(String resource, UUID localId);

  Optional<Link> byRemote(String resource, String remoteId);

  /**
   * Records the pair (replacing our record's previous link) and the version seen; false, with
   * nothing written, when the EHR's id is linked to another record of ours already.
   */
  boolean link(String resource, UUID localId, String remoteId, @Nullable String version);

  /** Forgets our record's link. */
  void unlink(String resource, UUID localId);
}
