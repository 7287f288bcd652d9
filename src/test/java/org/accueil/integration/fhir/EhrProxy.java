package org.accueil.integration.fhir;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Stands between Accueil and the test EHR, forwarding every call, so a test can make the network
 * misbehave the ways a real one does: {@link #loseAnswers} forwards matching calls to the EHR
 * (which carries them out) and then drops the connection instead of answering, as a timeout or a
 * reset after the server committed would. {@link #hideConditionalWrites} makes the EHR's
 * CapabilityStatement say what the vendors' say: no conditional create, no transactions.
 */
final class EhrProxy {

  private static final Set<String> HOP_BY_HOP =
      Set.of(
          "connection",
          "content-length",
          "host",
          "keep-alive",
          "transfer-encoding",
          "upgrade",
          "expect",
          "te",
          "trailer",
          "proxy-authorization",
          "proxy-authenticate");

  private final HttpServer server;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final String target;
  private final AtomicInteger answersToLose = new AtomicInteger();
  private volatile Predicate<String> losing = call -> false;
  private volatile boolean hideConditionalWrites;
  private volatile boolean down;
  private volatile Duration answerDelay = Duration.ZERO;
  private volatile Predicate<String> delaying = call -> false;
  private final AtomicInteger answersHeld = new AtomicInteger();
  private final List<String> calls = new CopyOnWriteArrayList<>();
  private final List<String> bodies = new CopyOnWriteArrayList<>();

  /**
   * @param target the EHR's base, e.g. {@code http://127.0.0.1:8080/fhir}
   */
  EhrProxy(String target) {
    this.target = target.endsWith("/") ? target.substring(0, target.length() - 1) : target;
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/fhir", this::forward);
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/fhir";
  }

  /**
   * The next {@code count} calls whose "METHOD /path?query" matches are carried out by the EHR but
   * never answered.
   */
  void loseAnswers(int count, Predicate<String> calls) {
    losing = calls;
    answersToLose.set(count);
  }

  /**
   * Matching calls are carried out by the EHR at once, and their answers held back for {@code
   * delay}: a slow network or a slow EHR, with the write committed while the caller still waits.
   */
  void delayAnswers(Duration delay, Predicate<String> calls) {
    delaying = calls;
    answerDelay = delay;
  }

  /** How many answers {@link #delayAnswers} holds back right now. */
  int answersHeld() {
    return answersHeld.get();
  }

  /** While down, every call is dropped before it reaches the EHR, as if the EHR were off. */
  void down(boolean down) {
    this.down = down;
  }

  void hideConditionalWrites(boolean hide) {
    hideConditionalWrites = hide;
  }

  /** The calls made since the last {@link #forget()}, as "METHOD /path?query". */
  List<String> calls() {
    return List.copyOf(calls);
  }

  /** The calls whose body contains {@code text}, as "METHOD /path?query". */
  List<String> callsCarrying(String text) {
    List<String> found = new java.util.ArrayList<>();
    for (int i = 0; i < Math.min(calls.size(), bodies.size()); i++) {
      if (bodies.get(i).contains(text)) {
        found.add(calls.get(i));
      }
    }
    return found;
  }

  void forget() {
    calls.clear();
    bodies.clear();
  }

  void stop() {
    server.stop(0);
  }

  private void forward(HttpExchange exchange) throws IOException {
    try (exchange) {
      String pathAndQuery =
          exchange.getRequestURI().getRawPath()
              + (exchange.getRequestURI().getRawQuery() == null
                  ? ""
                  : "?" + exchange.getRequestURI().getRawQuery());
      String call = exchange.getRequestMethod() + " " + pathAndQuery;
      if (down) {
        return;
      }
      byte[] body = exchange.getRequestBody().readAllBytes();
      synchronized (calls) {
        calls.add(call);
        bodies.add(new String(body, java.nio.charset.StandardCharsets.UTF_8));
      }
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(target + pathAndQuery.substring("/fhir".length())))
              .timeout(Duration.ofSeconds(60))
              .method(
                  exchange.getRequestMethod(),
                  body.length == 0
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofByteArray(body));
      exchange
          .getRequestHeaders()
          .forEach(
              (name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase())) {
                  values.forEach(v -> request.header(name, v));
                }
              });
      HttpResponse<byte[]> response;
      try {
        response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (losing.test(call) && answersToLose.getAndUpdate(n -> Math.max(n - 1, 0)) > 0) {
        // The EHR did it; the caller never hears so: the connection just closes.
        return;
      }
      Duration delay = answerDelay;
      if (!delay.isZero() && delaying.test(call)) {
        answersHeld.incrementAndGet();
        try {
          Thread.sleep(delay);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        } finally {
          answersHeld.decrementAndGet();
        }
      }
      byte[] answer = response.body();
      boolean rewrite = hideConditionalWrites && pathAndQuery.startsWith("/fhir/metadata");
      boolean gzipped =
          response.headers().firstValue("Content-Encoding").orElse("").contains("gzip");
      if (rewrite && gzipped) {
        try (var unzip =
            new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(answer))) {
          answer = unzip.readAllBytes();
        }
      }
      if (rewrite) {
        answer =
            new String(answer, java.nio.charset.StandardCharsets.UTF_8)
                .replace("\"conditionalCreate\": true", "\"conditionalCreate\": false")
                .replace("\"conditionalCreate\":true", "\"conditionalCreate\":false")
                .replace("\"code\": \"transaction\"", "\"code\": \"batch\"")
                .replace("\"code\":\"transaction\"", "\"code\":\"batch\"")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
      }
      response
          .headers()
          .map()
          .forEach(
              (name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase())
                    && !name.startsWith(":")
                    && !(rewrite && name.equalsIgnoreCase("content-encoding"))) {
                  exchange.getResponseHeaders().put(name, values);
                }
              });
      exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
      if (answer.length > 0) {
        exchange.getResponseBody().write(answer);
      }
    }
  }
}
