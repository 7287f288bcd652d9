package org.accueil.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.accueil.assistant.knowledge.KnowledgeEntries;
import org.accueil.demo.DemoKnowledge;
import org.accueil.demo.DemoPractice;
import org.accueil.practice.PracticeAdministration;
import org.accueil.practice.PracticeDirectory;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * From a patient's WhatsApp message to the assistant's answer reaching Meta: the signed webhook is
 * stored and acknowledged, the dispatcher puts it on the timeline, triage, understanding and the
 * dialogue answer it (a knowledge-base answer, real free slots as buttons, or "not understood"),
 * the answer is queued and the send worker posts it to Meta (here a stub on localhost). Open loop
 * at a steady rate, each message from a new number; latency counts from the moment each message was
 * due until its answer arrived at the stub.
 */
final class AssistantBenchmark {

  private record Kind(String name, String text) {}

  private static final List<Kind> KINDS =
      List.of(
          new Kind(
              "question answered from the knowledge base (fr)",
              "Bonjour, quels sont vos" + " horaires d'ouverture ?"),
          new Kind(
              "booking: free slots offered as buttons (fr)",
              "Je voudrais un rendez-vous" + " avec le Dr Phillips vendredi après-midi"),
          new Kind(
              "question answered from the knowledge base (en)",
              "Is there parking near the" + " practice?"),
          new Kind(
              "booking: free slots offered as buttons (it)",
              "Vorrei prenotare un vaccino" + " con la dottoressa Smith domani mattina"),
          new Kind("not understood, asked again (fr)", "Euh je ne sais pas trop"));

  /** Every message from a French mobile number never seen before (06 40 00 00 00 on). */
  private static final java.util.concurrent.atomic.AtomicLong NEXT_NUMBER =
      new java.util.concurrent.atomic.AtomicLong(33_640_000_000L);

  private AssistantBenchmark() {}

  static void run(
      ConfigurableApplicationContext context,
      Report report,
      Map<String, String> options,
      int port,
      MetaStub meta,
      Clock clock)
      throws Exception {
    now = clock;
    List<Integer> rates =
        java.util.Arrays.stream(options.getOrDefault("assistant-rates", "5,10,20").split(","))
            .map(String::strip)
            .map(Integer::parseInt)
            .toList();
    int seconds = Integer.parseInt(options.getOrDefault("assistant-seconds", "30"));
    PracticeDirectory directory = context.getBean(PracticeDirectory.class);
    if (directory.snapshot().providers().stream()
        .noneMatch(p -> p.familyName().equals("Phillips"))) {
      DemoPractice.create(
          context.getBean(PracticeAdministration.class),
          clock.instant().atZone(ZoneId.of("Europe/Paris")).toLocalDate());
    }
    int entries = DemoKnowledge.ensure(context.getBean(KnowledgeEntries.class));
    HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newFixedThreadPool(8))
            .build();

    report.section("Assistant: a patient's message to the assistant's answer");
    if (!"true".equals(context.getEnvironment().getProperty("accueil.assistant.answers"))
        || !context.containsBean("dialogueOnMessages")) {
      throw new IllegalStateException(
          "The assistant does not answer in this run: accueil.assistant.answers="
              + context.getEnvironment().getProperty("accueil.assistant.answers"));
    }
    report.line(
        "Signed WhatsApp webhooks, each from a number never seen before (a provisional patient is"
            + " created), open-loop at "
            + rates
            + " messages a second, "
            + seconds
            + " s each, after 10 s of warm-up at the first rate; the demo practice and its "
            + (entries == 0 ? "" : entries + " new ")
            + "knowledge-base entries. Latency from the moment each message was due to the"
            + " moment the assistant's answer reached Meta's stand-in (stored, acknowledged,"
            + " dispatched, triaged, understood, answered, queued, sent). The five kinds of"
            + " message alternate.");
    fire(http, port, meta, rates.getFirst(), 10, null);
    List<Latencies.Summary> overall = new ArrayList<>();
    int missing = 0;
    for (int rate : rates) {
      Map<String, Latencies> byKind = new LinkedHashMap<>();
      KINDS.forEach(k -> byKind.put(k.name(), new Latencies()));
      Latencies all = new Latencies();
      missing += fire(http, port, meta, rate, seconds, new Recorders(byKind, all));
      report.line("");
      report.line("At " + rate + " messages a second:");
      report.line("");
      report.line("| message | messages | p50 ms | p90 ms | p99 ms | max ms | mean ms |");
      report.line("|---|---|---|---|---|---|---|");
      for (var e : byKind.entrySet()) {
        report.latency(e.getKey(), e.getValue().take());
      }
      Latencies.Summary sum = all.take();
      overall.add(sum);
      report.latency("**all**", sum);
    }
    report.line("");
    report.line("| rate | p50 ms | p99 ms | p99 ratio to " + rates.getFirst() + "/s |");
    report.line("|---|---|---|---|");
    for (int i = 0; i < rates.size(); i++) {
      report.line(
          String.format(
              java.util.Locale.ROOT,
              "| %d/s | %.2f | %.2f | %.2f |",
              rates.get(i),
              overall.get(i).p50(),
              overall.get(i).p99(),
              overall.get(i).p99() / overall.getFirst().p99()));
    }
    report.line("");
    var jdbc = context.getBean(org.springframework.jdbc.core.JdbcTemplate.class);
    report.line(
        "What landed: inbound "
            + jdbc.queryForList(
                "SELECT kind || ' handled=' || (handled_at IS NOT NULL) || ': ' || count(*)"
                    + " FROM channel_inbound GROUP BY kind, handled_at IS NOT NULL",
                String.class)
            + "; timeline "
            + jdbc.queryForList(
                "SELECT kind || '/' || coalesce(author, '-') || ': ' || count(*)"
                    + " FROM conversation_entry GROUP BY kind, author ORDER BY 1",
                String.class)
            + "; outbound "
            + jdbc.queryForList(
                "SELECT status || ': ' || count(*) FROM channel_outbound GROUP BY status",
                String.class)
            + ".");
    report.line(
        missing == 0
            ? "Every message got its answer."
            : missing + " messages got no answer within 30 s (not counted above).");
  }

  private record Recorders(Map<String, Latencies> byKind, Latencies all) {}

  /** Sends the messages; returns how many got no answer in time. */
  private static int fire(
      HttpClient http,
      int port,
      MetaStub meta,
      int rate,
      int seconds,
      @org.jspecify.annotations.Nullable Recorders recorders)
      throws Exception {
    int total = rate * seconds;
    long period = TimeUnit.SECONDS.toNanos(1) / rate;
    List<CompletableFuture<?>> inFlight = new ArrayList<>();
    List<long[]> sent = new ArrayList<>();
    long begin = System.nanoTime();
    for (int i = 0; i < total; i++) {
      long due = begin + i * period;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      long phone = NEXT_NUMBER.getAndIncrement();
      Kind kind = KINDS.get(i % KINDS.size());
      byte[] body = payload(phone, kind.text());
      HttpRequest request =
          HttpRequest.newBuilder(
                  URI.create("http://127.0.0.1:" + port + "/channels/whatsapp/webhook"))
              .timeout(Duration.ofSeconds(30))
              .header("Content-Type", "application/json")
              .header("X-Hub-Signature-256", ChannelBenchmark.signature(body))
              .POST(HttpRequest.BodyPublishers.ofByteArray(body))
              .build();
      inFlight.add(http.sendAsync(request, HttpResponse.BodyHandlers.discarding()));
      sent.add(new long[] {phone, due, i % KINDS.size()});
    }
    CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new))
        .exceptionally(e -> null)
        .get(2, TimeUnit.MINUTES);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    int missing = 0;
    for (long[] s : sent) {
      Long arrived;
      while ((arrived = meta.arrival(Long.toString(s[0]))) == null
          && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      if (arrived == null) {
        missing++;
        continue;
      }
      if (recorders != null) {
        long took = Math.max(1, arrived - s[1]);
        record(recorders.byKind().get(KINDS.get((int) s[2]).name()), took);
        record(recorders.all(), took);
      }
    }
    return missing;
  }

  private static void record(Latencies latencies, long nanos) {
    latencies.since(System.nanoTime() - nanos);
  }

  /** The application's "now" (the benchmark shifts it): Meta dates each message. */
  private static Clock now = Clock.systemUTC();

  private static byte[] payload(long phone, String text) {
    return ChannelBenchmark.whatsAppText(
        "wamid.assistant-" + UUID.randomUUID(),
        phone,
        text.replace("\"", "\\\""),
        now.instant().getEpochSecond());
  }
}
