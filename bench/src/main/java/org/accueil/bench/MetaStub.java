package org.accueil.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Meta's Graph API as far as sending goes: every {@code POST /<version>/<number id>/messages} is
 * accepted with Meta's documented answer, and the moment the first message to each recipient
 * arrived is kept, so a benchmark can time a patient's message to the assistant's answer.
 */
final class MetaStub implements AutoCloseable {

  private static final Pattern TO = Pattern.compile("\"to\":\"([^\"]*)\"");

  private final HttpServer server;
  private final Map<String, Long> firstArrival = new ConcurrentHashMap<>();
  private final java.util.concurrent.atomic.AtomicLong received =
      new java.util.concurrent.atomic.AtomicLong();

  private MetaStub(HttpServer server) {
    this.server = server;
  }

  static MetaStub start() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    MetaStub stub = new MetaStub(server);
    server.createContext(
        "/",
        exchange -> {
          long now = System.nanoTime();
          String body;
          try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          }
          Matcher to = TO.matcher(body);
          String recipient = to.find() ? to.group(1) : "";
          stub.firstArrival.putIfAbsent(recipient, now);
          // Meta's ids are unique; two requests in the same nanosecond must not share one.
          long number = stub.received.incrementAndGet();
          byte[] answer =
              ("{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\""
                      + recipient
                      + "\",\"wa_id\":\""
                      + recipient
                      + "\"}],\"messages\":[{\"id\":\"wamid.bench-"
                      + number
                      + "\",\"message_status\":\"accepted\"}]}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    server.setExecutor(
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "meta-stub");
              t.setDaemon(true);
              return t;
            }));
    server.start();
    return stub;
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** How many messages it was sent in all. */
  long received() {
    return received.get();
  }

  /** When the first message to {@code recipient} (digits, as Meta writes them) arrived. */
  Long arrival(String recipient) {
    return firstArrival.get(recipient);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
