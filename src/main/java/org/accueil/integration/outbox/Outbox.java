package org.accueil.integration.outbox;

/**
 * Where an outbound effect is written, in the caller's transaction (which must exist): it is
 * delivered only if that transaction commits, and then at least once.
 */
public interface Outbox {

  /**
   * Queues one row for {@code destination}.
   *
   * @param payload serialised to JSON with the application's mapper (a record or a map)
   * @return the row's id
   */
  long enqueue(String destination, String key, String kind, Object payload);
}
