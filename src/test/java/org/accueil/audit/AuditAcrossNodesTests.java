package org.accueil.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
 * Two Accueil nodes on one database append to one chain: the head's row lock, not anything in a
 * JVM, puts their rows in order.
 */
@AccueilTest
class AuditAcrossNodesTests {

  static ConfigurableApplicationContext secondNode;

  @Autowired ConfigurableApplicationContext firstNode;
  @Autowired JdbcClient jdbc;
  @Autowired AuditTrail trail;

  @BeforeAll
  static void startTheSecondNode(@Autowired Environment firstNodeEnvironment) {
    secondNode = SecondNode.start(firstNodeEnvironment, "--accueil.db.max-pool-size=8");
  }

  @AfterAll
  static void stopTheSecondNode() {
    if (secondNode != null) {
      secondNode.close();
    }
  }

  @Test
  void rowsAppendedOnBothNodesAtOnceFormOneGaplessIntactChain() throws Exception {
    String tag = UUID.randomUUID().toString();
    int threadsPerNode = 6;
    int transactionsPerThread = 20;
    ExecutorService pool = Executors.newFixedThreadPool(2 * threadsPerNode);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> work = new ArrayList<>();
    for (ConfigurableApplicationContext node : List.of(firstNode, secondNode)) {
      TransactionTemplate transaction =
          new TransactionTemplate(node.getBean(PlatformTransactionManager.class));
      for (int t = 0; t < threadsPerNode; t++) {
        work.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < transactionsPerThread; i++) {
                    transaction.executeWithoutResult(
                        s -> {
                          node.publishEvent(AuditRecords.viewed("patient", tag));
                          node.publishEvent(AuditRecords.viewed("appointment", tag));
                        });
                  }
                  return null;
                }));
      }
    }
    start.countDown();
    for (Future<?> f : work) {
      f.get(180, TimeUnit.SECONDS);
    }
    pool.shutdown();

    long written =
        jdbc.sql("SELECT count(*) FROM audit_event WHERE entity_id = :tag")
            .param("tag", tag)
            .query(Long.class)
            .single();
    assertThat(written).isEqualTo(2L * 2 * threadsPerNode * transactionsPerThread);
    // Each transaction's two rows stay side by side: the lock is held from its first row to commit.
    List<Long> seqs =
        jdbc.sql("SELECT seq FROM audit_event WHERE entity_id = :tag ORDER BY seq")
            .param("tag", tag)
            .query(Long.class)
            .list();
    for (int i = 0; i < seqs.size(); i += 2) {
      assertThat(seqs.get(i + 1)).isEqualTo(seqs.get(i) + 1);
    }
    Verification result = trail.verify();
    assertThat(result.valid()).as("%s", result.firstBroken()).isTrue();
    long rows = jdbc.sql("SELECT count(*) FROM audit_event").query(Long.class).single();
    assertThat(result.headSeq()).isEqualTo(rows);
  }
}
