package org.accueil.assistant.llm;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An OpenAI-compatible endpoint that replays recorded Chat Completions exchanges: {@code POST
 * /v1/chat/completions} answered with the recorded response body, byte for byte, when the request
 * is the recorded one (same JSON), and {@code 400} otherwise; the request it got instead is written
 * to {@code target/llm-recordings/} to compare (or, when a prompt changed on purpose, to record
 * again). Every request is kept for the test to inspect. The exchanges live in {@code
 * src/test/resources/assistant/llm/<name>.request.json} and {@code <name>.response.json}.
 */
final class RecordedOpenAi implements AutoCloseable {

  static final String API_KEY = "sk-test-accueil-0123456789";
  static final String MODEL = "gpt-4.1-mini";

  private static final JsonMapper json = JsonMapper.builder().build();

  record Received(String method, String path, @Nullable String authorization, String body) {
    JsonNode json() {
      return RecordedOpenAi.json.readTree(body);
    }
  }

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
  private volatile @Nullable String exchange;
  private volatile int status = 200;
  private volatile Duration delay = Duration.ZERO;
  private final AtomicInteger replayed = new AtomicInteger();

  RecordedOpenAi() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(threads);
    server.createContext("/v1/chat/completions", this::answer);
    server.start();
  }

  /** Replays {@code <name>.request.json} → {@code <name>.response.json} with this status. */
  RecordedOpenAi replaying(String name, int status) {
    this.exchange = name;
    this.status = status;
    return this;
  }

  RecordedOpenAi replaying(String name) {
    return replaying(name, 200);
  }

  /** Answers only after this long, as an overloaded server does. */
  RecordedOpenAi answeringAfter(Duration delay) {
    this.delay = delay;
    return this;
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  LanguageModelProperties properties(Duration timeout) {
    return new LanguageModelProperties(true, baseUrl(), MODEL, API_KEY, timeout, 0);
  }

  /** How many requests were the recorded one and got the recorded answer. */
  int replayed() {
    return replayed.get();
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  Received lastRequest() {
    return Objects.requireNonNull(List.copyOf(received).getLast(), "no request received");
  }

  static String resource(String file) {
    try (InputStream in = RecordedOpenAi.class.getResourceAsStream("/assistant/llm/" + file)) {
      if (in == null) {
        throw new IllegalArgumentException("no recording " + file);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void answer(HttpExchange http) throws IOException {
    try (http) {
      String body = new String(http.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      received.add(
          new Received(
              http.getRequestMethod(),
              http.getRequestURI().getPath(),
              http.getRequestHeaders().getFirst("Authorization"),
              body));
      if (!delay.isZero()) {
        try {
          Thread.sleep(delay);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      String name = Objects.requireNonNull(exchange, "no exchange to replay");
      JsonNode recorded = json.readTree(resource(name + ".request.json"));
      boolean same = "POST".equals(http.getRequestMethod()) && recorded.equals(json.readTree(body));
      if (same) {
        replayed.incrementAndGet();
      } else {
        Path mismatch = Path.of("target", "llm-recordings", name + ".request.json");
        Files.createDirectories(mismatch.getParent());
        Files.writeString(mismatch, body);
      }
      byte[] answer =
          same
              ? resource(name + ".response.json").getBytes(StandardCharsets.UTF_8)
              : ("{\"error\":{\"message\":\"not the recorded request " + name + "\"}}")
                  .getBytes(StandardCharsets.UTF_8);
      http.getResponseHeaders().set("Content-Type", "application/json");
      http.sendResponseHeaders(same ? status : 400, answer.length);
      http.getResponseBody().write(answer);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
