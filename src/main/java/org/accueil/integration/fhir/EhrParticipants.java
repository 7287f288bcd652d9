package org.accueil.integration.fhir;

import static org.accueil.integration.fhir.AppointmentPush.PRACTITIONER;

import java.util.Optional;
import java.util.UUID;
import org.accueil.integration.mapping.IntegrationLink;
import org.accueil.practice.PracticeDirectory;
import org.accueil.practice.ProviderId;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;

/**
 * Which of our providers an EHR resource names: through the administrator's mapping of the EHR's
 * Practitioner, or our identifier on a Practitioner we created; a PractitionerRole stands for its
 * practitioner.
 */
@Component
class EhrParticipants {

  private final EhrLinks links;
  private final EhrWrites ehr;
  private final PracticeDirectory practice;
  private final FhirConnectorProperties properties;

  EhrParticipants(
      EhrLinks links,
      EhrWrites ehr,
      PracticeDirectory practice,
      FhirConnectorProperties properties) {
    this.links = links;
    this.ehr = ehr;
    this.practice = practice;
    this.properties = properties;
  }

  Optional<ProviderId> provider(Appointment appointment) {
    for (var participant : appointment.getParticipant()) {
      Optional<ProviderId> provider = provider(participant.getActor());
      if (provider.isPresent()) {
        return provider;
      }
    }
    return Optional.empty();
  }

  /** The provider a Practitioner or PractitionerRole reference stands for, if any. */
  Optional<ProviderId> provider(Reference actor) {
    String reference = actor.getReference();
    if (reference == null) {
      return Optional.empty();
    }
    if (reference.startsWith("PractitionerRole/")) {
      PractitionerRole role =
          ehr.read(PractitionerRole.class, reference.substring("PractitionerRole/".length()));
      return role.hasPractitioner() ? provider(role.getPractitioner()) : Optional.empty();
    }
    if (!reference.startsWith(PRACTITIONER + "/")) {
      return Optional.empty();
    }
    String remoteId = reference.substring(PRACTITIONER.length() + 1);
    Optional<IntegrationLink> link = links.byRemote(EhrLinks.PROVIDER, remoteId);
    if (link.isPresent()) {
      return known(link.get().localId());
    }
    Practitioner practitioner = ehr.read(Practitioner.class, remoteId);
    String ours = properties.identifiers().practitioner();
    Optional<ProviderId> provider =
        practitioner.getIdentifier().stream()
            .filter(i -> ours.equals(i.getSystem()))
            .map(i -> EhrChanges.uuid(i.getValue()))
            .flatMap(Optional::stream)
            .flatMap(id -> known(id).stream())
            .findFirst();
    provider.ifPresent(p -> links.link(EhrLinks.PROVIDER, p.value(), remoteId, null));
    return provider;
  }

  private Optional<ProviderId> known(UUID id) {
    return practice.snapshot().provider(ProviderId.of(id)).map(p -> p.id());
  }
}
