package org.accueil.integration.fhir.facade;

import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.UUID;
import org.accueil.practice.LocationId;
import org.accueil.practice.Provider;
import org.accueil.practice.ProviderId;
import org.jspecify.annotations.Nullable;

/**
 * Whose schedule a search names through an actor: {@code Practitioner/<id>} is that provider's,
 * {@code Location/<id>} every provider's working there. A schedule's id is its provider's.
 */
record Actors(@Nullable ProviderId provider, @Nullable LocationId location) {

  static Actors of(ReferenceParam actor) {
    String type = actor.getResourceType();
    String value = actor.getIdPart();
    UUID id = FhirIds.uuidOrNull(value);
    if (id == null || (type != null && !type.equals("Practitioner") && !type.equals("Location"))) {
      throw new InvalidRequestException(
          "actor must be Practitioner/<id> or Location/<id> of this server; \"%s\" is not."
              .formatted(actor.getValue()));
    }
    return "Location".equals(type)
        ? new Actors(null, LocationId.of(id))
        : new Actors(ProviderId.of(id), null);
  }

  boolean includes(Provider candidate) {
    return provider != null
        ? provider.equals(candidate.id())
        : location != null && candidate.locations().contains(location);
  }
}
