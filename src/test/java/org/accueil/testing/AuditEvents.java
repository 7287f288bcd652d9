package org.accueil.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.accueil.platform.AuditRecord;
import org.springframework.context.event.EventListener;

/**
 * Every {@link AuditRecord} published in the context, from any thread (a request's included), for
 * tests to look up by action and entity id.
 */
public final class AuditEvents {

  private final List<AuditRecord> records = new CopyOnWriteArrayList<>();

  @EventListener
  void on(AuditRecord record) {
    records.add(record);
  }

  public List<AuditRecord> all() {
    return List.copyOf(records);
  }

  /** The records of {@code action} about entity {@code id} (any entity when {@code id} is null). */
  public List<AuditRecord> of(String action, @org.jspecify.annotations.Nullable Object id) {
    return records.stream()
        .filter(r -> r.action().equals(action))
        .filter(r -> id == null || String.valueOf(id).equals(r.entityId()))
        .toList();
  }
}
