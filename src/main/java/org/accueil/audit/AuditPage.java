package org.accueil.audit;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of a listing, newest first.
 *
 * @param nextBefore pass it as {@code before} for the next (older) page; {@code null} on the last
 */
public record AuditPage(List<AuditEvent> events, @Nullable Long nextBefore) {
  public AuditPage {
    events = List.copyOf(events);
  }
}
