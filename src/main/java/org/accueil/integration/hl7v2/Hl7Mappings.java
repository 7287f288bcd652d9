package org.accueil.integration.hl7v2;

import java.util.Optional;
import org.accueil.practice.AppointmentTypeId;
import org.accueil.practice.LocationId;
import org.accueil.practice.ProviderId;

/**
 * Our providers, locations and appointment types as the HL7 peer names them (AIP-3, AIL-3, AIS-3).
 *
 * <p>{@link ConfiguredMappings} reads them from {@code accueil.integration.hl7v2.mapping}. When the
 * integration module's mapping tables ({@code integration.mapping}) are in, an implementation over
 * them replaces it; this interface is what the SIU code depends on.
 */
interface Hl7Mappings {

  Optional<ProviderId> provider(String remoteId);

  String remoteId(ProviderId provider);

  Optional<LocationId> location(String remoteId);

  String remoteId(LocationId location);

  Optional<AppointmentTypeId> appointmentType(String remoteId);

  String remoteId(AppointmentTypeId type);
}
