package org.accueil.channels.twilio;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Twilio's REST API as far as Accueil uses it, on a local port: records each request exactly as it
 * came, and answers with Twilio's documented responses. A test may script the next answers (an
 * error, an outage, silence); otherwise a send is accepted with the documented 201 body.
 */
public final class TwilioRecorder {

  /**
   * The example response of "Create a Message" in Twilio's API reference
   * (https://www.twilio.com/docs/messaging/api/message-resource#create-a-message-resource), byte
   * for byte but for the sid, which {@link #accepted()} makes unique so that messages stay apart.
   */
  public static final String MESSAGE_CREATED =
      """
      {
        "account_sid": "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "api_version": "2010-04-01",
        "body": "Hi there",
        "date_created": "Thu, 24 Aug 2023 05:01:45 +0000",
        "date_sent": "Thu, 24 Aug 2023 05:01:45 +0000",
        "date_updated": "Thu, 24 Aug 2023 05:01:45 +0000",
        "direction": "outbound-api",
        "error_code": null,
        "error_message": null,
        "from": "+14155552345",
        "num_media": "0",
        "num_segments": "1",
        "price": null,
        "price_unit": null,
        "messaging_service_sid": "MGaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "sid": "SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "status": "queued",
        "subresource_uris": {
          "media": "/2010-04-01/Accounts/ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Messages/SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Media.json"
        },
        "to": "+14155552345",
        "uri": "/2010-04-01/Accounts/ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Messages/SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.json"
      }""";

  /** Twilio's error body (https://www.twilio.com/docs/usage/twilios-response). */
  public static String error(int code, String message, int status) {
    return "{\"code\": "
        + code
        + ", \"message\": \""
        + message
        + "\", \"more_info\": \"https://www.twilio.com/docs/errors/"
        + code
        + "\", \"status\": "
        + status
        + "}";
  }

  /** A request as it reached Twilio. */
  public record Request(
      String method, String path, Map<String, String> headers, String body, Answer answer) {

    public @Nullable String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The form's parameters, decoded. */
    public Map<String, String> form() {
      return java.util.Arrays.stream(body.split("&"))
          .map(p -> p.split("=", 2))
          .collect(
              Collectors.toMap(
                  p -> java.net.URLDecoder.decode(p[0], StandardCharsets.UTF_8),
                  p -> java.net.URLDecoder.decode(p.length > 1 ? p[1] : "", StandardCharsets.UTF_8),
                  (a, b) -> a,
                  java.util.LinkedHashMap::new));
    }
  }

  /** What to answer; {@code delay} longer than the sender's timeout stands for silence. */
  public record Answer(int status, String body, Map<String, String> headers, Duration delay) {

    public static Answer of(int status, String body) {
      return new Answer(status, body, Map.of(), Duration.ZERO);
    }

    public Answer withHeader(String name, String value) {
      return new Answer(status, body, Map.of(name, value), delay);
    }

    public Answer after(Duration wait) {
      return new Answer(status, body, headers, wait);
    }

    /** The sid this answer gives, when it accepted the message. */
    public @Nullable String sid() {
      var m = java.util.regex.Pattern.compile("\"sid\": \"(SM[0-9a-f]{32})\"").matcher(body);
      return status == 201 && m.find() ? m.group(1) : null;
    }
  }

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedQueue<Scripted> script = new ConcurrentLinkedQueue<>();

  private record Scripted(Predicate<String> forBody, Answer answer) {}

  private TwilioRecorder(HttpServer server) {
    this.server = server;
  }

  public static TwilioRecorder start() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      TwilioRecorder recorder = new TwilioRecorder(server);
      server.createContext("/", recorder::handle);
      server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
      server.start();
      return recorder;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public void stop() {
    server.stop(0);
  }

  /** A 201 with the documented body and a new sid. */
  public static Answer accepted() {
    String sid =
        "SM"
            + java.util.HexFormat.of()
                .formatHex(
                    java.nio.ByteBuffer.allocate(16)
                        .putLong(ThreadLocalRandom.current().nextLong())
                        .putLong(ThreadLocalRandom.current().nextLong())
                        .array());
    return Answer.of(201, MESSAGE_CREATED.replace("SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", sid))
        .withHeader("Content-Type", "application/json; charset=utf-8");
  }

  /**
   * The next send to {@code to} (as the form's {@code To}) gets {@code answer}: tests share the
   * recorder, each scripts only its own recipients.
   */
  public void answerNextSendTo(String to, Answer answer) {
    String encoded = "To=" + java.net.URLEncoder.encode(to, StandardCharsets.UTF_8) + "&";
    script.add(new Scripted(body -> body.startsWith(encoded), answer));
  }

  /** Every request whose form was sent to {@code to}, in order. */
  public List<Request> sentTo(String to) {
    return requests.stream().filter(r -> to.equals(r.form().get("To"))).toList();
  }

  /** Waits until {@code count} requests were sent to {@code to}. */
  public List<Request> awaitSentTo(String to, int count) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      List<Request> sent = sentTo(to);
      if (sent.size() >= count) {
        return sent;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("Twilio got " + sentTo(to).size() + " requests to " + to);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Map<String, String> headers =
        exchange.getRequestHeaders().entrySet().stream()
            .collect(
                Collectors.toMap(
                    e -> e.getKey().toLowerCase(Locale.ROOT),
                    e -> String.join(", ", e.getValue())));
    Answer answer = nextAnswer(body).orElseGet(TwilioRecorder::accepted);
    // Recorded before answering: once the sender has its answer, the test sees the request.
    requests.add(
        new Request(
            exchange.getRequestMethod(),
            exchange.getRequestURI().toString(),
            headers,
            body,
            answer));
    try {
      if (!answer.delay().isZero()) {
        Thread.sleep(answer.delay());
      }
      answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      if (!answer.headers().containsKey("Content-Type")) {
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
      }
      byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(answer.status(), bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // The sender gave up waiting: as with Twilio, the answer goes nowhere.
    } finally {
      exchange.close();
    }
  }

  private synchronized Optional<Answer> nextAnswer(String body) {
    for (Scripted scripted : script) {
      if (scripted.forBody().test(body)) {
        script.remove(scripted);
        return Optional.of(scripted.answer());
      }
    }
    return Optional.empty();
  }
}
