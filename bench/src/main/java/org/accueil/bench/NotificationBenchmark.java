package org.accueil.bench;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.accueil.AccueilApplication;
import org.accueil.channels.whatsapp.WhatsAppTemplates;
import org.accueil.demo.DemoPractice;
import org.accueil.notifications.Notifications;
import org.accueil.patients.Channel;
import org.accueil.patients.PatientDetails;
import org.accueil.patients.Patients;
import org.accueil.practice.AppointmentType;
import org.accueil.practice.PracticeAdministration;
import org.accueil.practice.ProviderId;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reminders at scale, on two nodes of one deployment sharing one database: {@code reminders}
 * (100,000) booked appointments, each with a reminder falling due within {@code reminder-window}
 * (10 minutes, six times the pace of "100,000 within the hour"), sent by the cluster's sweep
 * (db-scheduler, one node at a time) as they fall due, through WhatsApp (the practice's approved
 * template, the patients having never written) to a Meta stand-in on localhost. Then a backlog, as
 * after an outage: {@code backlog} (20,000) reminders all due at once, drained by one node, then as
 * many by both nodes at once. Every reminder is checked to have been queued, and received by the
 * stand-in, exactly once.
 */
final class NotificationBenchmark {

  static final String CREATED_BY = "bench:notifications";

  private NotificationBenchmark() {}

  static void run(
      ConfigurableApplicationContext node1,
      Report report,
      Map<String, String> options,
      Clock clock,
      MetaStub meta,
      List<String> nodeArguments)
      throws Exception {
    int reminders = number(options, "reminders", 100_000);
    int backlog = number(options, "backlog", 20_000);
    int patientCount = number(options, "reminder-patients", 2_000);
    Duration window =
        Duration.parse(
            "PT" + options.getOrDefault("reminder-window", "10m").toUpperCase(Locale.ROOT));
    JdbcTemplate jdbc = node1.getBean(JdbcTemplate.class);
    report.section("Notifications: reminders on two nodes");

    // The practice, its approved WhatsApp template, the patients.
    LocalDate today = clock.instant().atZone(ZoneId.of("Europe/Paris")).toLocalDate();
    DemoPractice practice = DemoPractice.create(node1.getBean(PracticeAdministration.class), today);
    node1
        .getBean(WhatsAppTemplates.class)
        .save(
            new WhatsAppTemplates.Template(
                "accueil_appointment_reminder",
                "fr",
                "appointment-reminder",
                "Rappel : rendez-vous le {{1}}, {{2}}. Répondez OUI pour confirmer.",
                "utility"));
    Patients patients = node1.getBean(Patients.class);
    List<UUID> people = new ArrayList<>();
    long t0 = System.nanoTime();
    for (int i = 0; i < patientCount; i++) {
      people.add(
          patients
              .register(
                  new PatientDetails(
                      "Rappel",
                      "Patient" + i,
                      LocalDate.of(1950 + i % 50, 1 + i % 12, 1 + i % 28),
                      String.format(Locale.ROOT, "+3367%07d", i),
                      null,
                      null,
                      null,
                      null,
                      "fr",
                      Channel.WHATSAPP,
                      null))
              .id()
              .value());
    }
    report.line(
        String.format(
            Locale.ROOT,
            "- %,d patients registered in %.1f s (WhatsApp preferred, never wrote: the template)",
            patientCount,
            (System.nanoTime() - t0) / 1e9));

    int booked = appointments(jdbc, practice, people, reminders + 2 * backlog, today, clock);
    report.line(String.format(Locale.ROOT, "- %,d appointments booked (batched SQL)", booked));

    // The second node: the same database and keys, its own port, the same shifted clock.
    HikariDataSource pool = node1.getBean(HikariDataSource.class);
    List<String> second = new ArrayList<>(nodeArguments);
    second.removeIf(a -> a.startsWith("--server.port=") || a.startsWith("--accueil.db."));
    second.add("--server.port=0");
    second.add("--accueil.db.url=" + pool.getJdbcUrl());
    second.add("--accueil.db.username=" + pool.getUsername());
    SpringApplication application = new SpringApplication(AccueilApplication.class);
    application.addInitializers(
        context -> context.getBeanFactory().registerSingleton("clock", clock));
    try (ConfigurableApplicationContext node2 = application.run(second.toArray(String[]::new))) {
      // (1) Due as time goes: spread over the window, sent by the sweep.
      long metaBefore = meta.received();
      Instant first = clock.instant().plusSeconds(5);
      plan(jdbc, "steady", reminders, first, window, 0);
      long started = System.nanoTime();
      awaitNone(jdbc, "steady", window.plusMinutes(10));
      double seconds = (System.nanoTime() - started) / 1e9;
      Latencies lag = new Latencies();
      jdbc.query(
          "SELECT extract(epoch FROM sent_at - due_at) FROM notification"
              + " WHERE dedupe_key LIKE 'steady:%' AND status = 'sent'",
          rs -> {
            lag.record((long) (rs.getDouble(1) * 1e9));
          });
      Latencies.Summary s = lag.take();
      report.line("");
      report.line(
          String.format(
              Locale.ROOT,
              "(1) %,d reminders falling due over %s, sent by the sweep (db-scheduler, every 5 s,"
                  + " one node at a time): all done %.0f s after the first fell due;"
                  + " due-to-sent p50 %.0f ms, p99 %.0f ms, max %.0f ms",
              reminders,
              window,
              seconds,
              s.p50(),
              s.p99(),
              s.max()));
      check(report, jdbc, "steady", reminders);
      awaitMeta(meta, metaBefore + reminders);
      report.line(
          String.format(
              Locale.ROOT,
              "    Meta stand-in received %,d messages (expected %,d)",
              meta.received() - metaBefore,
              reminders));

      // (2) A backlog all due at once: one node, then both.
      Notifications one = node1.getBean(Notifications.class);
      Notifications two = node2.getBean(Notifications.class);
      double alone = drain(jdbc, "alone", backlog, clock, List.of(one));
      double together = drain(jdbc, "together", backlog, clock, List.of(one, two));
      check(report, jdbc, "alone", backlog);
      check(report, jdbc, "together", backlog);
      report.line(
          String.format(
              Locale.ROOT,
              "(2) a backlog of %,d due at once (after an outage): one node %.0f/s, two nodes at"
                  + " once %.0f/s (x%.2f)",
              backlog,
              backlog / alone,
              backlog / together,
              alone / together));
    }
  }

  /** Appointments by SQL, on a grid of the type's providers' days, every one booked. */
  private static int appointments(
      JdbcTemplate jdbc,
      DemoPractice practice,
      List<UUID> people,
      int count,
      LocalDate today,
      Clock clock) {
    AppointmentType type =
        practice.appointmentTypes().stream()
            .filter(t -> t.providers().size() >= 3)
            .findFirst()
            .orElseThrow();
    List<ProviderId> providers = type.providers();
    UUID location = practice.location().id().value();
    ZoneId zone = practice.location().zone();
    long stepMinutes =
        ((type.duration().plus(type.bufferBefore()).plus(type.bufferAfter()).toMinutes() + 14) / 15)
            * 15;
    int perDay = (int) (10 * 60 / stepMinutes);
    List<Object[]> rows = new ArrayList<>();
    Timestamp now = Timestamp.from(clock.instant());
    for (int i = 0; i < count; i++) {
      ProviderId provider = providers.get(i % providers.size());
      int k = i / providers.size();
      Instant start =
          today
              .plusDays(3 + k / perDay)
              .atTime(8, 0)
              .plusMinutes((k % perDay) * stepMinutes)
              .atZone(zone)
              .toInstant();
      Instant end = start.plus(type.duration());
      rows.add(
          new Object[] {
            UUID.randomUUID(),
            type.id().value(),
            provider.value(),
            location,
            people.get(i % people.size()),
            Timestamp.from(start),
            Timestamp.from(end),
            Timestamp.from(start.minus(type.bufferBefore())),
            Timestamp.from(end.plus(type.bufferAfter())),
            CREATED_BY,
            now
          });
      if (rows.size() == 2_000 || i == count - 1) {
        jdbc.batchUpdate(
            """
                INSERT INTO appointment (id, appointment_type_id, provider_id, location_id,
                    patient_id, status, starts_at, ends_at, blocked_from, blocked_until, source,
                    created_by, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, 'booked', ?, ?, ?, ?, 'staff', ?, ?, now())
                ON CONFLICT DO NOTHING
                """,
            rows);
        rows.clear();
      }
    }
    // Batched inserts answer "no count" (reWriteBatchedInserts): count what landed.
    Integer landed =
        jdbc.queryForObject(
            "SELECT count(*) FROM appointment WHERE created_by = ?", Integer.class, CREATED_BY);
    return landed == null ? 0 : landed;
  }

  /**
   * One reminder per appointment not yet used, due from {@code first} over {@code over}, as the
   * planner writes them (its start, useful until an hour before).
   */
  private static void plan(
      JdbcTemplate jdbc, String batch, int count, Instant first, Duration over, int unused) {
    jdbc.update(
        """
        INSERT INTO notification (id, kind, patient_id, appointment_id, dedupe_key, due_at,
                                  useful_until, status, data, created_at, updated_at)
        SELECT gen_random_uuid(), 'reminder', a.patient_id, a.id, ? || ':' || a.id,
               ?::timestamptz + (row_number() OVER (ORDER BY a.starts_at, a.id) - 1)
                                * (? * interval '1 millisecond') / ?,
               a.starts_at - interval '1 hour', 'scheduled',
               jsonb_build_object('start',
                 to_char(a.starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
                 'before', 'P2D'),
               now(), now()
          FROM appointment a
         WHERE a.created_by = ? AND a.status = 'booked'
           AND NOT EXISTS (SELECT 1 FROM notification n WHERE n.appointment_id = a.id)
         ORDER BY a.starts_at, a.id
         LIMIT ?
        """,
        batch,
        Timestamp.from(first),
        over.toMillis(),
        count,
        CREATED_BY,
        count);
  }

  /** Seconds to send {@code count} reminders all due now, with these nodes' passes at once. */
  private static double drain(
      JdbcTemplate jdbc, String batch, int count, Clock clock, List<Notifications> nodes)
      throws Exception {
    plan(jdbc, batch, count, clock.instant().minusSeconds(1), Duration.ZERO.plusMillis(1), 0);
    ExecutorService threads = Executors.newFixedThreadPool(nodes.size());
    long started = System.nanoTime();
    List<Future<Integer>> passes = new ArrayList<>();
    for (Notifications node : nodes) {
      passes.add(threads.submit(node::sendDue));
    }
    for (Future<Integer> pass : passes) {
      pass.get();
    }
    awaitNone(jdbc, batch, Duration.ofMinutes(10));
    double seconds = (System.nanoTime() - started) / 1e9;
    threads.shutdown();
    threads.awaitTermination(1, TimeUnit.MINUTES);
    return seconds;
  }

  private static void awaitNone(JdbcTemplate jdbc, String batch, Duration atMost)
      throws InterruptedException {
    long deadline = System.nanoTime() + atMost.toNanos();
    while (System.nanoTime() < deadline) {
      Long left =
          jdbc.queryForObject(
              "SELECT count(*) FROM notification WHERE dedupe_key LIKE ? AND status = 'scheduled'",
              Long.class,
              batch + ":%");
      if (left != null && left == 0) {
        return;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException(batch + ": reminders still waiting after " + atMost);
  }

  private static void awaitMeta(MetaStub meta, long expected) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
    while (meta.received() < expected && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    Thread.sleep(2_000); // anything sent twice would arrive now
  }

  /** Every reminder of the batch sent once: one timeline entry and one queued message each. */
  private static void check(Report report, JdbcTemplate jdbc, String batch, int expected) {
    Map<String, Object> c =
        jdbc.queryForMap(
            """
            SELECT count(*) FILTER (WHERE n.status = 'sent') AS sent,
                   count(*) FILTER (WHERE n.status = 'skipped') AS skipped,
                   (SELECT count(*) FROM notification_attempt a JOIN notification m
                       ON m.id = a.notification_id WHERE m.dedupe_key LIKE ?) AS attempts,
                   (SELECT count(*) FROM conversation_entry e JOIN notification m
                       ON m.id::text = e.data->>'notification' WHERE m.dedupe_key LIKE ?) AS entries
              FROM notification n WHERE n.dedupe_key LIKE ?
            """,
            batch + ":%",
            batch + ":%",
            batch + ":%");
    report.line(
        String.format(
            Locale.ROOT,
            "    %s: %,d planned, %s sent, %s skipped, %s timeline entries, %s queued messages%s",
            batch,
            expected,
            c.get("sent"),
            c.get("skipped"),
            c.get("entries"),
            c.get("attempts"),
            ((Number) c.get("sent")).longValue() == expected
                    && ((Number) c.get("entries")).longValue() == expected
                    && ((Number) c.get("attempts")).longValue() == expected
                ? " (exactly once each)"
                : " (NOT exactly once)"));
  }

  private static int number(Map<String, String> options, String name, int fallback) {
    return options.containsKey(name) ? Integer.parseInt(options.get(name)) : fallback;
  }
}
