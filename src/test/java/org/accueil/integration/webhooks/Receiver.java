package org.accueil.integration.webhooks;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A webhook consumer on 127.0.0.1, as an integrator would run one: it records each request and
 * answers with the status a test chose.
 */
final class Receiver implements AutoCloseable {

  /** One request received; header names lower-cased. */
  record Received(String path, Map<String, String> headers, byte[] body) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private volatile int status = 200;
  private volatile Map<String, String> answerHeaders = Map.of();
  private volatile String answerBody = "ok";

  private Receiver() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext(
        "/",
        exchange -> {
          Map<String, String> headers = new TreeMap<>();
          exchange
              .getRequestHeaders()
              .forEach(
                  (name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.getFirst()));
          byte[] body = exchange.getRequestBody().readAllBytes();
          received.add(new Received(exchange.getRequestURI().getPath(), headers, body));
          answerHeaders.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
          byte[] answer = answerBody.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
          if (answer.length > 0) {
            exchange.getResponseBody().write(answer);
          }
          exchange.close();
        });
    server.start();
  }

  static Receiver start() {
    return new Receiver();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** From now on, answers {@code status} with {@code body} and these headers. */
  Receiver answering(int status, String body, Map<String, String> headers) {
    this.status = status;
    this.answerBody = body;
    this.answerHeaders = Map.copyOf(headers);
    return this;
  }

  Receiver answering(int status) {
    return answering(status, status == 200 ? "ok" : "no", Map.of());
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
