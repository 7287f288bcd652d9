package org.accueil.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.accueil.AccueilApplication;
import org.accueil.integration.EhrSandbox;
import org.accueil.patients.Patients;
import org.accueil.platform.crypto.BlindIndex;
import org.accueil.platform.crypto.FieldCipher;
import org.accueil.practice.AppointmentType;
import org.accueil.practice.PracticeAdministration;
import org.accueil.practice.PracticeDirectory;
import org.accueil.scheduling.Availability;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs every benchmark in one JVM, against one freshly generated large practice, and prints a
 * Markdown report (also written to {@code target/bench/results.md}).
 *
 * <p>Options, as {@code name=value} arguments: {@code clients} (64), {@code searches} measured per
 * side (2000), {@code search-warmup} (1000), {@code per-client} distinct bookings per client (50),
 * {@code warmup-per-client} (150), {@code rounds} of contended bookings (100), {@code
 * slots-per-round} (4), {@code bookings=false} to measure the search only, {@code clock} ({@code
 * shifted}: "now" is next Tuesday 10:00 in Paris, so results don't depend on when the run happens;
 * {@code real}: the wall clock), {@code suite=audit} for the audit trail's benchmark alone, {@code
 * audit=false} to leave it out, {@code audit-rows} (200000) for the trail it verifies, {@code
 * suite=patients} for patient matching and search alone ({@link MatchBenchmark}), {@code
 * patients=false} to leave it out, {@code patients-registry} (200000) records in the registry it
 * measures, {@code match-queries} (2000) measured per kind and side, {@code match-warmup} (500),
 * {@code match-threads} (8) and {@code match-calls} (4000) for its throughput; {@code
 * suite=understanding} for the assistant's understanding alone ({@link UnderstandingBenchmark}),
 * {@code understanding=false} to leave it out, {@code understand-rounds} (20) and {@code
 * understand-http-rounds} (3) passes over the corpus measured per side; {@code suite=assistant}
 * alone for a patient's message to the assistant's answer ({@link AssistantBenchmark}; {@code
 * assistant-rate} (20/s), {@code assistant-seconds} (30)); {@code suite=integration} alone for the
 * FHIR connector against the test EHR ({@link IntegrationBenchmark}: {@code e2e-bookings} (200),
 * {@code e2e-warmup} (100), {@code e2e-gap-ms} (100), {@code ehr-poll-ms} (20), {@code
 * burst-bookings} (500), {@code burst-clients} (8), {@code slot-provider} (Smith), {@code
 * slot-searches} (100), {@code slot-warmup} (20), {@code ehr-jvm} (the test EHR's JVM options,
 * comma-separated; {@code test} for the tests' own); the wall clock unless {@code clock=shifted}).
 */
public final class Benchmarks {

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final String KEY = "bench-admin-key-0123456789abcdef";
  private static final Path WORK = Path.of("target", "bench");

  private Benchmarks() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new LinkedHashMap<>();
    for (String arg : args) {
      for (String word : arg.trim().split("\\s+")) {
        if (!word.isBlank()) {
          String[] kv = word.split("=", 2);
          options.put(kv[0], kv.length > 1 ? kv[1] : "true");
        }
      }
    }
    int clients = number(options, "clients", 64);
    int searches = number(options, "searches", 2000);
    int searchWarmup = number(options, "search-warmup", 1000);
    int perClient = number(options, "per-client", 50);
    int warmupPerClient = number(options, "warmup-per-client", 150);
    int rounds = number(options, "rounds", 100);
    int slotsPerRound = number(options, "slots-per-round", 4);
    String suiteName = options.getOrDefault("suite", "all");
    boolean integration = suiteName.equals("integration");
    // The FHIR connector compares our clock with the EHR's timestamps (its poller's first cursor,
    // the EHR's meta.lastUpdated): against the test EHR, the wall clock as it is.
    Clock clock =
        options.getOrDefault("clock", integration ? "real" : "shifted").equals("real")
            ? Clock.systemUTC()
            : shifted();

    Report report = new Report();
    report.line("# Accueil benchmark run, " + Instant.now());
    report.line("");
    report.line("Load average before start (1, 5, 15 min): " + Machine.load());

    deleteRecursively(WORK.resolve("data"));
    Files.createDirectories(WORK);
    // The test EHR first: Accueil connects to it when it starts. Its subscriptions call Accueil
    // back, so Accueil's port is chosen before it starts.
    EhrSandbox sandbox = null;
    int serverPort = 0;
    if (integration) {
      long starting = System.nanoTime();
      // A long-running server, as an EHR is: the full JIT (the tests' sandbox stops at C1 to
      // start sooner). Comma-separated; ehr-jvm=test keeps the tests' options.
      String ehrJvm =
          options.getOrDefault("ehr-jvm", "-XX:+UseSerialGC,-Xmx1g,-XX:+ExitOnOutOfMemoryError");
      if (!ehrJvm.equals("test")) {
        System.setProperty(EhrSandbox.JVM_OPTIONS_PROPERTY, ehrJvm);
      }
      sandbox = EhrSandbox.shared();
      report.line(
          String.format(
              Locale.ROOT,
              "Test EHR (tools/ehr-sandbox) built if needed and started in %.1f s",
              (System.nanoTime() - starting) / 1e9));
      try (ServerSocket socket = new ServerSocket(0)) {
        serverPort = socket.getLocalPort();
      }
    }
    SpringApplication application = new SpringApplication(AccueilApplication.class);
    application.addInitializers(
        context -> context.getBeanFactory().registerSingleton("clock", clock));
    long started = System.nanoTime();
    List<String> arguments =
        new ArrayList<>(
            List.of(
                "--server.port=" + serverPort,
                "--accueil.data-dir=" + WORK.resolve("data").toAbsolutePath(),
                "--accueil.demo.enabled=false",
                // 64 clients on one address and one key: per-client limits would measure
                // themselves, not the engine. Production keeps them on
                // (docs/security/hardening.md).
                "--accueil.rate-limit.enabled=false",
                "--accueil.bootstrap.admin-api-key=" + KEY,
                "--spring.main.banner-mode=off",
                // The channel benchmark's signed webhooks: Meta's app secret and number id.
                "--accueil.channels.whatsapp.app-secret=" + ChannelBenchmark.APP_SECRET,
                "--accueil.channels.whatsapp.phone-number-id=" + ChannelBenchmark.PHONE_NUMBER_ID,
                "--logging.level.root=WARN",
                "--logging.level.org.accueil.bench=INFO"));
    // The assistant answers only in its own suite: the others measure what they measured before
    // it existed, without its work in the dispatcher.
    arguments.add("--accueil.assistant.answers=" + suiteName.equals("assistant"));
    MetaStub meta = MetaStub.start();
    arguments.add("--accueil.channels.whatsapp.access-token=bench-access-token");
    arguments.add("--accueil.channels.whatsapp.api-base-url=" + meta.url());
    if (options.containsKey("db-url")) {
      // Another server (an empty database): to compare servers, or to profile one with
      // pg_stat_statements loaded.
      arguments.add("--accueil.db.url=" + options.get("db-url"));
      arguments.add("--accueil.db.username=" + options.getOrDefault("db-user", "postgres"));
      arguments.add("--accueil.db.password=" + options.getOrDefault("db-password", ""));
    }
    if (integration) {
      arguments.addAll(
          List.of(
              "--accueil.integration.fhir.enabled=true",
              "--accueil.integration.fhir.base-url=" + sandbox.baseUrl(),
              // The demo practice's providers are not in the test EHR: the connector creates them.
              "--accueil.integration.fhir.create-missing-practitioners=true",
              "--accueil.integration.fhir.subscription.public-url=http://127.0.0.1:" + serverPort,
              "--accueil.integration.fhir.subscription.secret="
                  + IntegrationBenchmark.SUBSCRIPTION_SECRET,
              // An hourly comparison of 30 days with the EHR: not what is measured here.
              "--accueil.integration.fhir.reconciliation.enabled=false"));
    }
    if (options.containsKey("pool")) {
      arguments.add("--accueil.db.max-pool-size=" + options.get("pool"));
    }
    try (meta;
        ConfigurableApplicationContext context =
            application.run(arguments.toArray(String[]::new))) {
      report.line(
          String.format(
              Locale.ROOT, "Application started in %.1f s", (System.nanoTime() - started) / 1e9));
      String suite = options.getOrDefault("suite", "all");
      boolean all = suite.equals("all");
      if (all) {
        run(
            context,
            clock,
            options,
            report,
            clients,
            searches,
            searchWarmup,
            perClient,
            warmupPerClient,
            rounds,
            slotsPerRound);
      }
      if (suite.equals("patients")
          || (all && !options.getOrDefault("patients", "true").equals("false"))) {
        if (!all) {
          machine(report, context.getBean(JdbcTemplate.class), context, options);
        }
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        try (HttpApi api = new HttpApi(port, KEY)) {
          // Births are dated by the wall clock: the API refuses a birth date after its today.
          MatchBenchmark.run(context, report, options, LocalDate.now(PARIS), api);
        }
      }
      if (suite.equals("channels")
          || (all && !options.getOrDefault("channels", "true").equals("false"))) {
        if (!all) {
          machine(report, context.getBean(JdbcTemplate.class), context, options);
        }
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        ChannelBenchmark.run(context, report, options, port, KEY);
      }
      if (suite.equals("assistant")) {
        machine(report, context.getBean(JdbcTemplate.class), context, options);
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        AssistantBenchmark.run(context, report, options, port, meta, clock);
      }
      if (suite.equals("understanding")
          || (all && !options.getOrDefault("understanding", "true").equals("false"))) {
        if (!all) {
          machine(report, context.getBean(JdbcTemplate.class), context, options);
        }
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        try (HttpApi api = new HttpApi(port, KEY)) {
          UnderstandingBenchmark.run(
              context, report, options, api, clock.instant().atZone(PARIS).toLocalDate());
        }
      }
      if (suite.equals("disruptions")) {
        machine(report, context.getBean(JdbcTemplate.class), context, options);
        DisruptionBenchmark.run(
            context,
            report,
            options,
            ((WebServerApplicationContext) context).getWebServer().getPort(),
            KEY,
            clock);
      }
      if (suite.equals("notifications")) {
        machine(report, context.getBean(JdbcTemplate.class), context, options);
        NotificationBenchmark.run(context, report, options, clock, meta, arguments);
      }
      if (integration) {
        machine(report, context.getBean(JdbcTemplate.class), context, options);
        IntegrationBenchmark.run(
            context,
            report,
            options,
            ((WebServerApplicationContext) context).getWebServer().getPort(),
            KEY,
            sandbox,
            clock);
      }
      if ((all || suite.equals("audit"))
          && !options.getOrDefault("audit", "true").equals("false")) {
        AuditBenchmark.run(context, report, number(options, "audit-rows", 200_000));
      }
    }
    Path out = WORK.resolve("results.md");
    Files.writeString(out, report.text());
    System.out.println("Written to " + out.toAbsolutePath());
  }

  private static void run(
      ConfigurableApplicationContext context,
      Clock clock,
      Map<String, String> options,
      Report report,
      int clients,
      int searches,
      int searchWarmup,
      int perClient,
      int warmupPerClient,
      int rounds,
      int slotsPerRound) {
    JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
    PracticeDirectory directory = context.getBean(PracticeDirectory.class);
    Availability availability = context.getBean(Availability.class);
    int port = ((WebServerApplicationContext) context).getWebServer().getPort();
    Instant now = clock.instant();
    LocalDate today = now.atZone(PARIS).toLocalDate();

    long generating = System.nanoTime();
    LargePractice practice =
        LargePractice.create(context.getBean(PracticeAdministration.class), today);
    History history =
        new History(
            jdbc,
            directory,
            context.getBean(FieldCipher.class),
            context.getBean(BlindIndex.class),
            context.getBean(JsonMapper.class));
    int sent = history.generate(practice, today, now);
    jdbc.execute("VACUUM ANALYZE");
    long[] rows = history.count();
    double generated = (System.nanoTime() - generating) / 1e9;
    AppointmentType consultation = practice.types.get(LargePractice.CONSULTATION);

    machine(report, jdbc, context, options);
    report.line("- Load average after generating the data: " + Machine.load());

    report.section("Data");
    report.line(
        String.format(
            Locale.ROOT,
            "- %d locations (zones %s), %d rooms, %d providers, %d appointment types, %d booking"
                + " rules, %d closures, %d date overrides, %d periods of time off",
            practice.locations.size(),
            practice.locations.stream().map(l -> l.zone().getId()).distinct().toList(),
            practice.rooms,
            practice.providers.size(),
            practice.types.size(),
            practice.rules,
            practice.closures,
            practice.overrides,
            practice.timeOff));
    report.line(
        String.format(
            Locale.ROOT,
            "- %d patients; %d appointments sent, %d landed (%d occupying time: booked, fulfilled;"
                + " the rest cancelled or no-show) over %d days (%s to %s)",
            History.PATIENTS,
            sent,
            rows[0],
            rows[1],
            History.PAST_DAYS + History.FUTURE_DAYS,
            today.minusDays(History.PAST_DAYS),
            today.plusDays(History.FUTURE_DAYS - 1)));
    report.line(
        String.format(
            Locale.ROOT,
            "- Occupying appointments in the 14 days searched: %d; the 30-minute type `%s` is"
                + " offered by %d providers",
            jdbc.queryForObject(
                "SELECT count(*) FROM appointment WHERE status IN ('booked', 'fulfilled')"
                    + " AND starts_at >= ? AND starts_at < ?",
                Long.class,
                java.sql.Timestamp.from(today.atStartOfDay(PARIS).toInstant()),
                java.sql.Timestamp.from(today.plusDays(14).atStartOfDay(PARIS).toInstant())),
            consultation.code(),
            consultation.providers().size()));
    report.line(
        String.format(
            Locale.ROOT,
            "- \"Now\": %s (%s); generated in %.1f s",
            now.atZone(PARIS),
            clock.equals(Clock.systemUTC()) ? "the wall clock" : "wall clock shifted",
            generated));

    if (!options.getOrDefault("contacts", "true").equals("false")) {
      contacts(context, report, number(options, "lookups", 2000));
    }

    boolean bookings = !options.getOrDefault("bookings", "true").equals("false");
    try (HttpApi api = new HttpApi(port, KEY)) {
      report.section(
          "Search: first 20 free slots, 30-minute type, all eligible providers, 14 days");
      String load = Machine.load();
      Machine.Cpu cpu = Machine.Cpu.now();
      SearchBenchmark.Result search =
          new SearchBenchmark(availability, api)
              .run(consultation.id(), today, searchWarmup, searches, 10);
      Machine.Cpu searchCpu = Machine.Cpu.now().since(cpu);
      report.line(
          "One caller at a time; "
              + searchWarmup
              + " warm-up searches per side, then "
              + searches
              + " measured per side in 10 alternating blocks. Load before: "
              + load
              + "; after: "
              + Machine.load()
              + ".");
      report.line("");
      report.line("First slot found: " + search.first() + "; " + search.slots() + " slots.");
      report.line("");
      report.line("| side | samples | p50 ms | p90 ms | p99 ms | max ms | mean ms |");
      report.line("|---|---:|---:|---:|---:|---:|---:|");
      report.latency("in process (`Availability.freeSlots`)", search.inProcess());
      report.latency("HTTP (`GET /api/v1/slots`)", search.http());
      report.line("");
      report.line(
          String.format(
              Locale.ROOT,
              "Ratio HTTP / in process: p50 %.2f, p99 %.2f. CPU over the whole search phase: JVM"
                  + " %.1f s, machine %.1f s (%s).",
              search.http().p50() / search.inProcess().p50(),
              search.http().p99() / search.inProcess().p99(),
              searchCpu.jvm(),
              searchCpu.machine(),
              searchCpu.describe()));

      if (!bookings) {
        return;
      }
      report.section("Booking throughput, " + clients + " concurrent HTTP clients");
      BookingBenchmark booking =
          new BookingBenchmark(
              availability, api, consultation, today.plusDays(1), today.plusDays(29));
      int needed = clients * perClient + 2 * rounds * slotsPerRound;
      report.line(
          "Free, non-overlapping `"
              + consultation.code()
              + "` slots found for the clients on the 29 busy days ahead: "
              + booking.available()
              + " (needed: "
              + needed
              + ").");
      if (booking.available() < needed) {
        perClient = Math.max(1, (booking.available() - 2 * rounds * slotsPerRound) / clients);
        report.line("Too few: " + perClient + " bookings per client instead.");
      }
      // The JIT compiles the booking path for tens of seconds on 2 busy cores. Warm it up on the
      // very slots and days measured next: book them and cancel them again, several times.
      int warmupRounds = Math.max(1, rounds / 5);
      booking.warmUp(clients, perClient, Math.max(1, warmupPerClient / perClient));
      booking.contended(clients, warmupRounds, slotsPerRound);
      StatementStats statements = new StatementStats(jdbc);
      statements.reset();
      String before = Machine.load();
      BookingBenchmark.Result distinct = booking.distinct(clients, perClient);
      String afterDistinct = Machine.load();
      statements.report(report, distinct.requests());
      BookingBenchmark.Result contended = booking.contended(clients, rounds, slotsPerRound);
      report.line(
          String.format(
              Locale.ROOT,
              "Warm-up, not counted: the distinct bookings booked and cancelled again %d times,"
                  + " and a fifth of the contended rounds. Distinct: %d bookings per client."
                  + " Contended: %d rounds, all %d clients released together on %d slots of"
                  + " different providers (%d racers per slot). Load before: %s; after distinct:"
                  + " %s; after contended: %s.",
              Math.max(1, warmupPerClient / perClient),
              perClient,
              rounds,
              clients,
              slotsPerRound,
              clients / slotsPerRound,
              before,
              afterDistinct,
              Machine.load()));
      report.line("");
      report.line(
          "| slots | requests | 201 | 409 | other | seconds | requests/s | bookings/s | p50 ms |"
              + " p90 ms | p99 ms | max ms | CPU s JVM / machine |");
      report.line("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
      report.booking("distinct", distinct);
      report.booking("contended", contended);
      report.line("");
      report.line("CPU seconds by part, distinct: " + distinct.cpu().describe() + ".");
      report.line("CPU seconds by part, contended: " + contended.cpu().describe() + ".");
      report.line("");
      report.line(
          String.format(
              Locale.ROOT,
              "Ratio contended / distinct: requests/s %.2f, p99 %.2f. Contended rounds expected"
                  + " %d bookings (201): got %d.",
              contended.requestsPerSecond() / distinct.requestsPerSecond(),
              contended.latency().p99() / distinct.latency().p99(),
              rounds * slotsPerRound,
              contended.booked()));
    }

    report.section("Overlaps");
    Map<String, Long> overlaps = Overlaps.count(jdbc);
    overlaps.forEach((what, n) -> report.line("- " + what + ": " + n));
    report.line(
        "- appointments booked over HTTP in this run: "
            + jdbc.queryForObject(
                "SELECT count(*) FROM appointment WHERE created_by LIKE 'api-key:%'", Long.class));
    report.line("- load average at the end: " + Machine.load());
  }

  private static void machine(
      Report report,
      JdbcTemplate jdbc,
      ConfigurableApplicationContext context,
      Map<String, String> options) {
    report.section("Machine");
    report.line("- CPU: " + Machine.cores() + " cores, " + Machine.cpuModel());
    report.line("- RAM: " + Machine.memory());
    report.line(
        "- JDK: "
            + Runtime.version()
            + " ("
            + System.getProperty("java.vm.name")
            + "), heap "
            + Runtime.getRuntime().maxMemory() / (1024 * 1024)
            + " MiB");
    report.line(
        "- PostgreSQL: "
            + jdbc.queryForObject("SELECT version()", String.class)
            + (options.containsKey("db-url")
                ? " at " + options.get("db-url")
                : " (embedded, the default deployment)")
            + ", shared_buffers "
            + jdbc.queryForObject("SHOW shared_buffers", String.class));
    report.line(
        "- Connection pool: "
            + jdbc.queryForObject("SHOW max_connections", String.class)
            + " server connections allowed; Hikari pool "
            + context.getEnvironment().getProperty("accueil.db.max-pool-size", "20"));
  }

  private static void contacts(ConfigurableApplicationContext context, Report report, int lookups) {
    ContactBenchmark contacts =
        new ContactBenchmark(
            context.getBean(FieldCipher.class),
            context.getBean(BlindIndex.class),
            context.getBean(Patients.class),
            context.getBean(JdbcClient.class));
    report.section("Sealed contact details: one field, and a lookup by phone");
    ContactBenchmark.FieldCost cost = contacts.fieldCost(200_000, 200_000);
    report.line(
        String.format(
            Locale.ROOT,
            "One E.164 phone (12 characters), mean of 200,000 calls after as many warm-up calls:"
                + " encrypt %.2f µs, decrypt %.2f µs (AES256-GCM, so %.2f µs per field written and"
                + " read back); blind index %.2f µs (HMAC-SHA256), lookup candidates %.2f µs (one"
                + " per key in the index keyset).",
            cost.encrypt(),
            cost.decrypt(),
            cost.encrypt() + cost.decrypt(),
            cost.index(),
            cost.candidates()));
    report.line("");
    ContactBenchmark.Lookups found = contacts.lookups(lookups / 2, lookups, 10);
    report.line(
        "Find one patient by phone among "
            + History.PATIENTS
            + " (written \"06 ...\", normalised to E.164 first), in process, one caller at a time, "
            + lookups
            + " lookups per side in alternating blocks after "
            + lookups / 2
            + " warm-up lookups. Before encryption the phone column had no index.");
    report.line("");
    report.line("| lookup | samples | p50 ms | p90 ms | p99 ms | max ms | mean ms |");
    report.line("|---|---:|---:|---:|---:|---:|---:|");
    report.latency("sealed, blind index (`Patients.search`)", found.sealed());
    report.latency("plaintext as before (no index on phone)", found.plaintext());
    report.latency("sealed, blind index (second run)", found.sealedAgain());
    report.latency("plaintext with an index on phone", found.plaintextIndexed());
  }

  /**
   * The wall clock, moved to start next Tuesday at 10:00 in Paris: a weekday morning at the front
   * desk, whatever day and hour the benchmark runs. Time still flows.
   */
  private static Clock shifted() {
    ZonedDateTime real = ZonedDateTime.now(PARIS);
    ZonedDateTime start =
        real.toLocalDate()
            .with(TemporalAdjusters.next(DayOfWeek.TUESDAY))
            .atTime(LocalTime.of(10, 0))
            .atZone(PARIS);
    return Clock.offset(Clock.systemUTC(), Duration.between(real, start));
  }

  private static int number(Map<String, String> options, String name, int fallback) {
    return options.containsKey(name) ? Integer.parseInt(options.get(name)) : fallback;
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
