package org.accueil.integration.fhir;

import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import ca.uhn.fhir.rest.gclient.TokenClientParam;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The three writes the connector makes, each safe to repeat: find by our identifier, create (never
 * twice), update (never over a newer version without reading it).
 */
@Component
class EhrWrites {

  private static final Logger log = LoggerFactory.getLogger(EhrWrites.class);

  private static final TokenClientParam IDENTIFIER = new TokenClientParam("identifier");

  private final FhirEhr ehr;

  EhrWrites(FhirEhr ehr) {
    this.ehr = ehr;
  }

  /** A resource the EHR holds: its id and the version we wrote or read. */
  record Written(String id, @Nullable String version, boolean created) {
    static Written of(IIdType id, boolean created) {
      return new Written(id.getIdPart(), id.getVersionIdPart(), created);
    }

    String reference(String type) {
      return type + "/" + id;
    }
  }

  /**
   * The resource of this type carrying the identifier, if the EHR has one; with several (written by
   * another system, or before a server's conditional create raced), the oldest.
   */
  <T extends Resource> Optional<T> findByIdentifier(Class<T> type, String system, String value) {
    Bundle found =
        ehr.client()
            .search()
            .forResource(type)
            .where(IDENTIFIER.exactly().systemAndCode(system, value))
            .count(10)
            .returnBundle(Bundle.class)
            .execute();
    List<T> matches =
        found.getEntry().stream()
            .map(Bundle.BundleEntryComponent::getResource)
            .filter(type::isInstance)
            .map(type::cast)
            .sorted(
                Comparator.comparing(
                    (T r) -> r.getMeta().getLastUpdated(),
                    Comparator.nullsLast(Comparator.naturalOrder())))
            .toList();
    if (matches.size() > 1) {
      log.warn(
          "The EHR holds {} {} resources with identifier {}; using the oldest, {}",
          matches.size(),
          type.getSimpleName(),
          system,
          matches.getFirst().getIdElement().getIdPart());
    }
    return matches.stream().findFirst();
  }

  /**
   * Creates the resource, which carries {@code system|value}, unless the EHR already has it: with
   * {@code If-None-Exist} where the EHR offers conditional create, else by searching first. After
   * an outcome we cannot know (the connection dropped, the answer timed out) the EHR is searched
   * again before anything else happens: the create may have been committed.
   */
  Written create(Resource resource, String system, String value) {
    String type = resource.fhirType();
    IGenericClient client = ehr.client();
    if (ehr.capabilities().conditionalCreate(type)) {
      try {
        MethodOutcome outcome =
            client
                .create()
                .resource(resource)
                .conditional()
                .where(IDENTIFIER.exactly().systemAndCode(system, value))
                .execute();
        return Written.of(outcome.getId(), !Boolean.FALSE.equals(outcome.getCreated()));
      } catch (FhirClientConnectionException e) {
        throw afterAmbiguousFailure(resource.getClass(), system, value, e);
      }
    }
    Optional<? extends Resource> existing = findByIdentifier(resource.getClass(), system, value);
    if (existing.isPresent()) {
      return Written.of(existing.get().getIdElement(), false);
    }
    try {
      MethodOutcome outcome = client.create().resource(resource).execute();
      return Written.of(outcome.getId(), true);
    } catch (FhirClientConnectionException e) {
      throw afterAmbiguousFailure(resource.getClass(), system, value, e);
    }
  }

  /**
   * The create may have reached the EHR: if a search finds it, it did, and the caller is told so by
   * {@link CreatedMeanwhile}; otherwise the failure stands and the next attempt searches again
   * before creating.
   */
  private RuntimeException afterAmbiguousFailure(
      Class<? extends Resource> type,
      String system,
      String value,
      FhirClientConnectionException failure) {
    try {
      Optional<? extends Resource> found = findByIdentifier(type, system, value);
      if (found.isPresent()) {
        return new CreatedMeanwhile(Written.of(found.get().getIdElement(), true));
      }
    } catch (RuntimeException searchFailed) {
      failure.addSuppressed(searchFailed);
    }
    return failure;
  }

  /** Thrown by {@link #create} when a create whose answer was lost is found to have succeeded. */
  static final class CreatedMeanwhile extends RuntimeException {
    private final Written written;

    CreatedMeanwhile(Written written) {
      super("created, answer lost", null, false, false);
      this.written = written;
    }

    Written written() {
      return written;
    }
  }

  /** Creates, or finds the resource the lost answer of an earlier try had created. */
  Written createOnce(Resource resource, String system, String value) {
    try {
      return create(resource, system, value);
    } catch (CreatedMeanwhile e) {
      return e.written();
    }
  }

  /**
   * Creates the resource unless the EHR holds one matching {@code criteria} (a search query such as
   * {@code url=…&version=…}, its values URL-encoded): with {@code If-None-Exist} where the EHR
   * offers conditional create, else by searching first. Safe to repeat: after a lost answer the
   * next attempt finds what this one created.
   */
  Written createOnceWhere(Resource resource, String criteria) {
    String type = resource.fhirType();
    IGenericClient client = ehr.client();
    if (ehr.capabilities().conditionalCreate(type)) {
      MethodOutcome outcome =
          client.create().resource(resource).conditionalByUrl(type + "?" + criteria).execute();
      return Written.of(outcome.getId(), !Boolean.FALSE.equals(outcome.getCreated()));
    }
    Bundle found =
        client.search().byUrl(type + "?" + criteria).count(1).returnBundle(Bundle.class).execute();
    if (!found.getEntry().isEmpty()) {
      return Written.of(found.getEntry().getFirst().getResource().getIdElement(), false);
    }
    MethodOutcome outcome = client.create().resource(resource).execute();
    return Written.of(outcome.getId(), true);
  }

  /**
   * Writes {@code resource} over the version its id names: with {@code If-Match} where the EHR
   * offers versioned updates (a newer version there fails with 412, and the caller reads it again),
   * else a plain update.
   */
  Written update(Resource resource) {
    IdType id = resource.getIdElement();
    String type = resource.fhirType();
    if (!ehr.capabilities().ifMatch(type) && id.hasVersionIdPart()) {
      resource.setIdElement(new IdType(type, id.getIdPart()));
    }
    MethodOutcome outcome = ehr.client().update().resource(resource).execute();
    IIdType written = outcome.getId() != null ? outcome.getId() : resource.getIdElement();
    return Written.of(written, false);
  }

  <T extends Resource> T read(Class<T> type, String id) {
    return ehr.client().read().resource(type).withId(id).execute();
  }
}
