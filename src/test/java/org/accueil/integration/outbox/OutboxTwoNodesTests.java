package org.accueil.integration.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.accueil.testing.AccueilTest;
import org.accueil.testing.SecondNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A row written on one node is delivered at once by another: the commit wakes every node through
 * {@code LISTEN/NOTIFY}. The second node polls only every hour, and only it delivers the {@code
 * node2:*} destination, so a delivery within a second is the wake-up's doing.
 */
@AccueilTest
class OutboxTwoNodesTests {

  /** The second node's destination; this node has none for {@code node2:*} and leaves the rows. */
  public static final class SecondNodeDestination implements OutboxDestination {
    static final List<OutboxMessage> delivered = new CopyOnWriteArrayList<>();

    @Override
    public boolean handles(String destination) {
      return destination.startsWith("node2:");
    }

    @Override
    public Delivery deliver(OutboxMessage message) {
      delivered.add(message);
      return Delivery.delivered();
    }
  }

  static ConfigurableApplicationContext secondNode;

  @Autowired Outbox outbox;
  @Autowired JdbcClient jdbc;
  @Autowired PlatformTransactionManager transactionManager;

  @BeforeAll
  static void startTheSecondNode(@Autowired Environment firstNode) throws InterruptedException {
    secondNode =
        SecondNode.start(
            firstNode,
            "--spring.main.sources=" + SecondNodeDestination.class.getName(),
            "--accueil.integration.outbox.poll-interval=1h");
    // Its LISTEN is issued by its notifications thread within a quarter of a second.
    Thread.sleep(1000);
  }

  @AfterAll
  static void stopTheSecondNode() {
    if (secondNode != null) {
      secondNode.close();
    }
  }

  @Test
  void aRowWrittenOnThisNodeIsDeliveredByTheOtherWithinASecond() {
    String destination = "node2:" + UUID.randomUUID();
    assertThat(secondNode.getBeansOfType(OutboxDestination.class).values())
        .as("the second node's destinations")
        .hasAtLeastOneElementOfType(SecondNodeDestination.class);

    Instant written = Instant.now();
    Long id =
        new TransactionTemplate(transactionManager)
            .execute(
                status ->
                    outbox.enqueue(destination, "appointment:n2", "appointment.booked", Map.of()));

    Instant deadline = written.plusSeconds(1);
    while (SecondNodeDestination.delivered.stream().noneMatch(m -> m.id() == id)) {
      assertThat(Instant.now()).as("delivered by the second node within 1 s").isBefore(deadline);
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    Instant until = Instant.now().plus(Duration.ofSeconds(2));
    while (!state(id).equals("delivered") && Instant.now().isBefore(until)) {
      Thread.onSpinWait();
    }
    assertThat(state(id)).isEqualTo("delivered");
  }

  private String state(long id) {
    return jdbc.sql("SELECT state FROM integration_outbox WHERE id = :id")
        .param("id", id)
        .query(String.class)
        .single();
  }
}
