package org.accueil.bench;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.accueil.demo.DemoPractice;
import org.accueil.integration.EhrSandbox;
import org.accueil.integration.fhir.FhirClients;
import org.accueil.integration.fhir.FhirSlotSearch;
import org.accueil.practice.AppointmentType;
import org.accueil.practice.PracticeAdministration;
import org.accueil.practice.PracticeDirectory;
import org.accueil.practice.PracticeSnapshot;
import org.accueil.practice.Provider;
import org.accueil.practice.ProviderId;
import org.accueil.scheduling.Availability;
import org.accueil.scheduling.Commands.SlotSearch;
import org.accueil.scheduling.model.Slot;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Schedule;
import org.hl7.fhir.r4.model.Subscription;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Accueil connected to the test EHR (tools/ehr-sandbox, a HAPI FHIR JPA server in a JVM of its own)
 * through the FHIR connector, as a practice runs it: subscriptions and polling on, the outbox
 * delivering. Three measures:
 *
 * <ol>
 *   <li>End-to-end latency: bookings over the REST API one at a time; from each booking's 201 to
 *       the moment a search of the EHR by our identifier finds the Appointment (the benchmark asks
 *       every {@code ehr-poll-ms}), beside two other clocks of the same event: the EHR's own stamp
 *       ({@code meta.lastUpdated}, the start of its write) and the arrival of the EHR's rest-hook
 *       notification at a subscriber on localhost.
 *   <li>Outbox throughput: a burst of bookings from concurrent clients, then the time until the
 *       outbox delivered every one, and each row's lag (created → delivered) from {@code
 *       integration_outbox}; then every Appointment looked up in the EHR: exactly one each.
 *   <li>Slot search side by side: a provider's free slots over FHIR from our facade ({@code
 *       /fhir/r4}, computed live by the availability engine) and from the EHR, which holds the same
 *       slots as stored {@code Slot} resources (copied from the facade's answer), the same {@code
 *       Slot?schedule.actor=Practitioner/X&start=ge&start=lt&status=free} search with HAPI's
 *       generic client, over 1, 7 and 31 days, in alternating blocks.
 * </ol>
 */
final class IntegrationBenchmark {

  static final String SUBSCRIPTION_SECRET = "bench-subscription-secret";
  private static final String OUR_APPOINTMENTS = "https://accueil.health/sid/appointment";
  private static final String BENCH_SYSTEM = "urn:accueil:bench";
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final Duration FOUND_TIMEOUT = Duration.ofSeconds(60);

  private final ConfigurableApplicationContext context;
  private final Report report;
  private final Map<String, String> options;
  private final EhrSandbox sandbox;
  private final JdbcTemplate jdbc;
  private final JsonMapper json;
  private final HttpApi api;
  private final String accueilBase;
  private final String key;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final IParser parser = FhirContext.forR4Cached().newJsonParser();
  private final AtomicInteger patients = new AtomicInteger();

  private IntegrationBenchmark(
      ConfigurableApplicationContext context,
      Report report,
      Map<String, String> options,
      int port,
      String key,
      EhrSandbox sandbox,
      HttpApi api) {
    this.context = context;
    this.report = report;
    this.options = options;
    this.sandbox = sandbox;
    this.jdbc = context.getBean(JdbcTemplate.class);
    this.json = context.getBean(JsonMapper.class);
    this.api = api;
    this.accueilBase = "http://127.0.0.1:" + port;
    this.key = key;
  }

  static void run(
      ConfigurableApplicationContext context,
      Report report,
      Map<String, String> options,
      int port,
      String key,
      EhrSandbox sandbox,
      Clock clock)
      throws Exception {
    try (HttpApi api = new HttpApi(port, key);
        Notifications notifications = Notifications.start()) {
      new IntegrationBenchmark(context, report, options, port, key, sandbox, api)
          .run(clock, notifications);
    }
  }

  private void run(Clock clock, Notifications notifications) throws Exception {
    int e2e = number("e2e-bookings", 200);
    int e2eWarmup = number("e2e-warmup", 100);
    int burst = number("burst-bookings", 500);
    LocalDate today = clock.instant().atZone(PARIS).toLocalDate();
    PracticeDirectory directory = context.getBean(PracticeDirectory.class);
    if (directory.snapshot().providers().stream()
        .noneMatch(p -> p.familyName().equals("Phillips"))) {
      DemoPractice.create(context.getBean(PracticeAdministration.class), today);
    }
    PracticeSnapshot snapshot = directory.snapshot();
    AppointmentType followUp =
        snapshot.appointmentTypes().stream()
            .filter(t -> t.code().equals("follow-up"))
            .findFirst()
            .orElseThrow();
    Provider slotProvider = provider(snapshot, options.getOrDefault("slot-provider", "Smith"));

    report.section("Integration: the FHIR connector against the test EHR");
    report.line(
        "- Test EHR: tools/ehr-sandbox (HAPI FHIR JPA R4, H2 file database, rest-hook"
            + " subscriptions), a JVM of its own on this machine ("
            + String.join(" ", sandboxJvmOptions())
            + "), at "
            + sandbox.baseUrl()
            + "; what it says about itself: "
            + ehrSoftware()
            + ".");
    report.line(
        "- Accueil: the demo practice (6 providers, 8 appointment types); connector on"
            + " (`accueil.integration.fhir.enabled`, subscriptions to `Appointment?` and"
            + " `Slot?status=busy-unavailable` with a shared secret, polling every "
            + context
                .getEnvironment()
                .getProperty("accueil.integration.fhir.polling.interval", "5s")
            + ", missing Practitioners created, reconciliation off), outbox with "
            + context.getEnvironment().getProperty("accueil.integration.outbox.workers", "2")
            + " workers and claims of "
            + context.getEnvironment().getProperty("accueil.integration.outbox.batch-size", "10")
            + " rows.");
    report.line("- Connector's subscriptions in the EHR: " + awaitConnectorSubscriptions() + ".");

    // Bookings: follow-up visits (15 min) of the providers without booking rules, never the
    // provider whose slots are searched below (so that search sees the same schedule whatever the
    // booking phases took), one non-overlapping slot each, for a new patient given by details.
    Set<ProviderId> bookable = new LinkedHashSet<>();
    for (ProviderId provider : followUp.providers()) {
      boolean ruled = snapshot.rules().stream().anyMatch(r -> provider.equals(r.provider()));
      if (!provider.equals(slotProvider.id()) && !ruled) {
        bookable.add(provider);
      }
    }
    List<Slot> slots = distinctSlots(followUp, bookable, today, e2eWarmup + e2e + burst);
    report.line(
        String.format(
            Locale.ROOT,
            "- Bookings: `%s` (15 min) with %s, a new patient given by details each (so every push"
                + " also writes a Patient); %d distinct free slots from %s on.",
            followUp.code(),
            bookable.stream()
                .map(id -> snapshot.provider(id).orElseThrow().displayName())
                .collect(Collectors.joining(", ")),
            slots.size(),
            today.plusDays(1)));
    if (slots.size() < e2eWarmup + e2e + burst) {
      throw new IllegalStateException("Too few free slots: " + slots.size());
    }
    String subscription = notifications.subscribe(sandbox.client());
    report.line(
        "- The benchmark's own rest-hook subscription in the EHR (`Appointment?status=booked`,"
            + " full resource, to a JDK HTTP server on localhost): Subscription/"
            + subscription
            + ", active.");

    endToEnd(slots.subList(0, e2eWarmup + e2e), e2eWarmup, followUp, notifications);
    burst(slots.subList(e2eWarmup + e2e, e2eWarmup + e2e + burst), followUp);
    slotSearch(slotProvider, today);
  }

  // ---------------------------------------------------------------- end-to-end latency

  private void endToEnd(
      List<Slot> slots, int warmup, AppointmentType type, Notifications notifications)
      throws Exception {
    int gap = number("e2e-gap-ms", 100);
    int pollMillis = number("ehr-poll-ms", 20);
    report.section("Integration: a booking in Accueil to an Appointment in the EHR");
    Latencies posted = new Latencies();
    Latencies found = new Latencies();
    Latencies stamped = new Latencies();
    Latencies notified = new Latencies();
    Map<String, Long> answered = new LinkedHashMap<>();
    Map<String, Instant> answeredWall = new HashMap<>();
    Latencies recorded = new Latencies();
    int negativeStamps = 0;
    int polls = 0;
    int failed = 0;
    String loadBefore = Machine.load();
    Machine.Cpu cpu = null;
    double sandboxCpu = 0;
    long outboxBefore = 0;
    for (int i = 0; i < slots.size(); i++) {
      if (i == warmup) {
        outboxBefore = maxOutboxId();
        cpu = Machine.Cpu.now();
        sandboxCpu = sandboxCpuSeconds();
        loadBefore = Machine.load();
      }
      boolean measured = i >= warmup;
      long sent = System.nanoTime();
      HttpResponse<String> response = book(slots.get(i), type);
      long ok = System.nanoTime();
      Instant okWall = Instant.now();
      if (response.statusCode() != 201) {
        failed++;
        continue;
      }
      String id = json.readTree(response.body()).get("id").asString();
      String search =
          sandbox.baseUrl()
              + "/Appointment?identifier="
              + URLEncoder.encode(OUR_APPOINTMENTS + "|" + id, StandardCharsets.UTF_8);
      Appointment appointment = null;
      while (appointment == null) {
        String body = get(search);
        polls++;
        if (body.contains("\"entry\"")) {
          long at = System.nanoTime();
          Bundle bundle = parser.parseResource(Bundle.class, body);
          appointment = (Appointment) bundle.getEntryFirstRep().getResource();
          if (measured) {
            found.record(at - ok);
          }
        } else if (System.nanoTime() - ok > FOUND_TIMEOUT.toNanos()) {
          throw new IllegalStateException(
              "Appointment " + id + " not in the EHR " + FOUND_TIMEOUT + " after its 201");
        } else {
          Thread.sleep(pollMillis);
        }
      }
      if (measured) {
        posted.record(ok - sent);
        answered.put(id, ok);
        answeredWall.put(id, okWall);
        long stamp =
            appointment.getMeta().getLastUpdated().toInstant().toEpochMilli() * 1_000_000L
                - (okWall.getEpochSecond() * 1_000_000_000L + okWall.getNano());
        if (stamp < 0) {
          negativeStamps++;
        }
        stamped.record(stamp);
      }
      Thread.sleep(gap);
    }
    Machine.Cpu used = Machine.Cpu.now().since(cpu);
    double sandboxUsed = sandboxCpuSeconds() - sandboxCpu;
    String loadAfter = Machine.load();
    // The EHR's notifications of the last bookings may still be on their way.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!notifications.arrived.keySet().containsAll(answered.keySet())
        && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    int missing = 0;
    for (var e : answered.entrySet()) {
      Long arrived = notifications.arrived.get(e.getKey());
      if (arrived == null) {
        missing++;
      } else {
        notified.record(arrived - e.getValue());
      }
    }
    Outbox lag = outboxLag(outboxBefore);
    jdbc.query(
        "SELECT substr(key, 13) AS id, delivered_at FROM integration_outbox WHERE id > ? AND"
            + " destination = 'fhir' AND kind = 'appointment.booked' AND delivered_at IS NOT NULL",
        rs -> {
          Instant okWall = answeredWall.get(rs.getString("id"));
          if (okWall != null) {
            recorded.record(
                Duration.between(okWall, rs.getTimestamp("delivered_at").toInstant()).toNanos());
          }
        },
        outboxBefore);

    report.line(
        String.format(
            Locale.ROOT,
            "`POST /api/v1/appointments` one at a time (%d warm-up bookings first, not counted: they"
                + " also create each provider's Practitioner and the Location in the EHR), %d ms"
                + " after each Appointment was found. From each 201: a search of the EHR by our"
                + " identifier (`Appointment?identifier=%s|<id>`, JDK HTTP client) every %d ms"
                + " until it answers with the Appointment (%.1f searches per booking). The same"
                + " event by three other clocks, all the machine's wall clock: the EHR's"
                + " `meta.lastUpdated` (it stamps the start of its write), the outbox row's"
                + " `delivered_at` (Accueil records it once the EHR has answered) and the arrival"
                + " of the EHR's rest-hook notification at the benchmark's subscriber. Load"
                + " before: %s; after: %s.",
            warmup,
            gap,
            OUR_APPOINTMENTS,
            pollMillis,
            polls / (double) slots.size(),
            loadBefore,
            loadAfter));
    report.line("");
    report.line("| measure | bookings | p50 ms | p90 ms | p95 ms | p99 ms | max ms | mean ms |");
    report.line("|---|---:|---:|---:|---:|---:|---:|---:|");
    Latencies.Summary foundSummary = found.take();
    row("booking answered (POST → 201)", posted.take());
    row("**201 → found in the EHR by our identifier**", foundSummary);
    row("201 → the EHR's stamp (`meta.lastUpdated`)", stamped.take());
    row("201 → the EHR's rest-hook notification arrives", notified.take());
    row("201 → the outbox row marked delivered (`delivered_at`)", recorded.take());
    row("outbox row created → delivered (Accueil's database)", lag.lag());
    row("outbox row created → delivery attempt started", lag.queued());
    row("delivery attempt (the connector's calls to the EHR)", lag.attempt());
    report.line("");
    report.line(
        String.format(
            Locale.ROOT,
            "Target: p95 ≤ 1,000 ms from the booking to the Appointment in the EHR. %s: p95 %.0f"
                + " ms over %d bookings (max %.0f ms). Bookings not answered 201: %d. EHR stamps"
                + " before the 201 reached the benchmark: %d (the push began while the 201 was on"
                + " its way). Notifications missing after 30 s: %d. Outbox rows: %s;"
                + " attempts %d for %d rows.",
            foundSummary.p95() <= 1000 ? "Met" : "Not met",
            foundSummary.p95(),
            foundSummary.count(),
            foundSummary.max(),
            failed,
            negativeStamps,
            missing,
            lag.states(),
            lag.attempts(),
            lag.rows()));
    report.line(
        String.format(
            Locale.ROOT,
            "CPU over the measured bookings: this JVM %.1f s (%s), the EHR's JVM %.1f s, machine"
                + " %.1f s.",
            used.jvm(),
            used.describe(),
            sandboxUsed,
            used.machine()));
  }

  // ---------------------------------------------------------------- outbox throughput

  private void burst(List<Slot> slots, AppointmentType type) throws Exception {
    int clients = number("burst-clients", 8);
    report.section("Integration: outbox throughput to the EHR");
    long outboxBefore = maxOutboxId();
    ConcurrentLinkedQueue<String> ids = new ConcurrentLinkedQueue<>();
    Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    AtomicInteger next = new AtomicInteger();
    String loadBefore = Machine.load();
    Machine.Cpu cpu = Machine.Cpu.now();
    double sandboxCpu = sandboxCpuSeconds();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    long start = System.nanoTime();
    List<Future<?>> done = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      done.add(
          pool.submit(
              () -> {
                for (int i = next.getAndIncrement(); i < slots.size(); i = next.getAndIncrement()) {
                  HttpResponse<String> response = book(slots.get(i), type);
                  statuses
                      .computeIfAbsent(response.statusCode(), k -> new AtomicInteger())
                      .incrementAndGet();
                  if (response.statusCode() == 201) {
                    ids.add(json.readTree(response.body()).get("id").asString());
                  }
                }
                return null;
              }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();
    long written = System.nanoTime();
    String loadWritten = Machine.load();
    long deadline = written + TimeUnit.MINUTES.toNanos(10);
    while (true) {
      Map<String, Object> counts =
          jdbc.queryForMap(
              "SELECT count(*) AS total, count(*) FILTER (WHERE state IN ('delivered', 'dead')) AS"
                  + " settled FROM integration_outbox WHERE id > ? AND destination = 'fhir'",
              outboxBefore);
      long total = ((Number) counts.get("total")).longValue();
      long settled = ((Number) counts.get("settled")).longValue();
      if (total >= ids.size() && settled == total) {
        break;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("Outbox not drained after 10 min: " + counts);
      }
      Thread.sleep(20);
    }
    long drained = System.nanoTime();
    Machine.Cpu used = Machine.Cpu.now().since(cpu);
    double sandboxUsed = sandboxCpuSeconds() - sandboxCpu;
    String loadDrained = Machine.load();
    Outbox lag = outboxLag(outboxBefore);
    Map<String, Object> span =
        jdbc.queryForMap(
            "SELECT extract(epoch FROM max(delivered_at) - min(created_at)) AS span,"
                + " extract(epoch FROM max(created_at) - min(created_at)) AS writing"
                + " FROM integration_outbox WHERE id > ? AND destination = 'fhir'",
            outboxBefore);
    double deliverySpan = ((Number) span.get("span")).doubleValue();
    double writingSpan = ((Number) span.get("writing")).doubleValue();

    // Every booking exactly once in the EHR.
    Map<Integer, Integer> copies = new HashMap<>();
    for (String id : ids) {
      String body =
          get(
              sandbox.baseUrl()
                  + "/Appointment?_summary=count&identifier="
                  + URLEncoder.encode(OUR_APPOINTMENTS + "|" + id, StandardCharsets.UTF_8));
      int total = parser.parseResource(Bundle.class, body).getTotal();
      copies.merge(total, 1, Integer::sum);
    }

    double writeSeconds = (written - start) / 1e9;
    report.line(
        String.format(
            Locale.ROOT,
            "%d bookings from %d concurrent HTTP clients as fast as they are answered (statuses"
                + " %s), each a new patient; the outbox delivers while they are written. Then the"
                + " benchmark reads `integration_outbox` every 20 ms until every row of the"
                + " burst is delivered (or dead). Load before: %s; when written: %s; when"
                + " delivered: %s.",
            slots.size(),
            clients,
            statuses,
            loadBefore,
            loadWritten,
            loadDrained));
    report.line("");
    report.line(
        "| bookings | written in s | written/s | all delivered after s | delivered/s | after"
            + " the last 201, s | retries | dead |");
    report.line("|---:|---:|---:|---:|---:|---:|---:|---:|");
    report.line(
        String.format(
            Locale.ROOT,
            "| %d | %.2f | %.0f | %.2f | %.1f | %.2f | %d | %d |",
            ids.size(),
            writeSeconds,
            ids.size() / writeSeconds,
            (drained - start) / 1e9,
            lag.rows() / deliverySpan,
            (drained - written) / 1e9,
            lag.attempts() - lag.rows(),
            lag.dead()));
    report.line("");
    report.line("| per outbox row | rows | p50 ms | p90 ms | p95 ms | p99 ms | max ms | mean ms |");
    report.line("|---|---:|---:|---:|---:|---:|---:|---:|");
    row("created → delivered (lag)", lag.lag());
    row("created → attempt started (waiting)", lag.queued());
    row("attempt (the connector's calls to the EHR)", lag.attempt());
    report.line("");
    report.line(
        String.format(
            Locale.ROOT,
            "Delivered/s: rows over the span from the first row's creation to the last delivery"
                + " (%.2f s; the rows were created over %.2f s). In the EHR, Appointments per"
                + " booking (a search by our identifier each): %s. Outbox rows: %s. CPU: this JVM"
                + " %.1f s (%s), the EHR's JVM %.1f s, machine %.1f s.",
            deliverySpan,
            writingSpan,
            copies,
            lag.states(),
            used.jvm(),
            used.describe(),
            sandboxUsed,
            used.machine()));
  }

  // ---------------------------------------------------------------- slot search

  private void slotSearch(Provider provider, LocalDate today) throws Exception {
    int searches = number("slot-searches", 100);
    int warmup = number("slot-warmup", 20);
    report.section("Integration: Slot search, our facade and the EHR side by side");
    IGenericClient ours = FhirClients.accueil(accueilBase, key);
    ours.setEncoding(EncodingEnum.JSON);
    IGenericClient theirs = FhirClients.client(sandbox.baseUrl(), null);
    theirs.setEncoding(EncodingEnum.JSON);
    LocalDate monday = today.plusDays(1).with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
    Instant from = monday.atStartOfDay(PARIS).toInstant();
    List<Integer> windows = List.of(1, 7, 31);
    Instant to = windowEnd(monday, windows.getLast());

    // The facade's answer for the widest window, copied into the EHR as stored Slots of one
    // Schedule of a Practitioner of its own.
    List<org.hl7.fhir.r4.model.Slot> live =
        FhirSlotSearch.free(ours, provider.id().toString(), from, to, null);
    long loading = System.nanoTime();
    Practitioner practitioner = new Practitioner();
    practitioner
        .addIdentifier()
        .setSystem(BENCH_SYSTEM + ":practitioner")
        .setValue(provider.id().toString());
    practitioner.addName().setFamily(provider.familyName()).addGiven(provider.givenName());
    String practitionerId = theirs.create().resource(practitioner).execute().getId().getIdPart();
    Schedule schedule = new Schedule();
    schedule.setActive(true);
    schedule.addActor(new Reference("Practitioner/" + practitionerId));
    schedule.setPlanningHorizon(
        new Period().setStart(java.util.Date.from(from)).setEnd(java.util.Date.from(to)));
    Set<String> codes = new LinkedHashSet<>();
    for (var slot : live) {
      for (CodeableConcept service : slot.getServiceType()) {
        Coding coding = service.getCodingFirstRep();
        if (codes.add(coding.getSystem() + "|" + coding.getCode())) {
          schedule.addServiceType(service.copy());
        }
      }
    }
    String scheduleId = theirs.create().resource(schedule).execute().getId().getIdPart();
    for (int i = 0; i < live.size(); i += 500) {
      Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
      for (var slot : live.subList(i, Math.min(live.size(), i + 500))) {
        var copy = new org.hl7.fhir.r4.model.Slot();
        copy.addIdentifier(
            new Identifier()
                .setSystem(BENCH_SYSTEM + ":slot")
                .setValue(slot.getIdElement().getIdPart()));
        copy.setSchedule(new Reference("Schedule/" + scheduleId));
        copy.setStatus(org.hl7.fhir.r4.model.Slot.SlotStatus.FREE);
        slot.getServiceType().forEach(s -> copy.addServiceType(s.copy()));
        copy.setStartElement(slot.getStartElement().copy());
        copy.setEndElement(slot.getEndElement().copy());
        transaction
            .addEntry()
            .setResource(copy)
            .getRequest()
            .setMethod(Bundle.HTTPVerb.POST)
            .setUrl("Slot");
      }
      theirs.transaction().withBundle(transaction).execute();
    }
    double loaded = (System.nanoTime() - loading) / 1e9;
    // The connector polls the EHR's Slots by _lastUpdated: let it read these before measuring.
    long settling = System.nanoTime();
    long inboxRows = awaitInboxSettled();
    double settled = (System.nanoTime() - settling) / 1e9;

    report.line(
        String.format(
            Locale.ROOT,
            "%s's free slots (every type they offer: %s) from Monday %s for 31 days, as our facade"
                + " computes them (`GET /fhir/r4/Slot?schedule.actor=Practitioner/%s&start=ge…"
                + "&start=lt…&status=free&_count=%d`): %d slots, copied into the EHR as stored"
                + " `Slot` resources of one `Schedule` of a `Practitioner` of their own (%d"
                + " transactions of up to 500, %.1f s); the connector's poller read the EHR's new"
                + " Slots into its inbox (%d rows, settled %.1f s later) before the measures began."
                + " Then the same search in both, HAPI's generic client (JSON, keep-alive, next"
                + " links followed to the last page), one caller at a time: %d warm-up searches"
                + " per side and window, then %d measured per side in 10 alternating blocks.",
            provider.displayName(),
            codes.stream().map(c -> c.substring(c.indexOf('|') + 1)).toList(),
            monday,
            provider.id(),
            FhirSlotSearch.PAGE,
            live.size(),
            (live.size() + 499) / 500,
            loaded,
            inboxRows,
            settled,
            warmup,
            searches));
    report.line("");
    report.line(
        "| window | slots | pages ours / EHR | side | p50 ms | p90 ms | p99 ms | max ms | mean ms"
            + " |");
    report.line("|---|---:|---:|---|---:|---:|---:|---:|---:|");
    List<String> ratios = new ArrayList<>();
    for (int days : windows) {
      Instant end = windowEnd(monday, days);
      String practitionerRef = "Practitioner/" + practitionerId;
      List<org.hl7.fhir.r4.model.Slot> a =
          FhirSlotSearch.free(ours, provider.id().toString(), from, end, null);
      List<org.hl7.fhir.r4.model.Slot> b =
          FhirSlotSearch.free(theirs, practitionerRef, from, end, null);
      if (!sameSlots(a, b)) {
        throw new IllegalStateException(
            "Not the same slots over " + days + " days: ours " + a.size() + ", EHR " + b.size());
      }
      String pages =
          pages(ours, provider.id().toString(), from, end)
              + " / "
              + pages(theirs, practitionerRef, from, end);
      String loadBefore = Machine.load();
      Machine.Cpu cpu = Machine.Cpu.now();
      double sandboxCpu = sandboxCpuSeconds();
      for (int i = 0; i < warmup; i++) {
        FhirSlotSearch.free(ours, provider.id().toString(), from, end, null);
        FhirSlotSearch.free(theirs, practitionerRef, from, end, null);
      }
      Latencies ourTimes = new Latencies();
      Latencies theirTimes = new Latencies();
      int block = Math.max(1, searches / 10);
      for (int round = 0; round < 10; round++) {
        for (int i = 0; i < block; i++) {
          long t = System.nanoTime();
          FhirSlotSearch.free(ours, provider.id().toString(), from, end, null);
          ourTimes.since(t);
        }
        for (int i = 0; i < block; i++) {
          long t = System.nanoTime();
          FhirSlotSearch.free(theirs, practitionerRef, from, end, null);
          theirTimes.since(t);
        }
      }
      Machine.Cpu used = Machine.Cpu.now().since(cpu);
      double sandboxUsed = sandboxCpuSeconds() - sandboxCpu;
      Latencies.Summary o = ourTimes.take();
      Latencies.Summary t = theirTimes.take();
      String window = days + (days == 1 ? " day" : " days");
      slotRow(window, a.size(), pages, "Accueil `/fhir/r4` (computed live)", o);
      slotRow(window, b.size(), pages, "EHR (stored Slots, HAPI JPA + H2)", t);
      ratios.add(
          String.format(
              Locale.ROOT,
              "%s: p50 %.2f, p99 %.2f (load %s → %s; CPU: this JVM %.1f s: %s; the EHR's JVM %.1f"
                  + " s)",
              window,
              t.p50() / o.p50(),
              t.p99() / o.p99(),
              loadBefore,
              Machine.load(),
              used.jvm(),
              used.describe(),
              sandboxUsed));
    }
    report.line("");
    report.line("Ratio EHR / Accueil, " + String.join("; ", ratios) + ".");
  }

  /**
   * One second before midnight at the end of the window: {@code start=lt<midnight>} would be the
   * same slots, but our facade counts the day of an instant upper bound as searched and refuses 31
   * days ending at midnight as 32.
   */
  private static Instant windowEnd(LocalDate first, int days) {
    return first.plusDays(days).atStartOfDay(PARIS).toInstant().minusSeconds(1);
  }

  /** Same starts, ends and types, in the same order. */
  private static boolean sameSlots(
      List<org.hl7.fhir.r4.model.Slot> a, List<org.hl7.fhir.r4.model.Slot> b) {
    return describe(a).equals(describe(b));
  }

  private static List<String> describe(List<org.hl7.fhir.r4.model.Slot> slots) {
    return slots.stream()
        .map(
            s ->
                s.getStart().toInstant()
                    + "/"
                    + s.getEnd().toInstant()
                    + "/"
                    + s.getServiceTypeFirstRep().getCodingFirstRep().getCode())
        .sorted()
        .toList();
  }

  /** How many pages the search takes on that server, asking for {@value FhirSlotSearch#PAGE}. */
  private static int pages(IGenericClient client, String practitioner, Instant from, Instant to) {
    Bundle first =
        client
            .search()
            .forResource(org.hl7.fhir.r4.model.Slot.class)
            .where(
                org.hl7.fhir.r4.model.Slot.SCHEDULE.hasChainedProperty(
                    Schedule.ACTOR.hasId(
                        practitioner.contains("/")
                            ? practitioner
                            : "Practitioner/" + practitioner)))
            .and(org.hl7.fhir.r4.model.Slot.START.afterOrEquals().second(java.util.Date.from(from)))
            .and(org.hl7.fhir.r4.model.Slot.START.before().second(java.util.Date.from(to)))
            .and(org.hl7.fhir.r4.model.Slot.STATUS.exactly().code("free"))
            .count(FhirSlotSearch.PAGE)
            .returnBundle(Bundle.class)
            .execute();
    int pages = 1;
    for (Bundle page = first; page.getLink(Bundle.LINK_NEXT) != null; pages++) {
      page = client.loadPage().next(page).execute();
    }
    return pages;
  }

  /** Waits until the connector's inbox has applied everything and stopped growing for 12 s. */
  private long awaitInboxSettled() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    long last = -1;
    long stableSince = System.nanoTime();
    while (System.nanoTime() < deadline) {
      Map<String, Object> counts =
          jdbc.queryForMap(
              "SELECT count(*) AS total, count(*) FILTER (WHERE applied_at IS NULL AND attempts <"
                  + " 8) AS open FROM fhir_inbox");
      long total = ((Number) counts.get("total")).longValue();
      long open = ((Number) counts.get("open")).longValue();
      if (total != last || open > 0) {
        last = total;
        stableSince = System.nanoTime();
      } else if (System.nanoTime() - stableSince > TimeUnit.SECONDS.toNanos(12)) {
        return total;
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("The connector's inbox did not settle within 5 minutes");
  }

  // ---------------------------------------------------------------- helpers

  private HttpResponse<String> book(Slot slot, AppointmentType type) {
    int n = patients.incrementAndGet();
    String body =
        "{\"appointmentTypeId\":\""
            + type.id()
            + "\",\"providerId\":\""
            + slot.provider()
            + "\",\"start\":\""
            + slot.localStart()
            + "\",\"patient\":{\"givenName\":\"Bench\",\"familyName\":\"Integration "
            + inLetters(n)
            + "\",\"birthDate\":\""
            + LocalDate.of(1950, 1, 1).plusDays(n % 20_000)
            + "\"}}";
    return api.post("/api/v1/appointments", body);
  }

  /** 1 → "b", 26 → "ba": names without digits, which the registry refuses. */
  private static String inLetters(int n) {
    StringBuilder s = new StringBuilder();
    do {
      s.insert(0, (char) ('a' + n % 26));
      n /= 26;
    } while (n > 0);
    s.setCharAt(0, Character.toUpperCase(s.charAt(0)));
    return s.toString();
  }

  /** Free slots of the type, at most one per provider at any time, soonest first. */
  private List<Slot> distinctSlots(
      AppointmentType type, Set<ProviderId> providers, LocalDate today, int needed) {
    Availability availability = context.getBean(Availability.class);
    List<Slot> all = new ArrayList<>();
    LocalDate day = today.plusDays(1);
    Map<ProviderId, Instant> busyUntil = new HashMap<>();
    while (all.size() < needed && day.isBefore(today.plusDays(365))) {
      List<Slot> free =
          new ArrayList<>(
              availability.freeSlots(
                  new SlotSearch(type.id(), day, day.plusDays(6), providers, null, null, 5000)));
      free.sort(Comparator.comparing(Slot::start));
      for (Slot slot : free) {
        Instant until = busyUntil.get(slot.provider());
        if (until == null || !slot.start().isBefore(until)) {
          all.add(slot);
          busyUntil.put(slot.provider(), slot.end());
        }
      }
      day = day.plusDays(7);
    }
    return all.size() > needed ? new ArrayList<>(all.subList(0, needed)) : all;
  }

  private static Provider provider(PracticeSnapshot snapshot, String familyName) {
    return snapshot.providers().stream()
        .filter(p -> p.familyName().equalsIgnoreCase(familyName))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("No provider named " + familyName));
  }

  private record Outbox(
      Latencies.Summary lag,
      Latencies.Summary queued,
      Latencies.Summary attempt,
      long rows,
      long attempts,
      long dead,
      Map<String, Long> states) {}

  /** The lag of the connector's outbox rows written after {@code afterId}, from the database. */
  private Outbox outboxLag(long afterId) {
    Latencies lag = new Latencies();
    Latencies queued = new Latencies();
    Latencies attempt = new Latencies();
    Map<String, Long> states = new java.util.TreeMap<>();
    long[] totals = new long[3];
    jdbc.query(
        "SELECT o.state, o.attempts,"
            + " (extract(epoch FROM o.delivered_at - o.created_at) * 1e9)::bigint AS lag,"
            + " (extract(epoch FROM a.started_at - o.created_at) * 1e9)::bigint AS queued,"
            + " a.duration_ms FROM integration_outbox o LEFT JOIN integration_delivery_attempt a"
            + " ON a.outbox_id = o.id AND a.attempt = 1"
            + " WHERE o.id > ? AND o.destination = 'fhir'",
        rs -> {
          String state = rs.getString("state");
          states.merge(state, 1L, Long::sum);
          totals[0]++;
          totals[1] += rs.getLong("attempts");
          if (state.equals("dead")) {
            totals[2]++;
          }
          long l = rs.getLong("lag");
          if (!rs.wasNull()) {
            lag.record(l);
          }
          long q = rs.getLong("queued");
          if (!rs.wasNull()) {
            queued.record(q);
          }
          long d = rs.getLong("duration_ms");
          if (!rs.wasNull()) {
            attempt.record(TimeUnit.MILLISECONDS.toNanos(d));
          }
        },
        afterId);
    return new Outbox(
        lag.take(), queued.take(), attempt.take(), totals[0], totals[1], totals[2], states);
  }

  private long maxOutboxId() {
    Long id = jdbc.queryForObject("SELECT max(id) FROM integration_outbox", Long.class);
    return id == null ? 0 : id;
  }

  /** The statuses of the connector's subscriptions, once all are active (at most 90 s). */
  private String awaitConnectorSubscriptions() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (true) {
      Bundle found =
          sandbox
              .client()
              .search()
              .forResource(Subscription.class)
              .returnBundle(Bundle.class)
              .execute();
      Map<String, String> statuses = new LinkedHashMap<>();
      for (var entry : found.getEntry()) {
        Subscription s = (Subscription) entry.getResource();
        if (s.getChannel().getEndpoint().startsWith(accueilBase)) {
          statuses.put("`" + s.getCriteria() + "`", s.getStatus().toCode());
        }
      }
      if (statuses.size() >= 2 && statuses.values().stream().allMatch("active"::equals)) {
        return statuses.toString();
      }
      if (System.nanoTime() > deadline) {
        return statuses + " (not all active after 90 s)";
      }
      Thread.sleep(200);
    }
  }

  private String ehrSoftware() {
    try {
      var capabilities =
          sandbox
              .client()
              .capabilities()
              .ofType(org.hl7.fhir.r4.model.CapabilityStatement.class)
              .execute();
      return capabilities.getSoftware().getName()
          + " "
          + capabilities.getSoftware().getVersion()
          + ", FHIR "
          + capabilities.getFhirVersion().toCode();
    } catch (RuntimeException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }

  private String get(String url) {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(url))
                  .header("Accept", "application/fhir+json")
                  .timeout(Duration.ofSeconds(30))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(url + " answered " + response.statusCode());
      }
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void row(String measure, Latencies.Summary s) {
    report.line(
        String.format(
            Locale.ROOT,
            "| %s | %d | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f |",
            measure,
            s.count(),
            s.p50(),
            s.p90(),
            s.p95(),
            s.p99(),
            s.max(),
            s.mean()));
  }

  private void slotRow(String window, int slots, String pages, String side, Latencies.Summary s) {
    report.line(
        String.format(
            Locale.ROOT,
            "| %s | %d | %s | %s | %.2f | %.2f | %.2f | %.2f | %.2f |",
            window,
            slots,
            pages,
            side,
            s.p50(),
            s.p90(),
            s.p99(),
            s.max(),
            s.mean()));
  }

  private int number(String name, int fallback) {
    return options.containsKey(name) ? Integer.parseInt(options.get(name)) : fallback;
  }

  /** CPU seconds the EHR sandbox's JVM (a child of this one) has used so far. */
  static double sandboxCpuSeconds() {
    return ProcessHandle.current()
        .children()
        .filter(
            p ->
                p.info()
                    .arguments()
                    .map(a -> String.join(" ", a))
                    .orElse("")
                    .contains("ehr-sandbox"))
        .mapToDouble(p -> p.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0))
        .sum();
  }

  private static List<String> sandboxJvmOptions() {
    return ProcessHandle.current()
        .children()
        .filter(
            p ->
                p.info()
                    .arguments()
                    .map(a -> String.join(" ", a))
                    .orElse("")
                    .contains("ehr-sandbox"))
        .findFirst()
        .flatMap(p -> p.info().arguments())
        .map(a -> java.util.Arrays.stream(a).filter(s -> s.startsWith("-X")).toList())
        .orElse(List.of());
  }

  /**
   * A subscriber of the EHR's own: a rest-hook endpoint on localhost (the JDK's HTTP server) that
   * notes when each of our Appointments first arrives, by our identifier.
   */
  static final class Notifications implements AutoCloseable {

    final Map<String, Long> arrived = new ConcurrentHashMap<>();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final IParser parser = FhirContext.forR4Cached().newJsonParser();

    private Notifications(HttpServer server) {
      this.server = server;
    }

    static Notifications start() throws IOException {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
      Notifications notifications = new Notifications(server);
      server.createContext(
          "/hook",
          exchange -> {
            long at = System.nanoTime();
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (body.length > 0) {
              try {
                Appointment appointment =
                    notifications.parser.parseResource(
                        Appointment.class, new String(body, StandardCharsets.UTF_8));
                for (Identifier identifier : appointment.getIdentifier()) {
                  if (OUR_APPOINTMENTS.equals(identifier.getSystem())) {
                    notifications.arrived.putIfAbsent(identifier.getValue(), at);
                  }
                }
              } catch (RuntimeException e) {
                // Not an Appointment of ours: nothing to note.
              }
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
          });
      server.setExecutor(notifications.executor);
      server.start();
      return notifications;
    }

    /** Subscribes in the EHR and waits until it says the subscription is active. */
    String subscribe(IGenericClient ehr) throws InterruptedException {
      Subscription subscription = new Subscription();
      subscription.setStatus(Subscription.SubscriptionStatus.REQUESTED);
      subscription.setReason("Accueil benchmark: when does each Appointment reach a subscriber");
      // Not "Appointment?": the connector keeps that criteria's subscription for itself.
      subscription.setCriteria("Appointment?status=booked");
      subscription
          .getChannel()
          .setType(Subscription.SubscriptionChannelType.RESTHOOK)
          .setEndpoint("http://127.0.0.1:" + server.getAddress().getPort() + "/hook")
          .setPayload("application/fhir+json");
      String id = ehr.create().resource(subscription).execute().getId().getIdPart();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (ehr.read().resource(Subscription.class).withId(id).execute().getStatus()
          != Subscription.SubscriptionStatus.ACTIVE) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("The benchmark's subscription is not active after 60 s");
        }
        Thread.sleep(100);
      }
      return id;
    }

    @Override
    public void close() {
      server.stop(0);
      executor.shutdownNow();
    }
  }
}
