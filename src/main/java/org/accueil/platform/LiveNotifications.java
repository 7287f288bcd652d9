package org.accueil.platform;

import java.util.function.Consumer;

/**
 * Short messages to every node of the application at once (PostgreSQL's {@code LISTEN/NOTIFY}):
 * what a staff member's live inbox or a patient's open chat window must show now, whichever node
 * the change happened on. A notification is sent when the transaction that published it commits,
 * and never if it rolls back. It is a nudge, not a record: a listener reads the state it is about
 * from the database, and a node that was away reads it on its next request.
 */
public interface LiveNotifications {

  /**
   * Sends {@code payload} to the listeners of {@code topic} on every node, when the current
   * transaction commits (at once without one).
   *
   * @param topic a lower-case identifier, e.g. {@code accueil_timeline}
   * @param payload at most 7,000 bytes: ids, never patient data
   */
  void publish(String topic, String payload);

  /**
   * Calls {@code listener} with each payload published on {@code topic}, on a thread of its own;
   * until the returned handle is closed.
   */
  Subscription subscribe(String topic, Consumer<String> listener);

  /** A listener's registration. */
  interface Subscription extends AutoCloseable {
    @Override
    void close();
  }
}
