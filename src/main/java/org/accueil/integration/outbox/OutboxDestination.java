package org.accueil.integration.outbox;

import java.time.Duration;
import java.util.List;

/**
 * Somewhere rows are delivered: the FHIR EHR, an HL7 v2 peer, one webhook endpoint. A Spring bean
 * per kind of destination; {@link #handles(String)} says which destination names it delivers (a
 * webhook destination handles {@code webhook:<endpoint id>} for every endpoint).
 *
 * <p>Delivery is at least once: after a crash between the remote call and the commit of its
 * outcome, the row is delivered again with the same {@link OutboxMessage#idempotencyKey()}; the
 * destination makes that harmless (conditional create, search before retry, the receiver's dedupe
 * on the key).
 */
public interface OutboxDestination {

  /** Whether this bean delivers rows written for {@code destination}. */
  boolean handles(String destination);

  /**
   * Delivers one row, outside any database transaction, within {@link #timeout()}.
   *
   * @return what happened; an exception thrown is a {@link Delivery.Retry} with its message
   */
  Delivery deliver(OutboxMessage message) throws Exception;

  /**
   * The waits between attempts, the first after the first failure; when they run out the row is
   * dead-lettered. Default: 1 s, 5 s, 30 s, 2 min, 10 min, 30 min, 1 h, 2 h (9 attempts).
   */
  default List<Duration> backoff() {
    return List.of(
        Duration.ofSeconds(1),
        Duration.ofSeconds(5),
        Duration.ofSeconds(30),
        Duration.ofMinutes(2),
        Duration.ofMinutes(10),
        Duration.ofMinutes(30),
        Duration.ofHours(1),
        Duration.ofHours(2));
  }

  /** How long one attempt may take before it counts as failed (and its lease may be taken over). */
  default Duration timeout() {
    return Duration.ofSeconds(30);
  }

  /**
   * Whether the peer answers now, asked without delivering anything (an EHR's CapabilityStatement,
   * a connection to an HL7 v2 peer); an exception counts as no. While rows of {@code destination}
   * wait on their backoff after failures, each node asks every {@code
   * accueil.integration.outbox.probe-interval}: once a peer found not answering answers again, its
   * waiting rows are due at once, so that what piled up during an outage goes as soon as the peer
   * is back rather than at each row's next step. Default false: never found back; the rows keep
   * their schedule.
   */
  default boolean answers(String destination) throws Exception {
    return false;
  }

  /** Called once when a row of this destination is dead-lettered (disable an endpoint, alert). */
  default void deadLettered(OutboxMessage message, String lastError) {}
}
