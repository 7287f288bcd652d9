package org.accueil.testing;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.accueil.integration.outbox.Outbox;
import org.accueil.integration.outbox.OutboxMessage;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * The outbox's contract kept in memory, for as long as the application has no {@link Outbox} of its
 * own (the JDBC outbox is built on another branch): a row exists once the transaction that wrote it
 * committed, never otherwise. Registered only when no other {@code Outbox} bean is defined, so it
 * steps aside by itself once the real one is merged; then delete it.
 */
public final class InterimOutbox implements Outbox {

  /** A committed row, as the outbox would hold it. */
  public record Row(
      long id,
      String destination,
      String key,
      String kind,
      String payload,
      UUID idempotencyKey,
      Instant createdAt) {

    /** The row as a dispatcher hands it to its destination for attempt number {@code attempt}. */
    public OutboxMessage attempt(int attempt) {
      return new OutboxMessage(
          id, destination, key, kind, payload, idempotencyKey, attempt, createdAt);
    }
  }

  private final JsonMapper json;
  private final Clock clock;
  private final AtomicLong ids = new AtomicLong();
  private final List<Row> committed = new CopyOnWriteArrayList<>();

  InterimOutbox(JsonMapper json, Clock clock) {
    this.json = json;
    this.clock = clock;
  }

  @Override
  public long enqueue(String destination, String key, String kind, Object payload) {
    if (!TransactionSynchronizationManager.isActualTransactionActive()) {
      throw new IllegalStateException("Outbox.enqueue needs the caller's transaction");
    }
    Row row =
        new Row(
            ids.incrementAndGet(),
            destination,
            key,
            kind,
            json.writeValueAsString(payload),
            UUID.randomUUID(),
            clock.instant());
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            committed.add(row);
          }
        });
    return row.id();
  }

  /** The committed rows for {@code destination}, in the order they were written. */
  public List<Row> rows(String destination) {
    return committed.stream().filter(r -> r.destination().equals(destination)).toList();
  }

  /** Adds the interim outbox to a context that has no {@code Outbox}. */
  static BeanDefinitionRegistryPostProcessor whenMissing() {
    return new BeanDefinitionRegistryPostProcessor() {
      @Override
      public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
        if (registry instanceof ListableBeanFactory beans
            && beans.getBeanNamesForType(Outbox.class, true, false).length == 0) {
          RootBeanDefinition definition = new RootBeanDefinition(InterimOutbox.class);
          definition.setAutowireMode(RootBeanDefinition.AUTOWIRE_CONSTRUCTOR);
          registry.registerBeanDefinition("interimOutbox", definition);
        }
      }
    };
  }
}
