package org.accueil.integration.fhir;

import java.util.Optional;
import java.util.UUID;
import org.accueil.integration.mapping.IntegrationLink;
import org.accueil.integration.mapping.IntegrationLinks;
import org.accueil.integration.mapping.LinkResult;
import org.accueil.integration.mapping.LinkedResource;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Our ids and the EHR's ({@link IntegrationLinks} under the system {@code fhir}): patients and
 * appointments linked as the connector writes and reads them, providers (the EHR's Practitioner),
 * locations and appointment types (the EHR's {@code system|code}) mapped by an administrator or,
 * for a test EHR, as the connector creates them.
 */
@Component
class EhrLinks {

  static final LinkedResource PATIENT = LinkedResource.PATIENT;
  static final LinkedResource APPOINTMENT = LinkedResource.APPOINTMENT;
  static final LinkedResource PROVIDER = LinkedResource.PROVIDER;
  static final LinkedResource LOCATION = LinkedResource.LOCATION;
  static final LinkedResource APPOINTMENT_TYPE = LinkedResource.APPOINTMENT_TYPE;

  private final IntegrationLinks links;

  EhrLinks(IntegrationLinks links) {
    this.links = links;
  }

  Optional<IntegrationLink> byLocal(LinkedResource resource, UUID localId) {
    return links.byLocal(FhirConnectorProperties.SYSTEM, resource, localId);
  }

  Optional<IntegrationLink> byRemote(LinkedResource resource, String remoteId) {
    return links.byRemote(FhirConnectorProperties.SYSTEM, resource, remoteId);
  }

  /**
   * Records the pair and the version seen; false, with nothing written, when the EHR's id is linked
   * to another record of ours already (a duplicate on one side, for a person to settle).
   */
  boolean link(LinkedResource resource, UUID localId, String remoteId, @Nullable String version) {
    return links.link(FhirConnectorProperties.SYSTEM, resource, localId, remoteId, version)
        instanceof LinkResult.Linked;
  }

  void unlink(LinkedResource resource, UUID localId) {
    links.unlink(FhirConnectorProperties.SYSTEM, resource, localId);
  }
}
