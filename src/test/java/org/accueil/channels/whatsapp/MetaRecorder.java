package org.accueil.channels.whatsapp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Meta's Graph API as far as the sender sees it, on a random local port: it records each request as
 * it came (method, path, headers, body) and answers with what Meta's documentation shows, byte for
 * byte. Answers are scripted per recipient, since the outbox's own workers may send any time; a
 * recipient without a script gets Meta's documented acceptance.
 */
public final class MetaRecorder implements AutoCloseable {

  private static final Pattern TO = Pattern.compile("\"to\":\"([^\"]*)\"");

  /** A request as Meta would have received it. */
  public record Request(
      String method, String path, Map<String, List<String>> headers, String body) {
    @Nullable String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().getFirst())
          .findFirst()
          .orElse(null);
    }
  }

  /** An answer of Meta's: status, extra headers, the body's exact text. */
  record Answer(int status, Map<String, String> headers, String body) {

    /** Meta's answer to an accepted send (channels.md §1.4). */
    static Answer accepted(String to, String wamid) {
      return new Answer(
          200,
          Map.of(),
          "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\""
              + to
              + "\",\"wa_id\":\""
              + to
              + "\"}],\"messages\":[{\"id\":\""
              + wamid
              + "\",\"message_status\":\"accepted\"}]}");
    }

    /** A Graph API error in Meta's documented syntax. */
    static Answer error(int status, int code, String message, String details) {
      return new Answer(
          status,
          Map.of(),
          "{\"error\":{\"message\":\"(#"
              + code
              + ") "
              + message
              + "\",\"type\":\"OAuthException\",\"code\":"
              + code
              + ",\"error_data\":{\"messaging_product\":\"whatsapp\",\"details\":\""
              + details
              + "\"},\"fbtrace_id\":\"AazJ4dmFvZWYxNjQ5OTk\"}}");
    }

    Answer withHeader(String name, String value) {
      var headers = new java.util.HashMap<>(this.headers);
      headers.put(name, value);
      return new Answer(status, Map.copyOf(headers), body);
    }
  }

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Map<String, Deque<Answer>> scripts = new ConcurrentHashMap<>();

  private MetaRecorder(HttpServer server) {
    this.server = server;
  }

  static MetaRecorder start() {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      MetaRecorder recorder = new MetaRecorder(server);
      server.createContext("/", recorder::handle);
      server.start();
      return recorder;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The next request to {@code to} (as Meta writes it: digits, no +) gets this answer. */
  void answer(String to, Answer answer) {
    scripts.computeIfAbsent(to, t -> new ArrayDeque<>()).add(answer);
  }

  public List<Request> requestsTo(String to) {
    return requests.stream().filter(r -> r.body().contains("\"to\":\"" + to + "\"")).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      requests.add(
          new Request(
              exchange.getRequestMethod(),
              exchange.getRequestURI().getRawPath(),
              Map.copyOf(exchange.getRequestHeaders()),
              body));
      Matcher to = TO.matcher(body);
      String recipient = to.find() ? to.group(1) : "";
      Deque<Answer> script = scripts.get(recipient);
      Answer answer = null;
      if (script != null) {
        synchronized (script) {
          answer = script.poll();
        }
      }
      if (answer == null) {
        answer = Answer.accepted(recipient, "wamid.recorded" + System.nanoTime());
      }
      byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
      answer.headers().forEach(exchange.getResponseHeaders()::set);
      exchange.sendResponseHeaders(answer.status(), bytes.length);
      exchange.getResponseBody().write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
