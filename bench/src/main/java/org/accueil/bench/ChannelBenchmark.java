package org.accueil.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.accueil.platform.crypto.FieldCipher;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The channels' two numbers: how fast a provider's webhook is acknowledged under a steady 200
 * requests a second (what Meta sees; the message is committed before the answer), and how fast
 * staff read the timeline of a patient with 5,000 messages.
 *
 * <p>The load is open-loop: each request is due at its own time (every 5 ms at 200/s) and its
 * latency counts from then, not from when the client got round to sending it, so a stall is
 * measured rather than hidden (coordinated omission).
 */
final class ChannelBenchmark {

  static final String APP_SECRET = "bench-whatsapp-app-secret";
  static final String PHONE_NUMBER_ID = "106540352242922";

  private ChannelBenchmark() {}

  static void run(
      ConfigurableApplicationContext context,
      Report report,
      Map<String, String> options,
      int port,
      String key)
      throws Exception {
    int rate = Integer.parseInt(options.getOrDefault("webhook-rate", "200"));
    int seconds = Integer.parseInt(options.getOrDefault("webhook-seconds", "30"));
    int reads = Integer.parseInt(options.getOrDefault("timeline-reads", "500"));
    JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
    HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newFixedThreadPool(8))
            .build();

    report.section("Channels: webhook acknowledgement at a steady rate");
    report.line(
        "Signed WhatsApp webhooks (one text message each, 500 different senders, Meta's payload"
            + " shape), open-loop at "
            + rate
            + "/s: each request's latency counts from the moment it was due. First "
            + Math.min(5, seconds)
            + " s of warm-up at the same rate, not counted. Then the time until the dispatcher"
            + " had put every stored message on its patient's timeline.");
    fire(http, port, rate, Math.min(5, seconds), new Latencies(), "warm");
    awaitHandled(jdbc, Duration.ofMinutes(5));
    Latencies acks = new Latencies();
    long start = System.nanoTime();
    Map<Integer, Integer> statuses = fire(http, port, rate, seconds, acks, "run");
    Latencies.Summary ack = acks.take();
    double sent = (System.nanoTime() - start) / 1e9;
    long drainStart = System.nanoTime();
    awaitHandled(jdbc, Duration.ofMinutes(10));
    double drained = (System.nanoTime() - drainStart) / 1e9;
    report.line("");
    report.line("| measure | requests | p50 ms | p90 ms | p99 ms | max ms | mean ms |");
    report.line("|---|---|---|---|---|---|---|");
    report.latency("webhook acknowledged (stored, 200)", ack);
    report.line("");
    report.line("Statuses: " + statuses + String.format(Locale.ROOT, "; %.1f s of load", sent));
    report.line(
        String.format(
            Locale.ROOT,
            "Every stored message on its timeline %.1f s after the last acknowledgement"
                + " (%d messages in %.1f s: %.0f handled per second overall).",
            drained,
            ack.count(),
            sent + drained,
            ack.count() / (sent + drained)));

    report.section("Channels: a patient's timeline of 5,000 messages");
    String heavy = patientWithMessages(context, jdbc, 5_000);
    String light = patientWithMessages(context, jdbc, 50);
    report.line(
        "`GET /api/v1/patients/{id}/timeline` over HTTP, one caller at a time, alternating"
            + " blocks of 50 after 200 warm-up calls each; the newest page (200 entries, the"
            + " default), a page from the middle (`before=`), and the same newest page for a"
            + " patient with 50 messages (the ratio shows what the history's size costs).");
    long middle =
        jdbc.queryForObject(
            "SELECT e.seq FROM conversation_entry e JOIN conversation c ON c.id ="
                + " e.conversation_id WHERE c.patient_id = ?::uuid ORDER BY e.at, e.seq"
                + " OFFSET 2500 LIMIT 1",
            Long.class,
            heavy);
    List<Side> sides =
        List.of(
            new Side("5,000 messages, newest 200", "/api/v1/patients/" + heavy + "/timeline"),
            new Side(
                "5,000 messages, 200 before the middle",
                "/api/v1/patients/" + heavy + "/timeline?before=" + middle),
            new Side(
                "5,000 messages, all of one page of 1,000",
                "/api/v1/patients/" + heavy + "/timeline?limit=1000"),
            new Side("50 messages, newest 200", "/api/v1/patients/" + light + "/timeline"));
    for (Side side : sides) {
      for (int i = 0; i < 200; i++) {
        get(http, port, key, side.path());
      }
    }
    for (int block = 0; block < Math.max(1, reads / 50); block++) {
      for (Side side : sides) {
        for (int i = 0; i < 50; i++) {
          long t = System.nanoTime();
          get(http, port, key, side.path());
          side.latencies().since(t);
        }
      }
    }
    report.line("");
    report.line("| read | calls | p50 ms | p90 ms | p99 ms | max ms | mean ms |");
    report.line("|---|---|---|---|---|---|---|");
    List<Latencies.Summary> results = new ArrayList<>();
    for (Side side : sides) {
      Latencies.Summary s = side.latencies().take();
      results.add(s);
      report.latency(side.name(), s);
    }
    report.line("");
    report.line(
        String.format(
            Locale.ROOT,
            "Ratio, newest page of 5,000 to newest page of 50 messages: p50 %.2f, p99 %.2f.",
            results.get(0).p50() / results.get(3).p50(),
            results.get(0).p99() / results.get(3).p99()));
  }

  private record Side(String name, String path, Latencies latencies) {
    Side(String name, String path) {
      this(name, path, new Latencies());
    }
  }

  /** Sends signed webhooks at {@code rate} a second for {@code seconds}; returns the statuses. */
  private static Map<Integer, Integer> fire(
      HttpClient http, int port, int rate, int seconds, Latencies latencies, String run)
      throws Exception {
    Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
    int total = rate * seconds;
    long period = TimeUnit.SECONDS.toNanos(1) / rate;
    List<CompletableFuture<?>> inFlight = new ArrayList<>();
    long begin = System.nanoTime();
    {
      for (int i = 0; i < total; i++) {
        long due = begin + i * period;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        byte[] body = payload(run + "-" + i, 33_611_000_000L + (i % 500));
        HttpRequest request =
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/channels/whatsapp/webhook"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("X-Hub-Signature-256", signature(body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        inFlight.add(
            http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .whenComplete(
                    (response, error) -> {
                      latencies.since(due);
                      statuses.merge(error == null ? response.statusCode() : -1, 1, Integer::sum);
                    }));
      }
      CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new))
          .exceptionally(e -> null)
          .get(2, TimeUnit.MINUTES);
    }
    return statuses;
  }

  private static byte[] payload(String id, long phone) {
    return whatsAppText(
        "wamid.bench-" + id + "-" + UUID.randomUUID(),
        phone,
        "Bonjour, est-ce possible jeudi matin ? caf\\u00e9",
        Instant.now().getEpochSecond());
  }

  /** Meta's webhook for one text message, as JSON ({@code text} already escaped for JSON). */
  static byte[] whatsAppText(String wamid, long phone, String text, long timestamp) {
    String json =
        "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"102290129340398\","
            + "\"changes\":[{\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":"
            + "{\"display_phone_number\":\"15550783881\",\"phone_number_id\":\""
            + PHONE_NUMBER_ID
            + "\"},\"contacts\":[{\"profile\":{\"name\":\"Bench\"},\"wa_id\":\""
            + phone
            + "\"}],\"messages\":[{\"from\":\""
            + phone
            + "\",\"id\":\""
            + wamid
            + "\",\"timestamp\":\""
            + timestamp
            + "\",\"type\":\"text\",\"text\":{\"body\":\""
            + text
            + "\"}}]},\"field\":\"messages\"}]}]}";
    return json.getBytes(StandardCharsets.UTF_8);
  }

  /** The {@code X-Hub-Signature-256} of a body: {@code sha256=} and the hex HMAC. */
  static String signature(byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(APP_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void awaitHandled(JdbcTemplate jdbc, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      Long pending =
          jdbc.queryForObject(
              "SELECT count(*) FROM channel_inbound WHERE handled_at IS NULL", Long.class);
      if (pending != null && pending == 0) {
        return;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("Stored messages still waiting after " + limit);
  }

  /**
   * A provisional patient whose conversation holds {@code count} messages, written in the stored
   * form (texts sealed by the application's own cipher), alternating in and out, on four channels.
   */
  private static String patientWithMessages(
      ConfigurableApplicationContext context, JdbcTemplate jdbc, int count) {
    FieldCipher cipher = context.getBean(FieldCipher.class);
    UUID patient = UUID.randomUUID();
    UUID conversation = UUID.randomUUID();
    Instant first = Instant.now().minus(Duration.ofDays(400));
    jdbc.update(
        "INSERT INTO patient (id, status, origin, created_at, updated_at) VALUES (?, 'provisional',"
            + " 'conversation', now(), now())",
        patient);
    jdbc.update(
        "INSERT INTO conversation (id, patient_id, state, reply_token, created_at, updated_at)"
            + " VALUES (?, ?, 'with_staff', ?, now(), now())",
        conversation,
        patient,
        UUID.randomUUID().toString().replace("-", ""));
    String[] channels = {"whatsapp", "sms", "email", "webchat"};
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      boolean in = i % 2 == 0;
      String channel = channels[(i / 10) % channels.length];
      rows.add(
          new Object[] {
            UUID.randomUUID(),
            conversation,
            java.sql.Timestamp.from(first.plus(Duration.ofMinutes(90L * i))),
            channel,
            in ? "inbound" : "outbound",
            in ? "patient" : "staff",
            cipher.encrypt(
                (in ? "Bonjour, une question sur mon rendez-vous numéro " : "Bien sûr, voici ") + i,
                "conversation_entry.text"),
            in ? null : "delivered",
            in ? channel + "-bench-" + conversation + "-" + i : null
          });
    }
    jdbc.batchUpdate(
        "INSERT INTO conversation_entry (id, conversation_id, at, kind, channel, direction,"
            + " author, text, delivery, provider_key) VALUES (?, ?, ?, 'message', ?, ?, ?, ?, ?, ?)",
        rows);
    jdbc.update(
        "UPDATE conversation SET last_entry_at = (SELECT max(at) FROM conversation_entry WHERE"
            + " conversation_id = ?), last_entry_seq = (SELECT max(seq) FROM conversation_entry"
            + " WHERE conversation_id = ?) WHERE id = ?",
        conversation,
        conversation,
        conversation);
    jdbc.execute("ANALYZE conversation_entry");
    return patient.toString();
  }

  private static void get(HttpClient http, int port, String key, String path) {
    try {
      HttpResponse<byte[]> response =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                  .header("Authorization", "Bearer " + key)
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(path + " answered " + response.statusCode());
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
