package org.accueil.integration.fhir;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.gclient.IQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Schedule;
import org.hl7.fhir.r4.model.Slot;
import org.jspecify.annotations.Nullable;

/**
 * A provider's free slots over FHIR, as an integrator asks for them: {@code
 * Slot?schedule.actor=Practitioner/<id>&start=ge<from>&start=lt<to>[&service-type=<code>]
 * &status=free}, following {@code next} links to the last page. Plain FHIR R4 search, so it asks
 * Accueil's own API ({@code /fhir/r4}) and any server that supports the chained {@code
 * schedule.actor} parameter (HAPI's JPA server, Oracle Health) the same question: what the
 * benchmark sets side by side.
 */
public final class FhirSlotSearch {

  /** Page size asked for: a server pages at its own size when it has one. */
  public static final int PAGE = 1000;

  private FhirSlotSearch() {}

  /**
   * @param practitioner the practitioner's id on that server ({@code Practitioner/<id>} or the bare
   *     id)
   * @param from inclusive
   * @param to exclusive
   * @param serviceType {@code system|code} or a code; {@code null} for every type
   */
  public static List<Slot> free(
      IGenericClient client,
      String practitioner,
      Instant from,
      Instant to,
      @Nullable String serviceType) {
    return free(client, practitioner, from, to, serviceType, PAGE);
  }

  /** As {@link #free(IGenericClient, String, Instant, Instant, String)}, {@code page} at a time. */
  public static List<Slot> free(
      IGenericClient client,
      String practitioner,
      Instant from,
      Instant to,
      @Nullable String serviceType,
      int page) {
    String actor = practitioner.contains("/") ? practitioner : "Practitioner/" + practitioner;
    IQuery<Bundle> query =
        client
            .search()
            .forResource(Slot.class)
            .where(Slot.SCHEDULE.hasChainedProperty(Schedule.ACTOR.hasId(actor)))
            .and(Slot.START.afterOrEquals().second(Date.from(from)))
            .and(Slot.START.before().second(Date.from(to)))
            .and(Slot.STATUS.exactly().code("free"))
            .count(page)
            .returnBundle(Bundle.class);
    if (serviceType != null) {
      int bar = serviceType.indexOf('|');
      query =
          query.and(
              bar < 0
                  ? Slot.SERVICE_TYPE.exactly().code(serviceType)
                  : Slot.SERVICE_TYPE
                      .exactly()
                      .systemAndCode(
                          serviceType.substring(0, bar), serviceType.substring(bar + 1)));
    }
    List<Slot> slots = new ArrayList<>();
    Bundle bundle = query.execute();
    while (true) {
      for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
        if (entry.getResource() instanceof Slot slot) {
          slots.add(slot);
        }
      }
      if (bundle.getLink(Bundle.LINK_NEXT) == null) {
        return slots;
      }
      bundle = client.loadPage().next(bundle).execute();
    }
  }
}
