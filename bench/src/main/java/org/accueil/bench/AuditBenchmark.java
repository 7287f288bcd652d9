package org.accueil.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.accueil.audit.AuditEvent;
import org.accueil.audit.AuditTrail;
import org.accueil.audit.Verification;
import org.accueil.audit.internal.AuditRepository;
import org.accueil.platform.Actor;
import org.accueil.platform.AuditRecord;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit trail's two costs. Appending: every audited transaction takes the chain head's row lock
 * for its commit, so appends are serialised; measured as transactions each publishing one {@link
 * AuditRecord} through the real writer, from 1, 8 and 32 threads. Verifying: every row is read
 * through a cursor and hashed again; measured on a trail grown to {@code rows} rows (the extra rows
 * chained by the writer's own SQL, a thousand per transaction).
 */
final class AuditBenchmark {

  record Appends(
      int threads, long appends, double seconds, Latencies.Summary latency, Machine.Cpu cpu) {
    double perSecond() {
      return appends / seconds;
    }
  }

  record Verify(long rows, double seconds, boolean valid) {
    double rowsPerSecond() {
      return rows / seconds;
    }
  }

  private static final Actor ACTOR =
      new Actor(
          Actor.Kind.API_KEY,
          "0193e8a4-5b7c-7d2e-9f10-1a2b3c4d5e6f",
          "Benchmark key",
          Set.of("FRONT_DESK"),
          Set.of(),
          null,
          null);

  private final ConfigurableApplicationContext context;
  private final TransactionTemplate transaction;
  private final AtomicLong entity = new AtomicLong();

  AuditBenchmark(ConfigurableApplicationContext context) {
    this.context = context;
    this.transaction = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
  }

  /** {@code perThread} audited transactions on each of {@code threads} threads. */
  Appends appends(int threads, int perThread) throws Exception {
    Latencies latencies = new Latencies();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> work = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      work.add(
          pool.submit(
              () -> {
                start.await();
                for (int i = 0; i < perThread; i++) {
                  long begin = System.nanoTime();
                  transaction.executeWithoutResult(s -> context.publishEvent(record()));
                  latencies.since(begin);
                }
                return null;
              }));
    }
    Machine.Cpu cpu = Machine.Cpu.now();
    long began = System.nanoTime();
    start.countDown();
    for (Future<?> f : work) {
      f.get(10, TimeUnit.MINUTES);
    }
    double seconds = (System.nanoTime() - began) / 1e9;
    pool.shutdown();
    return new Appends(
        threads,
        (long) threads * perThread,
        seconds,
        latencies.take(),
        Machine.Cpu.now().since(cpu));
  }

  /** Chains rows until the trail holds {@code rows}, as the writer would, a thousand at a time. */
  long growTo(long rows) {
    AuditRepository repository = context.getBean(AuditRepository.class);
    JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
    long present = jdbc.queryForObject("SELECT last_seq FROM audit_head", Long.class);
    while (present < rows) {
      int batch = (int) Math.min(1_000, rows - present);
      transaction.executeWithoutResult(
          s -> {
            List<AuditEvent> events = new ArrayList<>(batch);
            for (int i = 0; i < batch; i++) {
              events.add(unchained());
            }
            repository.append(events);
          });
      present += batch;
    }
    jdbc.execute("VACUUM ANALYZE audit_event");
    return present;
  }

  Verify verify() {
    AuditTrail trail = context.getBean(AuditTrail.class);
    long began = System.nanoTime();
    Verification result = trail.verify();
    double seconds = (System.nanoTime() - began) / 1e9;
    return new Verify(result.rowsChecked(), seconds, result.valid());
  }

  private AuditRecord record() {
    return new AuditRecord(
        "patient.view",
        "patient",
        "patient-" + entity.incrementAndGet(),
        AuditRecord.Outcome.SUCCESS,
        ACTOR,
        "203.0.113.7",
        "api",
        null,
        Map.of("appointment", "0193e8a4-6000-7000-8000-000000000001"));
  }

  private AuditEvent unchained() {
    return new AuditEvent(
        0,
        java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS),
        "api-key",
        ACTOR.id(),
        ACTOR.name(),
        List.of("FRONT_DESK"),
        "patient.view",
        "patient",
        "patient-" + entity.incrementAndGet(),
        "success",
        "203.0.113.7",
        "api",
        null,
        new TreeMap<>(Map.of("appointment", "0193e8a4-6000-7000-8000-000000000001")),
        new byte[0],
        new byte[0]);
  }

  /** Runs the whole benchmark and writes its section of the report. */
  static void run(ConfigurableApplicationContext context, Report report, long rows)
      throws Exception {
    AuditBenchmark audit = new AuditBenchmark(context);
    report.section("Audit trail: appends and verification");
    audit.appends(8, 250); // warm-up: the JIT compiles the writer's path
    report.line(
        "Each append is a transaction publishing one `AuditRecord` through the real writer"
            + " (in process, no HTTP): the chain head is locked, the row hashed and inserted, the"
            + " head moved, and the transaction committed (fsync on). 2,000 warm-up appends first."
            + " Load before: "
            + Machine.load()
            + ".");
    report.line("");
    report.line(
        "| threads | appends | seconds | appends/s | p50 ms | p90 ms | p99 ms | max ms | CPU s JVM /"
            + " machine |");
    report.line("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (int threads : new int[] {1, 8, 32}) {
      Appends a = audit.appends(threads, Math.max(50, 4_000 / threads));
      report.line(
          String.format(
              Locale.ROOT,
              "| %d | %d | %.2f | %.0f | %.2f | %.2f | %.2f | %.2f | %.1f / %.1f |",
              a.threads(),
              a.appends(),
              a.seconds(),
              a.perSecond(),
              a.latency().p50(),
              a.latency().p90(),
              a.latency().p99(),
              a.latency().max(),
              a.cpu().jvm(),
              a.cpu().machine()));
    }
    long grown = audit.growTo(rows);
    report.line("");
    report.line(
        "Verification of the whole trail ("
            + grown
            + " rows: the appends above plus rows chained a thousand per transaction), three"
            + " times; one repeatable-read snapshot, read through a cursor of 2,000 rows:");
    report.line("");
    JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
    long table = jdbc.queryForObject("SELECT pg_table_size('audit_event')", Long.class);
    long indexes = jdbc.queryForObject("SELECT pg_indexes_size('audit_event')", Long.class);
    report.line(
        String.format(
            Locale.ROOT,
            "On disk: %.0f bytes a row in the table, %.0f in its four indexes.",
            (double) table / grown,
            (double) indexes / grown));
    report.line("");
    report.line("| run | rows | seconds | rows/s | valid |");
    report.line("|---:|---:|---:|---:|---|");
    for (int run = 1; run <= 3; run++) {
      Verify v = audit.verify();
      report.line(
          String.format(
              Locale.ROOT,
              "| %d | %d | %.2f | %.0f | %s |",
              run,
              v.rows(),
              v.seconds(),
              v.rowsPerSecond(),
              v.valid()));
    }
  }
}
