package org.accueil.integration.fhir.facade;

import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.server.SimpleBundleProvider;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.jspecify.annotations.Nullable;

/**
 * One page of a search, for HAPI's offset paging: without a paging provider HAPI keeps nothing
 * between calls and writes {@code next} links as {@code _offset=<n>&_count=<m>}, so every node of a
 * cluster answers the next page the same. Each page is computed afresh from the live calendar.
 */
final class Pages {

  private Pages() {}

  /**
   * @param offset where the page starts, {@code _offset} (none: 0)
   * @param count the page's size, {@code _count} (none: everything)
   */
  static IBundleProvider of(
      List<? extends IBaseResource> all, @Nullable Integer offset, @Nullable Integer count) {
    int from = offset == null ? 0 : Math.clamp(offset, 0, all.size());
    int to =
        count == null ? all.size() : Math.clamp((long) from + Math.max(count, 0), from, all.size());
    SimpleBundleProvider page = new SimpleBundleProvider(List.copyOf(all.subList(from, to)));
    page.setSize(all.size());
    return page;
  }
}
