package org.accueil.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.accueil.integration.outbox.Delivery;
import org.accueil.integration.outbox.OutboxDeadLettered;
import org.accueil.integration.outbox.OutboxDestination;
import org.accueil.integration.outbox.OutboxMessage;
import org.springframework.context.event.EventListener;

/**
 * An outbox destination for tests: it delivers every row written for a destination named {@code
 * test:<anything>}, as the test scripted it (delivered by default), and remembers every call, every
 * dead letter and every {@link OutboxDeadLettered} event. Its backoff is short (100, 200, 300 ms:
 * four attempts) and its timeout 2 s, so retries and dead letters happen within a test.
 */
public final class ScriptedDestination implements OutboxDestination {

  public static final List<Duration> BACKOFF =
      List.of(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(300));

  public static final Duration TIMEOUT = Duration.ofSeconds(2);

  /** One call of {@link #deliver}. */
  public record Call(OutboxMessage message, Instant at) {}

  private final Map<String, Function<OutboxMessage, Delivery>> scripts = new ConcurrentHashMap<>();
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final List<OutboxMessage> deadLetters = new CopyOnWriteArrayList<>();
  private final List<OutboxDeadLettered> events = new CopyOnWriteArrayList<>();
  private final Map<String, Boolean> answering = new ConcurrentHashMap<>();

  /** A fresh destination name, so that tests sharing this bean do not see each other's rows. */
  public static String fresh(String label) {
    return "test:" + label + "-" + Tags.letters().toLowerCase();
  }

  /** How rows of {@code destination} are answered from now on. */
  public void script(String destination, Function<OutboxMessage, Delivery> answer) {
    scripts.put(destination, answer);
  }

  /** Retries {@code times} calls (per destination, whatever the row), then delivers. */
  public static Function<OutboxMessage, Delivery> failing(int times) {
    AtomicInteger failed = new AtomicInteger();
    return message ->
        failed.getAndIncrement() < times
            ? Delivery.retry("HTTP 503 from the test peer")
            : new Delivery.Delivered("remote-" + message.id());
  }

  /** Takes {@code duration}, then delivers. */
  public static Function<OutboxMessage, Delivery> slow(Duration duration) {
    return message -> {
      try {
        Thread.sleep(duration);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted");
      }
      return Delivery.delivered();
    };
  }

  @Override
  public boolean handles(String destination) {
    return destination.startsWith("test:");
  }

  @Override
  public Delivery deliver(OutboxMessage message) {
    calls.add(new Call(message, Instant.now()));
    return scripts.getOrDefault(message.destination(), m -> Delivery.delivered()).apply(message);
  }

  /** What {@link #answers} says of {@code destination} from now on (false until told). */
  public void answering(String destination, boolean answers) {
    answering.put(destination, answers);
  }

  @Override
  public boolean answers(String destination) {
    return answering.getOrDefault(destination, false);
  }

  @Override
  public List<Duration> backoff() {
    return BACKOFF;
  }

  @Override
  public Duration timeout() {
    return TIMEOUT;
  }

  @Override
  public void deadLettered(OutboxMessage message, String lastError) {
    deadLetters.add(message);
  }

  @EventListener
  void on(OutboxDeadLettered event) {
    events.add(event);
  }

  public List<Call> calls(String destination) {
    return calls.stream().filter(c -> c.message().destination().equals(destination)).toList();
  }

  public List<OutboxMessage> deadLetters(String destination) {
    return deadLetters.stream().filter(m -> m.destination().equals(destination)).toList();
  }

  public List<OutboxDeadLettered> deadLetterEvents(String destination) {
    return events.stream().filter(e -> e.destination().equals(destination)).toList();
  }
}
