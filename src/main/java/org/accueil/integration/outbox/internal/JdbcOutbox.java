package org.accueil.integration.outbox.internal;

import java.util.regex.Pattern;
import org.accueil.integration.outbox.Outbox;
import org.accueil.platform.LiveNotifications;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link Outbox} on PostgreSQL: a row in the caller's transaction; when that commits, this node's
 * dispatcher is woken at once and every other node through {@code LISTEN/NOTIFY} (which PostgreSQL
 * sends only on commit), so whichever node is free delivers it.
 */
@Service
class JdbcOutbox implements Outbox {

  static final Pattern DESTINATION = Pattern.compile("[a-z0-9][a-z0-9_.:-]{0,199}");
  static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:/@-]{0,199}");
  static final Pattern KIND = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,99}");

  private final OutboxStore store;
  private final OutboxDispatcher dispatcher;
  private final LiveNotifications live;
  private final JsonMapper json;

  JdbcOutbox(
      OutboxStore store, OutboxDispatcher dispatcher, LiveNotifications live, JsonMapper json) {
    this.store = store;
    this.dispatcher = dispatcher;
    this.live = live;
    this.json = json;
  }

  /**
   * {@inheritDoc}
   *
   * <p>MANDATORY: a row written outside the transaction of its change could announce a change that
   * then rolls back, or miss one that commits; a caller without a transaction is a bug, and fails
   * here with {@code IllegalTransactionStateException}.
   *
   * @throws IllegalArgumentException when a name does not follow its grammar (see the table's
   *     checks in V25): destination {@code [a-z0-9][a-z0-9_.:-]*}, key {@code
   *     [A-Za-z0-9][A-Za-z0-9_.:/@-]*}, kind {@code [a-z0-9][a-z0-9_.-]*}
   */
  @Override
  @Transactional(propagation = Propagation.MANDATORY)
  public long enqueue(String destination, String key, String kind, Object payload) {
    check("destination", destination, DESTINATION);
    check("key", key, KEY);
    check("kind", kind, KIND);
    long id = store.insert(destination, key, kind, json.writeValueAsString(payload));
    wakeOnCommit();
    return id;
  }

  private static void check(String what, String value, Pattern grammar) {
    if (!grammar.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "Not a valid outbox " + what + ": \"" + value + "\" (expected " + grammar + ")");
    }
  }

  /** Once per transaction, however many rows it writes. */
  private void wakeOnCommit() {
    if (TransactionSynchronizationManager.hasResource(this)) {
      return;
    }
    TransactionSynchronizationManager.bindResource(this, Boolean.TRUE);
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void beforeCommit(boolean readOnly) {
            // Sent by PostgreSQL when this transaction commits, never if it rolls back.
            live.publish(OutboxDispatcher.TOPIC, "");
          }

          @Override
          public void afterCommit() {
            dispatcher.wake();
          }

          @Override
          public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(JdbcOutbox.this);
          }
        });
  }
}
